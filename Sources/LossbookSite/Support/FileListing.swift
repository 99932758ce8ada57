import Foundation

/// Listing a folder's files the same way everywhere: the content and assets folders, the engine's
/// sources for runnable Swift, the tests' fixtures.
enum FileListing {
    /// Regular files below `directory`, relative and sorted; empty when it does not exist.
    static func regularFiles(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil,
                                                              options: [.skipsHiddenFiles]) else { return [] }
        let base = directory.standardizedFileURL.path + "/"
        var result: [String] = []
        for case let url as URL in enumerator {
            var isDirectory: ObjCBool = false
            let path = url.standardizedFileURL.path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue, path.hasPrefix(base) {
                result.append(String(path.dropFirst(base.count)))
            }
        }
        return result.sorted()
    }
}
