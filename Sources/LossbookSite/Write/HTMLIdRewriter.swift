/// Rewrites the ids and links of one page's HTML so that it can live inside a bigger document
/// (the printable course): every `id` gets a prefix, and every reference to an id follows it —
/// `href="#x"`, `url(#x)` in any attribute (SVG clip paths), `aria-labelledby`/`describedby`,
/// `for`, `headers`. Links to other pages of the course become links inside the document; other
/// relative addresses (images) are made relative to the document's folder.
///
/// A scanner over tags, not a general HTML parser: it reads the markup lossbook itself writes
/// (HTMLWriter, KaTeX, LossPlot), where every attribute value is in double quotes. Text, comments
/// and raw-text elements pass through unchanged. Linear in the input; no recursion.
struct HTMLIdRewriter {
    /// The prefix for this page's ids (`p3-`).
    let prefix: String
    /// Maps a link that leaves the page (an address relative to the page, without its fragment)
    /// to the prefix of the page it names, if that page is part of the document.
    let pagePrefix: (String) -> String?
    /// Rewrites a relative address of a resource (image) for the document's folder.
    let resource: (String) -> String

    private static let idLists: Set<String> = ["aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers"]

    func rewrite(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + html.utf8.count / 16)
        let bytes = Array(html.utf8)
        var index = 0
        var textStart = 0
        var rawTextEnd: [UInt8]?
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if let end = rawTextEnd {
                // Inside <script> or <style>: only its end tag matters.
                if Self.matches(bytes, at: index, end) { rawTextEnd = nil }
                index += 1
                continue
            }
            if Self.matches(bytes, at: index, Array("<!--".utf8)) {
                var close = index + 4
                while close + 2 < bytes.count, !(bytes[close] == 0x2D && bytes[close + 1] == 0x2D && bytes[close + 2] == 0x3E) { close += 1 }
                index = min(bytes.count, close + 3)
                continue
            }
            guard index + 1 < bytes.count, Self.isLetter(bytes[index + 1]) else { index += 1; continue }
            // A start tag: copy the text before it, then the tag with its attributes rewritten.
            out += String(decoding: bytes[textStart..<index], as: UTF8.self)
            var cursor = index + 1
            while cursor < bytes.count, Self.isNameByte(bytes[cursor]) { cursor += 1 }
            let name = String(decoding: bytes[(index + 1)..<cursor], as: UTF8.self).lowercased()
            out += String(decoding: bytes[index..<cursor], as: UTF8.self)
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") {
                // An attribute: name, optionally = "value".
                let start = cursor
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "="), bytes[cursor] != UInt8(ascii: ">"),
                      bytes[cursor] != UInt8(ascii: "\"") { cursor += 1 }
                out += String(decoding: bytes[start..<cursor], as: UTF8.self)
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "="), cursor + 1 < bytes.count,
                      bytes[cursor + 1] == UInt8(ascii: "\"") else {
                    if cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") { out += String(decoding: [bytes[cursor]], as: UTF8.self); cursor += 1 }
                    continue
                }
                let attribute = String(decoding: bytes[start..<cursor], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
                let valueStart = cursor + 2
                var valueEnd = valueStart
                while valueEnd < bytes.count, bytes[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
                let value = String(decoding: bytes[valueStart..<min(valueEnd, bytes.count)], as: UTF8.self)
                out += "=\"" + rewriteValue(value, attribute: attribute) + "\""
                cursor = min(bytes.count, valueEnd + 1)
            }
            if cursor < bytes.count { out += ">"; cursor += 1 }
            if name == "script" || name == "style" { rawTextEnd = Array("</\(name)".utf8) }
            index = cursor
            textStart = cursor
        }
        out += String(decoding: bytes[min(textStart, bytes.count)...], as: UTF8.self)
        return out
    }

    private func rewriteValue(_ value: String, attribute: String) -> String {
        var value = value
        switch attribute {
        case "id":
            return prefix + value
        case "href", "xlink:href":
            if value.hasPrefix("#") { return "#" + prefix + value.dropFirst() }
            guard !Self.isExternal(value) else { return value }
            let (path, fragment) = Self.split(value)
            if let target = pagePrefix(path) { return "#" + target + (fragment ?? "top") }
            return resource(value)
        case "src":
            return Self.isExternal(value) || value.hasPrefix("data:") ? value : resource(value)
        case "for":
            return prefix + value
        default:
            if Self.idLists.contains(attribute) {
                return value.split(separator: " ").map { prefix + $0 }.joined(separator: " ")
            }
        }
        if value.contains("url(#") { value = value.replacingOccurrences(of: "url(#", with: "url(#" + prefix) }
        return value
    }

    private static func split(_ link: String) -> (String, String?) {
        guard let hash = link.firstIndex(of: "#") else { return (link, nil) }
        let fragment = String(link[link.index(after: hash)...])
        return (String(link[..<hash]), fragment.isEmpty ? nil : fragment)
    }

    static func isExternal(_ link: String) -> Bool {
        if link.hasPrefix("//") || link.hasPrefix("/") { return true }
        guard let colon = link.firstIndex(of: ":") else { return false }
        let scheme = link[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    private static func matches(_ bytes: [UInt8], at index: Int, _ needle: [UInt8]) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where Self.lower(bytes[index + offset]) != needle[offset] { return false }
        return true
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x3A }
}
