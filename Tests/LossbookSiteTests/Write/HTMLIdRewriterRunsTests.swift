import XCTest
@testable import LossbookSite

/// The rewriter copies what stays in runs; these compare it with the earlier rewriter, which
/// copied tag by tag and attribute by attribute (kept here as the reference), on markup
/// assembled from the pieces lossbook writes and from broken pieces: cut-off values, tags and
/// comments, raw text, quotes and `=` where they do not belong.
final class HTMLIdRewriterRunsTests: XCTestCase {
    private let rewriter = HTMLIdRewriter(prefix: "p7-", pagePrefix: { $0 == "other.html" ? "p2-" : nil },
                                          resource: { "../" + $0 })

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x3A }
    private static func matches(_ bytes: [UInt8], at index: Int, _ needle: [UInt8]) -> Bool {
        index + needle.count <= bytes.count && zip(bytes[index...], needle).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0) == $1 }
    }
    private static func named(_ bytes: ArraySlice<UInt8>, _ text: String) -> Bool {
        bytes.count == text.utf8.count && zip(bytes, text.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }

    /// The earlier `rewrite(bytes:into:)`.
    private func reference(_ bytes: [UInt8]) -> ([UInt8], Bool) {
        var out: [UInt8] = []
        var clean = true, index = 0, textStart = 0
        var rawTextEnd: [UInt8]?
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if let end = rawTextEnd {
                if Self.matches(bytes, at: index, end) { rawTextEnd = nil }
                index += 1
                continue
            }
            if Self.matches(bytes, at: index, Array("<!--".utf8)) {
                var close = index + 4
                while close + 2 < bytes.count, !(bytes[close] == 0x2D && bytes[close + 1] == 0x2D && bytes[close + 2] == 0x3E) { close += 1 }
                if close + 2 >= bytes.count { clean = false }
                index = min(bytes.count, close + 3)
                continue
            }
            guard index + 1 < bytes.count, Self.isLetter(bytes[index + 1]) else { index += 1; continue }
            out.append(contentsOf: bytes[textStart..<index])
            var cursor = index + 1
            while cursor < bytes.count, Self.isNameByte(bytes[cursor]) { cursor += 1 }
            let nameStart = index + 1, nameEnd = cursor
            out.append(contentsOf: bytes[index..<cursor])
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") {
                let start = cursor
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "="), bytes[cursor] != UInt8(ascii: ">"),
                      bytes[cursor] != UInt8(ascii: "\"") { cursor += 1 }
                out.append(contentsOf: bytes[start..<cursor])
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "="), cursor + 1 < bytes.count,
                      bytes[cursor + 1] == UInt8(ascii: "\"") else {
                    if cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") { out.append(bytes[cursor]); cursor += 1 }
                    continue
                }
                let valueStart = cursor + 2
                let valueEnd = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) ?? bytes.count
                out.append(contentsOf: Array("=\"".utf8))
                if let attribute = HTMLIdRewriter.attributeOfInterest(bytes[start..<cursor], value: bytes[valueStart..<valueEnd]) {
                    out.append(contentsOf: rewriter.rewriteValue(String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self), attribute: attribute).utf8)
                } else {
                    out.append(contentsOf: bytes[valueStart..<valueEnd])
                }
                out.append(UInt8(ascii: "\""))
                cursor = min(bytes.count, valueEnd + 1)
            }
            if cursor < bytes.count { out.append(UInt8(ascii: ">")); cursor += 1 } else { clean = false }
            if Self.named(bytes[nameStart..<nameEnd], "script") { rawTextEnd = Array("</script".utf8) }
            if Self.named(bytes[nameStart..<nameEnd], "style") { rawTextEnd = Array("</style".utf8) }
            index = cursor
            textStart = cursor
        }
        out.append(contentsOf: bytes[min(textStart, bytes.count)...])
        return (out, clean && rawTextEnd == nil)
    }

    func testSameBytesAsCopyingTagByTag() {
        let pieces = ["<p>", "</p>", "text ", "é ", "<a href=\"#x\">", "<a href=\"other.html#s\">", "<a href=\"https://e.org/\">",
                      "<img src=\"fig.png\" alt=\"a\">", "<span id=\"eq-1\" class=\"k\">", "<path d=\"M0,1L2,3\" clip-path=\"url(#c)\"/>",
                      "<label for=\"x\">", "<div aria-describedby=\"a b\">", "<td headers=\"h1 h2\">", "<g ID=\"Up\">",
                      "<!-- c -->", "<!-- open", "<script>var a = \"<b id=\\\"q\\\">\";</script>", "<style>.a{}</style>", "<SCRIPT>",
                      "<x y=\"", "<x y=\"v", "<x y=", "<x y", "<x", "<", ">", "\"", "=", "<b =\"v\">", "<i a=b>", "<i a\"b\">",
                      "<svg viewBox=\"0 0 1 1\">", "</svg>", "<use xlink:href=\"#m\"/>", "<a href=\"#\">", " id=\"z\""]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let html = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(html.utf8)
            var out: [UInt8] = Array("kept".utf8)
            let clean = bytes.withUnsafeBufferPointer { rewriter.rewrite(bytes: $0, into: &out) }
            let (expected, expectedClean) = reference(bytes)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), "kept" + String(decoding: expected, as: UTF8.self), html)
            XCTAssertEqual(clean, expectedClean, html)
        }
    }
}
