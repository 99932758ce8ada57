/// The folder and the name of a relative, slash-separated path, without NSString: Foundation's
/// `deletingLastPathComponent` traps on a one-character path (swift-corelibs-foundation, Swift
/// 6.3), and a file named `x` at the top of content/ must be an asset, not a crash.
enum PathParts {
    /// `a/b/c.md` → `a/b`; `c.md` → "".
    static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    /// `a/b/c.md` → `c.md`.
    static func name(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }
}
