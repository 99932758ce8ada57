#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LossbookSite

/// Dates in HTTP's fixed format (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7) and entity
/// tags from content, for conditional requests. No `DateFormatter`: it is not `Sendable`, and
/// the one format we write is simple enough to do by hand.
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds since 1970 as an IMF-fixdate.
    static func format(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// Parses an IMF-fixdate; nil for anything else (the obsolete formats are not worth it here:
    /// browsers send back exactly what we wrote).
    static func parse(_ text: String) -> Int? {
        let fields = text.split(separator: " ")
        guard fields.count == 6, fields[5] == "GMT", fields[0].hasSuffix(","),
              let day = Int32(fields[1]), let monthIndex = months.firstIndex(of: String(fields[2])),
              let year = Int32(fields[3]) else { return nil }
        let clock = fields[4].split(separator: ":")
        guard clock.count == 3, let hour = Int32(clock[0]), let minute = Int32(clock[1]), let second = Int32(clock[2]) else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = Int32(monthIndex)
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        return Int(timegm(&parts))
    }
}

enum EntityTag {
    /// A strong tag from the bytes served: 64-bit FNV-1a, so that a rebuild that leaves a file's
    /// content as it was keeps its tag and the browser keeps its copy.
    static func of(_ bytes: some Sequence<UInt8>) -> String {
        let hex = String(FNV1a64.hash(bytes), radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether an `If-None-Match` value names `tag` (weak comparison, as RFC 9110 §13.1.2 asks).
    static func matches(ifNoneMatch header: String, tag: String) -> Bool {
        let bare = { (value: Substring) -> Substring in
            let trimmed = value.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
            let text = Substring(String(trimmed))
            return text.hasPrefix("W/") ? text.dropFirst(2) : text
        }
        let wanted = bare(Substring(tag))
        for candidate in header.split(separator: ",") {
            let value = bare(candidate)
            if value == "*" || value == wanted { return true }
        }
        return false
    }
}
