/// Relative links between pages of the site, so that it works from file:// and from any sub-path.
public enum RelativePath {
    /// The path from the page at `from` to the file at `to`, both relative to the site root.
    public static func from(_ from: String, to target: String) -> String {
        root(from: from) + target
    }

    /// The prefix that leads from a page back to the site root (`""`, `"../"`, …).
    public static func root(from page: String) -> String {
        String(repeating: "../", count: max(0, segments(of: page) - 1))
    }

    /// The number of non-empty `/`-separated parts of a path, counted over its bytes (every page
    /// asks this for every link in its sidebar).
    static func segments(of path: String) -> Int {
        var count = 0
        var inSegment = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                inSegment = false
            } else if !inSegment {
                inSegment = true
                count += 1
            }
        }
        return count
    }

    /// Resolves `link` (relative to the folder of `page`) to a path relative to the root, or nil
    /// when it climbs out of the root.
    public static func resolve(_ link: String, from page: String) -> String? {
        var components = page.split(separator: "/").dropLast().map(String.init)
        for part in link.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(part))
            }
        }
        return components.joined(separator: "/")
    }
}
