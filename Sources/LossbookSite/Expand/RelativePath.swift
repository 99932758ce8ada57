/// Relative links between pages of the site, so that it works from file:// and from any sub-path.
public enum RelativePath {
    /// The path from the page at `from` to the file at `to`, both relative to the site root.
    public static func from(_ from: String, to target: String) -> String {
        let depth = from.split(separator: "/").count - 1
        return String(repeating: "../", count: max(0, depth)) + target
    }

    /// The prefix that leads from a page back to the site root (`""`, `"../"`, …).
    public static func root(from page: String) -> String {
        String(repeating: "../", count: max(0, page.split(separator: "/").count - 1))
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
