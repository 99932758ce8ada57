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
        ByteSearch.withUTF8(html) { String(decoding: rewrite(bytes: $0), as: UTF8.self) }
    }

    /// The same over UTF-8 bytes, for a caller that has them (the print page cuts the article
    /// out of the page as bytes): no copy of the input, no String until the caller makes one.
    func rewrite(bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        _ = rewrite(bytes: bytes, into: &out)
        return out
    }

    /// The same, appended to `out`. True when the input ends where it began: outside any tag,
    /// comment, `<script>` or `<style>`, so that a piece of a page rewritten on its own gives what
    /// rewriting it with the rest of the page would (the print page rewrites a page's pieces).
    func rewrite(bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        // Bytes in, bytes out: only the values of the attributes that name ids become Strings
        // (a page's KaTeX and SVG hold tens of thousands of attributes that stay as they are).
        // What stays is copied in runs, up to each value that changes (`copied` is where the
        // next run starts), not tag by tag and attribute by attribute.
        var clean = true
        var index = 0
        var copied = 0
        var rawTextEnd: [UInt8]?
        func copy(upTo end: Int) {
            if end > copied { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<end])) }
            copied = max(copied, end)
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index = ByteSearch.firstIndex(of: UInt8(ascii: "<"), in: bytes, from: index) ?? bytes.count
                continue
            }
            if let end = rawTextEnd {
                // Inside <script> or <style>: only its end tag matters.
                if Self.matches(bytes, at: index, end) { rawTextEnd = nil }
                index += 1
                continue
            }
            if Self.matches(bytes, at: index, Self.commentOpen) {
                var close = index + 4
                while close + 2 < bytes.count, !(bytes[close] == 0x2D && bytes[close + 1] == 0x2D && bytes[close + 2] == 0x3E) { close += 1 }
                if close + 2 >= bytes.count { clean = false }
                index = min(bytes.count, close + 3)
                continue
            }
            guard index + 1 < bytes.count, Self.isLetter(bytes[index + 1]) else { index += 1; continue }
            // A start tag: its attributes, a value rewritten where it names an id.
            var cursor = index + 1
            while cursor < bytes.count, Self.isNameByte(bytes[cursor]) { cursor += 1 }
            let nameStart = index + 1, nameEnd = cursor
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") {
                // An attribute: name, optionally = "value".
                let start = cursor
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "="), bytes[cursor] != UInt8(ascii: ">"),
                      bytes[cursor] != UInt8(ascii: "\"") { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "="), cursor + 1 < bytes.count,
                      bytes[cursor + 1] == UInt8(ascii: "\"") else {
                    if cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                    continue
                }
                let valueStart = cursor + 2
                // memchr to the closing quote: most of a figure's bytes are its paths' `d` values.
                let valueEnd = ByteSearch.firstIndex(of: UInt8(ascii: "\""), in: bytes, from: valueStart) ?? bytes.count
                if let attribute = Self.attributeOfInterest(bytes[start..<cursor], value: bytes[valueStart..<valueEnd]) {
                    copy(upTo: valueStart)
                    let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                    out.append(contentsOf: rewriteValue(value, attribute: attribute).utf8)
                    copied = valueEnd
                }
                if valueEnd == bytes.count {
                    // A value the input cuts off is closed, as a whole page would have it.
                    copy(upTo: valueEnd)
                    out.append(UInt8(ascii: "\""))
                }
                cursor = min(bytes.count, valueEnd + 1)
            }
            if cursor < bytes.count { cursor += 1 } else { clean = false }
            if Self.equalsIgnoringCase(bytes[nameStart..<nameEnd], "script") { rawTextEnd = Array("</script".utf8) }
            if Self.equalsIgnoringCase(bytes[nameStart..<nameEnd], "style") { rawTextEnd = Array("</style".utf8) }
            index = cursor
        }
        copy(upTo: bytes.count)
        return clean && rawTextEnd == nil
    }

    private static let commentOpen = Array("<!--".utf8)
    private static let lengths: Set<Int> = [2, 3, 4, 7, 9, 10, 13, 15, 16]
    private static let initials: Set<UInt8> = [UInt8(ascii: "i"), UInt8(ascii: "h"), UInt8(ascii: "x"), UInt8(ascii: "s"),
                                               UInt8(ascii: "f"), UInt8(ascii: "a")]
    private static let named: [String] = ["id", "href", "xlink:href", "src", "for", "aria-labelledby", "aria-describedby",
                                          "aria-controls", "aria-owns", "headers"]

    /// The attribute's name when its value may name an id (lower-cased), else nil. Also asked by
    /// `HTMLWriter` for each attribute it writes, so that both read attributes alike.
    static func attributeOfInterest<Name: BidirectionalCollection, Value: Sequence>(_ name: Name, value: Value) -> String?
        where Name.Element == UInt8, Value.Element == UInt8 {
        var trimmed = name[...]
        while let first = trimmed.first, first == 0x20 || first == 0x0A || first == 0x09 || first == 0x0D { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last == 0x20 || last == 0x0A || last == 0x09 || last == 0x0D { trimmed = trimmed.dropLast() }
        // Most attributes are class and style: rejected by their length and first letter.
        if let first = trimmed.first, lengths.contains(trimmed.count), initials.contains(lower(first)) {
            for candidate in named where equalsIgnoringCase(trimmed, candidate) { return candidate }
        }
        // Any other attribute matters only if it holds url(#…) (SVG clip paths, fills, markers).
        let referring = value.withContiguousStorageIfAvailable { holdsReference(in: $0) } ?? {
            var previous: UInt8 = 0
            for byte in value {
                if byte == UInt8(ascii: "#"), previous == UInt8(ascii: "(") { return true }
                previous = byte
            }
            return false
        }()
        return referring ? String(decoding: trimmed, as: UTF8.self).lowercased() : nil
    }

    /// Whether `value` holds `(#`, found by memchr for `#`: a path's `d` value is long and has none.
    private static func holdsReference(in value: UnsafeBufferPointer<UInt8>) -> Bool {
        var from = 0
        while let at = ByteSearch.firstIndex(of: UInt8(ascii: "#"), in: value, from: from) {
            if at > 0, value[at - 1] == UInt8(ascii: "(") { return true }
            from = at + 1
        }
        return false
    }

    private static func equalsIgnoringCase<Bytes: Collection>(_ bytes: Bytes, _ text: String) -> Bool where Bytes.Element == UInt8 {
        guard bytes.count == text.utf8.count else { return false }
        return zip(bytes, text.utf8).allSatisfy { lower($0) == $1 }
    }

    /// An attribute's value (as written, escaped) in the print page; `attribute` as
    /// `attributeOfInterest` names it.
    func rewriteValue(_ value: String, attribute: String) -> String {
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
                // ASCII (every id lossbook writes) is split by bytes, the same cuts as by
                // Characters; a space before a combining mark is not one Character of its own.
                guard value.utf8.allSatisfy({ $0 < 0x80 }) else {
                    return value.split(separator: " ").map { prefix + $0 }.joined(separator: " ")
                }
                return value.utf8.split(separator: UInt8(ascii: " ")).map { prefix + Substring($0) }.joined(separator: " ")
            }
        }
        // By bytes, as `attributeOfInterest` found it: Foundation's search walked graphemes
        // (most of the print page's time in a figure's clip paths).
        return ByteSearch.replacingAll("url(#", with: "url(#" + prefix, in: value)
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

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ needle: [UInt8]) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where Self.lower(bytes[index + offset]) != needle[offset] { return false }
        return true
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x3A }
}
