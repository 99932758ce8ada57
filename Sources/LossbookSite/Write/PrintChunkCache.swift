import Foundation

/// Each page's part of `print.html` (its article, ids prefixed and links turned inward) as the
/// last build made it, in `.lossbook-cache/print/`, by the page's key and its place in the
/// course: an edit of one page then rewrites one page's ids, not the whole course's. The key
/// holds everything the part depends on (the page, its surroundings, the outline that numbers
/// the prefixes), so a part found under it is the part the page would give now.
struct PrintChunkCache {
    let directory: URL
    /// Output path → the page's key in this build.
    let pageKeys: [String: String]
    private(set) var used: Set<String> = []
    private let folderPath: String
    /// Whether this build has made sure the folder exists (once, not once a part).
    private var madeFolder = false

    init(directory: URL, pageKeys: [String: String]) {
        self.directory = directory
        self.pageKeys = pageKeys
        folderPath = directory.path
    }

    private static let version = "print chunk 1"

    private func name(for outputPath: String, prefix: String) -> String? {
        pageKeys[outputPath].map { FNV1a128.hex(of: [Self.version, $0, prefix, outputPath]) }
    }

    /// The page's part: from the cache when its key is there, else made by `make` and kept.
    mutating func chunk(for outputPath: String, prefix: String, make: () -> [UInt8]?) -> [UInt8]? {
        guard let name = name(for: outputPath, prefix: prefix) else { return make() }
        used.insert(name)
        let path = folderPath + "/" + name + ".html"
        if let data = FileManager.default.contents(atPath: path) { return [UInt8](data) }
        guard let made = make() else { return nil }
        if !madeFolder {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            madeFolder = true
        }
        // Written from the part's own bytes: a cold build writes a thousand of these.
        _ = made.withUnsafeBytes { try? AtomicFile.write($0, toPath: path) }
        return made
    }

    /// Removes the parts no page of this build used.
    func sweep() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasSuffix(".html") && !used.contains(String(name.dropLast(5))) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}
