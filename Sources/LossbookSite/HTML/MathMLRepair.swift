import Foundation

/// Repairs one known flaw in KaTeX's MathML before it is written to the page.
///
/// KaTeX (0.16) writes an operator name such as `\min` or `\log` as two siblings, `<mi>min</mi>`
/// and `<mo>` holding U+2061 FUNCTION APPLICATION, and only wraps them in an `<mrow>` when the
/// operator is the base of a script. As a script's argument (`\ell_{\min}`), the pair is spliced
/// into the `<msub>`, which then has three children where MathML allows two: invalid MathML that
/// screen readers and validators reject. Wrapping every such pair in its own `<mrow>` is always
/// valid and means the same, so this does it everywhere rather than guessing the parent.
enum MathMLRepair {
    static let applyFunction = "\u{2061}"

    static func repair(_ html: String) -> String {
        // Fast path: almost every formula has no operator name.
        guard html.contains(applyFunction) || html.contains("&#8289;") || html.contains("&#x2061;") else { return html }
        var out = ""
        out.reserveCapacity(html.count + 64)
        var rest = Substring(html)
        let operatorTags = ["<mo>\(applyFunction)</mo>", "<mo>&#8289;</mo>", "<mo>&#x2061;</mo>"]
        while let (range, tag) = firstOperator(in: rest, tags: operatorTags) {
            let before = rest[..<range.lowerBound]
            // The <mi …>name</mi> right before the operator, if that is what precedes it.
            if before.hasSuffix("</mi>"), let open = before.range(of: "<mi", options: .backwards),
               isSingleElement(before[open.lowerBound...]) {
                out += before[..<open.lowerBound]
                out += "<mrow>" + before[open.lowerBound...] + tag + "</mrow>"
                rest = rest[range.upperBound...]
                continue
            }
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }

    private static func firstOperator(in text: Substring, tags: [String]) -> (Range<Substring.Index>, String)? {
        var best: (Range<Substring.Index>, String)?
        for tag in tags {
            if let range = text.range(of: tag), best == nil || range.lowerBound < best!.0.lowerBound { best = (range, tag) }
        }
        return best
    }

    /// Whether `text` is exactly one `<mi …>text</mi>` element with no markup inside.
    private static func isSingleElement(_ text: Substring) -> Bool {
        guard text.hasPrefix("<mi"), text.hasSuffix("</mi>") else { return false }
        let inner = text.dropFirst(3).dropLast(5)
        guard let close = inner.firstIndex(of: ">") else { return false }
        let attributes = inner[..<close], content = inner[inner.index(after: close)...]
        return (attributes.isEmpty || attributes.first == " ") && !content.contains("<") && !content.contains(">")
    }
}
