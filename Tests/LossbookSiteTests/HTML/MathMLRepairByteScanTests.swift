import Foundation
import XCTest
@testable import LossbookSite

/// The repair scans bytes; these compare it with the character-based search it replaced (kept
/// here as the reference) on many formulas assembled from the pieces KaTeX writes.
final class MathMLRepairByteScanTests: XCTestCase {
    /// The earlier implementation, with Foundation's `range(of:)`, as the reference.
    private func reference(_ html: String) -> String {
        let apply = "\u{2061}"
        guard html.contains(apply) || html.contains("&#8289;") || html.contains("&#x2061;") else { return html }
        var out = ""
        var rest = Substring(html)
        let tags = ["<mo>\(apply)</mo>", "<mo>&#8289;</mo>", "<mo>&#x2061;</mo>"]
        func first(_ text: Substring) -> (Range<Substring.Index>, String)? {
            var best: (Range<Substring.Index>, String)?
            for tag in tags {
                if let range = text.range(of: tag), best == nil || range.lowerBound < best!.0.lowerBound { best = (range, tag) }
            }
            return best
        }
        func single(_ text: Substring) -> Bool {
            guard text.hasPrefix("<mi"), text.hasSuffix("</mi>") else { return false }
            let inner = text.dropFirst(3).dropLast(5)
            guard let close = inner.firstIndex(of: ">") else { return false }
            let attributes = inner[..<close], content = inner[inner.index(after: close)...]
            return (attributes.isEmpty || attributes.first == " ") && !content.contains("<") && !content.contains(">")
        }
        while let (range, tag) = first(rest) {
            let before = rest[..<range.lowerBound]
            if before.hasSuffix("</mi>"), let open = before.range(of: "<mi", options: .backwards), single(before[open.lowerBound...]) {
                out += before[..<open.lowerBound]
                out += "<mrow>" + before[open.lowerBound...] + tag + "</mrow>"
                rest = rest[range.upperBound...]
                continue
            }
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    func testSameAsTheCharacterBasedSearchOnAssembledFormulas() {
        let pieces = ["<mi>log</mi>", "<mi mathvariant=\"normal\">ℓ</mi>", "<mo>\u{2061}</mo>", "<mo>&#8289;</mo>",
                      "<mo>&#x2061;</mo>", "<msub>", "</msub>", "<mi>x</mi>", "<mn>2</mn>", "<mrow>", "</mrow>",
                      "<mi><b>a</b></mi>", "<mi>", "</mi>", "<mi>é</mi>", "<mo>=</mo>", "\u{2061}", "<mix>y</mi>",
                      "<mi class=\"a\">min</mi>", "text", "<", ">", "<mi>a>b</mi>",
                      // Bytes the scan keys on, in other places: 0xA1 ends ¡, Ρ and ‡; `&` starts other entities.
                      "¡", "Ρ", "‡", "<mo>‡</mo>", "&", "&amp;", "<mo>&amp;</mo>", "<mo>", "</mo>", "&#8289;", "&#x2061;"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let count = Int.random(in: 0...12, using: &generator)
            let html = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(MathMLRepair.repair(html), reference(html), html)
        }
    }

    func testEarliestOfTheThreeFormsIsTakenFirst() {
        let html = "<mi>a</mi><mo>&#x2061;</mo><mi>b</mi><mo>\u{2061}</mo><mi>c</mi><mo>&#8289;</mo>"
        XCTAssertEqual(MathMLRepair.repair(html),
                       "<mrow><mi>a</mi><mo>&#x2061;</mo></mrow><mrow><mi>b</mi><mo>\u{2061}</mo></mrow><mrow><mi>c</mi><mo>&#8289;</mo></mrow>")
    }

    func testAFormulaWithoutOperatorNamesIsReturnedUnchanged() {
        let html = "<span class=\"katex\"><math><mi>x</mi><mo>+</mo><mn>1</mn></math></span>"
        XCTAssertEqual(MathMLRepair.repair(html), html)
        XCTAssertEqual(MathMLRepair.repair(""), "")
    }
}
