import LossbookTestSupport
import XCTest
@testable import LossbookSite

/// Jumping to the next `@` or `[` by bytes lands where stepping Character by Character would.
final class CharacterJumpTests: XCTestCase {
    /// The index stepping finds: the first Character at or after `index` whose first byte is one of them.
    private func stepped(_ text: String, _ bytes: [UInt8], from index: String.Index) -> String.Index {
        var i = index
        while i < text.endIndex {
            if let byte = text[i].utf8.first, bytes.contains(byte) { return i }
            i = text.index(after: i)
        }
        return text.endIndex
    }

    func testRandomTextsWithClustersLandWhereSteppingDoes() {
        let pieces = ["@", "[", "a", " ", "é", "e\u{301}", "@\u{301}", "[\u{308}", "🙂", "👩‍👩‍👧", "\r\n", "\u{0600}", "\u{200D}",
                      "eq-x", "]", "你", "\u{1F1EB}\u{1F1F7}"]
        var random = SeededRandom(seed: 7)
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<random.below(24) { text += pieces[random.below(pieces.count)] }
            var index = text.startIndex
            while index < text.endIndex {
                let jumped = text.nextCharacter(startingWith: UInt8(ascii: "@"), or: UInt8(ascii: "["), from: index)
                XCTAssertEqual(jumped, stepped(text, [UInt8(ascii: "@"), UInt8(ascii: "[")], from: index), text.debugDescription)
                guard jumped < text.endIndex else { break }
                index = text.index(after: jumped)
            }
            XCTAssertEqual(text.nextCharacter(startingWith: UInt8(ascii: "@"), from: text.endIndex), text.endIndex)
        }
    }

    /// Only a whole `@` after a non-letter starts a reference.
    func testReferencesAfterClustersAndMarks() {
        func labels(_ text: String) -> [String] {
            var pass = ReferencePass(labels: LabelIndex(), page: "p.html", displayPath: "p.md")
            _ = pass.rewrite([Inline.text(text, at: TextSource(at: SourcePosition(line: 1, column: 1)))])
            return pass.checks.map(\.label)
        }
        XCTAssertEqual(labels("see @eq-a, 🙂@eq-b and (@fig-c)"), ["eq-a", "eq-b", "fig-c"])
        XCTAssertEqual(labels("x@eq-a é@eq-b @\u{301}eq-c e\u{301}@eq-d"), [])
    }
}
