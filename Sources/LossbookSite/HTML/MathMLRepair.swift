/// Repairs one known flaw in KaTeX's MathML before it is written to the page.
///
/// KaTeX (0.16) writes an operator name such as `\min` or `\log` as two siblings, `<mi>min</mi>`
/// and `<mo>` holding U+2061 FUNCTION APPLICATION, and only wraps them in an `<mrow>` when the
/// operator is the base of a script. As a script's argument (`\ell_{\min}`), the pair is spliced
/// into the `<msub>`, which then has three children where MathML allows two: invalid MathML that
/// screen readers and validators reject. Wrapping every such pair in its own `<mrow>` is always
/// valid and means the same, so this does it everywhere rather than guessing the parent.
///
/// It runs on every formula of every page, so it scans bytes: the tags are ASCII around one
/// scalar, and a formula without them is returned as it is after three byte searches.
enum MathMLRepair {
    static let applyFunction = "\u{2061}"

    private static let operatorTags = ["<mo>\(applyFunction)</mo>", "<mo>&#8289;</mo>", "<mo>&#x2061;</mo>"].map { Array($0.utf8) }
    private static let moOpen = Array("<mo>".utf8)
    private static let miOpen = Array("<mi".utf8)
    private static let miClose = Array("</mi>".utf8)
    private static let mrowOpen = "<mrow>"
    private static let mrowClose = "</mrow>"

    static func repair(_ html: String) -> String {
        let pairs = ByteSearch.withUTF8(html) { bytes in wrappedPairs(in: bytes) }
        // Fast path: almost every formula has no operator name.
        guard !pairs.isEmpty else { return html }
        // Put together from pieces of `html`, whose UTF-8 is known to be valid, and the two
        // tags: a String made of the repaired bytes was validated again (34,000 instructions for
        // a formula of a few kilobytes).
        let utf8 = html.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        var out = ""
        out.reserveCapacity(utf8.count + pairs.count * (mrowOpen.utf8.count + mrowClose.utf8.count))
        var position = 0
        for pair in pairs {
            out += html[index(position)..<index(pair.lowerBound)]
            out += mrowOpen
            out += html[index(pair.lowerBound)..<index(pair.upperBound)]
            out += mrowClose
            position = pair.upperBound
        }
        out += html[index(position)...]
        return out
    }

    /// The byte ranges to wrap in an `<mrow>`: each operator tag with the `<mi …>name</mi>` right
    /// before it, when that is what precedes it.
    private static func wrappedPairs(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var pairs: [Range<Int>] = []
        var position = 0
        while let (at, length) = firstOperator(in: bytes, from: position) {
            let end = at + length
            if at - position >= miClose.count, ByteSearch.matches(miClose, in: bytes, at: at - miClose.count),
               let open = ByteSearch.findLast(miOpen, in: bytes, from: position, to: at),
               isSingleElement(bytes, from: open, to: at) {
                pairs.append(open..<end)
            }
            position = end
        }
        return pairs
    }

    /// The earliest operator tag at or after `start`: its offset and length. KaTeX's output is
    /// mostly tags, so this does not visit every `<`: each spelling has a telling byte at a fixed
    /// place (U+2061's last byte, 0xA1, six bytes in; the entities' `&`, four bytes in), which
    /// `memchr` finds, and only there is a tag compared. A formula without an operator name, nearly
    /// every one, costs two `memchr` passes.
    private static func firstOperator(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Int)? {
        let raw = firstTag(keyedBy: 0xA1, at: moOpen.count + 2, in: bytes, from: start)
        let entity = firstTag(keyedBy: UInt8(ascii: "&"), at: moOpen.count, in: bytes, from: start)
        switch (raw, entity) {
        case let (raw?, entity?): return raw.0 <= entity.0 ? raw : entity
        case let (raw?, nil): return raw
        case let (nil, entity): return entity
        }
    }

    /// The earliest operator tag at or after `start` that has `key` `offset` bytes in.
    private static func firstTag(keyedBy key: UInt8, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Int)? {
        var index = start + offset
        while let found = ByteSearch.firstIndex(of: key, in: bytes, from: index) {
            let at = found - offset
            for tag in operatorTags where ByteSearch.matches(tag, in: bytes, at: at) { return (at, tag.count) }
            index = found + 1
        }
        return nil
    }

    /// Whether `bytes[start..<end]` is exactly one `<mi …>text</mi>` element with no markup inside
    /// (it starts with `<mi` and ends with `</mi>`, checked by the caller).
    private static func isSingleElement(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        let innerStart = start + miOpen.count, innerEnd = end - miClose.count
        guard innerStart <= innerEnd else { return false }
        guard let close = (innerStart..<innerEnd).first(where: { bytes[$0] == UInt8(ascii: ">") }) else { return false }
        let attributesEmpty = close == innerStart
        guard attributesEmpty || bytes[innerStart] == UInt8(ascii: " ") else { return false }
        return !(close + 1..<innerEnd).contains { bytes[$0] == UInt8(ascii: "<") || bytes[$0] == UInt8(ascii: ">") }
    }
}
