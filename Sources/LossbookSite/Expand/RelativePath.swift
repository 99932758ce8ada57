/// Relative links between pages of the site, so that it works from file:// and from any sub-path.
public enum RelativePath {
    /// The path from the page at `from` to the file at `to`, both relative to the site root, as
    /// a URL: the file's name percent-encoded, so that `#`, `?`, `%`, `\\` and spaces in it stay
    /// part of the name when a browser follows the link.
    public static func from(_ from: String, to target: String) -> String {
        root(from: from) + encoded(target)
    }

    /// A site path as a URL path: every byte that is not unreserved, `/` or a sub-delimiter is
    /// percent-encoded (UTF-8), so the browser asks the server for exactly this file.
    public static func encoded(_ path: String) -> String {
        // Most paths need no encoding (every page asks this for every link in its sidebar): they
        // are returned as they are, and the others are encoded as bytes, by a table.
        guard !path.utf8.allSatisfy({ allowed[Int($0)] }) else { return path }
        var result: [UInt8] = []
        result.reserveCapacity(path.utf8.count * 3)
        for byte in path.utf8 {
            if allowed[Int(byte)] {
                result.append(byte)
            } else {
                result += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether each byte stays as it is in a URL path.
    private static let allowed: [Bool] = {
        let bytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=:@".utf8)
        return (0..<256).map { bytes.contains(UInt8($0)) }
    }()
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

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
