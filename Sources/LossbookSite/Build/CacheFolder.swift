import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cache folder must be a folder, or a path where one can be made: checked before a build or
/// check starts, so that a file in its place is named as the cause instead of surfacing as a
/// failure to write some file inside it, blamed on whatever note needed the cache first.
enum CacheFolder {
    static func check(_ options: BuildOptions) throws(BuildFailure) {
        guard let cache = options.cacheDirectory?.standardizedFileURL else { return }
        // Inside the content or templates folder the cache's files are read as the course's:
        // copied into the site as assets, and swept by the build while being copied. A hidden
        // folder is never read (the loaders skip hidden names), so `content/.cache` is fine.
        for (name, folder) in [("content folder", options.contentDirectory), ("templates folder", options.templatesDirectory)] {
            let root = folder.standardizedFileURL.path
            guard cache.path == root || cache.path.hasPrefix(root + "/") else { continue }
            if cache.path.dropFirst(root.count).split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            throw BuildFailure([.error(.cacheInsideCourse, at: nil,
                                       "the cache folder '\(cache.path)' is inside the \(name) '\(root)', whose files are read as the course's "
                                       + "(and published with it); choose a folder outside it, or a hidden one, with --cache")])
        }
        var path = cache
        while path.pathComponents.count > 1 {
            var info = stat()
            if lstat(path.path, &info) == 0 {
                // A link to a folder is fine; stat follows it.
                var target = stat()
                if stat(path.path, &target) == 0, (target.st_mode & S_IFMT) == S_IFDIR { return }
                let what = (info.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link that leads to no folder" : "a file, not a folder"
                let message = path == cache
                    ? "the cache folder '\(cache.path)' is \(what); remove it (it holds only what a build can remake) or choose another with --cache"
                    : "cannot keep the cache in '\(cache.path)': '\(path.path)' is \(what); choose another folder with --cache"
                throw BuildFailure([.error(.cacheNotAFolder, at: nil, message)])
            }
            path = path.deletingLastPathComponent()
        }
    }
}
