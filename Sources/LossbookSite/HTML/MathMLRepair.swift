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
    private static let mrowOpen = Array("<mrow>".utf8)
    private static let mrowClose = Array("</mrow>".utf8)

    static func repair(_ html: String) -> String {
        ByteSearch.withUTF8(html) { bytes -> String in
            // Fast path: almost every formula has no operator name.
            guard var next = firstOperator(in: bytes, from: 0) else { return html }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var position = 0
            while true {
                let (at, length) = next
                let end = at + length
                // The <mi …>name</mi> right before the operator, if that is what precedes it.
                if at - position >= miClose.count, ByteSearch.matches(miClose, in: bytes, at: at - miClose.count),
                   let open = ByteSearch.findLast(miOpen, in: bytes, from: position, to: at),
                   isSingleElement(bytes, from: open, to: at) {
                    out.append(contentsOf: bytes[position..<open])
                    out.append(contentsOf: mrowOpen)
                    out.append(contentsOf: bytes[open..<end])
                    out.append(contentsOf: mrowClose)
                } else {
                    out.append(contentsOf: bytes[position..<end])
                }
                position = end
                guard let found = firstOperator(in: bytes, from: position) else { break }
                next = found
            }
            out.append(contentsOf: bytes[position...])
            return String(decoding: out, as: UTF8.self)
        }
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
