import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides, before a build does any work, whether the output folder may be replaced: a build
/// swaps a whole new folder in, so whatever was there is gone. lossbook replaces only
///
/// - a path where nothing exists yet, or an empty folder;
/// - a folder it wrote itself: it holds the stamp file `.lossbook-site` that every build writes;
/// - a site written by a lossbook from before the stamp: a folder holding lossbook's own
///   `404.html`, `assets/search-index.js` and `assets/contents.js` (and no `.git`).
///
/// and never the content, templates or cache folder, the project folder, a folder that contains
/// any of them or lies inside content, templates or cache, a file, or a symbolic link.
public enum OutputGuard {
    /// The stamp file a build leaves at the top of the site.
    public static let stampName = ".lossbook-site"
    /// Its text: fixed, so that the site stays byte-identical from build to build.
    static let stampText = "This folder was written by `lossbook build`, which replaces it whole on the next build.\n"
    /// The files only a lossbook site has, for a site written before the stamp existed.
    static let legacyMarkers = ["404.html", "assets/search-index.js", "assets/contents.js"]

    /// Throws one located error when building into `options.outputDirectory` could destroy
    /// something that is not a site lossbook wrote.
    public static func check(_ options: BuildOptions) throws(BuildFailure) {
        if let problem = problem(with: options) {
            throw BuildFailure([.error(.outputRefused, at: nil, problem)])
        }
    }

    /// Why the output folder may not be replaced; nil when it may.
    static func problem(with options: BuildOptions) -> String? {
        let output = options.outputDirectory.standardizedFileURL
        let shown = output.path
        var info = stat()
        let exists = lstat(shown, &info) == 0
        if exists, (info.st_mode & S_IFMT) == S_IFLNK {
            return "refusing to write the site to '\(shown)': it is a symbolic link; give the folder it points to as --output"
        }
        if exists, (info.st_mode & S_IFMT) != S_IFDIR {
            return "refusing to write the site to '\(shown)': it is a file, not a folder, and the site would replace it"
        }
        let target = canonical(output)
        if target.pathComponents.count <= 1 {
            return "refusing to write the site to '\(shown)': it is the root of the file system"
        }
        var protected: [(String, URL)] = [("content folder", options.contentDirectory),
                                          ("templates folder", options.templatesDirectory)]
        if let cache = options.cacheDirectory { protected.append(("cache folder", cache)) }
        if let project = options.projectDirectory { protected.append(("project folder", project)) }
        let kept = protected.map { (name: $0.0, shown: $0.1.standardizedFileURL.path, path: canonical($0.1.standardizedFileURL)) }
        if let same = kept.first(where: { $0.path == target }) {
            return "refusing to write the site to '\(shown)': it is the \(same.name), which the site would replace"
        }
        if let inside = kept.first(where: { contains(target, $0.path) }) {
            return "refusing to write the site to '\(shown)': it contains the \(inside.name) '\(inside.shown)', which the site would replace"
        }
        if let outer = kept.first(where: { $0.name != "project folder" && contains($0.path, target) }) {
            return "refusing to write the site to '\(shown)': it is inside the \(outer.name) '\(outer.shown)'"
        }
        guard exists else { return nil }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: shown)) ?? []
        if entries.isEmpty { return nil }
        if entries.contains(".git") {
            return "refusing to write the site to '\(shown)': it holds a .git folder, which the site would replace; build elsewhere and copy the site in"
        }
        if isStamped(output) { return nil }
        if legacyMarkers.allSatisfy({ isRegularFile(output.appendingPathComponent($0)) }) { return nil }
        return "refusing to write the site to '\(shown)': the folder is not empty and was not written by lossbook (it has no \(stampName) file), "
            + "and the site would replace it; choose a new or empty folder for --output"
    }

    /// The folder holds lossbook's stamp file.
    static func isStamped(_ folder: URL) -> Bool {
        let stamp = folder.appendingPathComponent(stampName)
        guard isRegularFile(stamp), let data = FileManager.default.contents(atPath: stamp.path) else { return false }
        return data == Data(stampText.utf8)
    }

    private static func isRegularFile(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// `inner` lies strictly inside `outer`.
    private static func contains(_ outer: URL, _ inner: URL) -> Bool {
        let outerParts = outer.pathComponents
        let innerParts = inner.pathComponents
        return innerParts.count > outerParts.count && Array(innerParts.prefix(outerParts.count)) == outerParts
    }

    /// The path with every symbolic link of its existing part resolved, so that `./site/..` or a
    /// link to the project compares equal to the project.
    static func canonical(_ url: URL) -> URL {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while existing.pathComponents.count > 1, !FileManager.default.fileExists(atPath: existing.path) {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var resolved = existing.path
        if let real = realpath(existing.path, nil) {
            resolved = String(cString: real)
            free(real)
        }
        var result = URL(fileURLWithPath: resolved)
        for component in rest { result.appendPathComponent(component) }
        return result.standardizedFileURL
    }
}
