import LossEngine
import XCTest
@testable import LossbookSite

/// The parse stage's byte-level shortcuts against what they stand for: the ASCII slug against
/// the Character-by-Character one, the reserved-character test against a walk over the scalars,
/// and the math extractor's output against properties any extraction must have.
final class ParseByteScanTests: XCTestCase {
    func testASCIISlugIsTheCharacterSlug() {
        for byte in UInt8(0)..<0x80 {
            let character = String(decoding: [byte], as: UTF8.self)
            for text in [character, "a\(character)b", "\(character)x", "1 \(character) 2", "\(character)\(character)"] {
                XCTAssertEqual(Slug.makeASCII(text), Slug.makeByCharacters(text), "byte \(byte)")
            }
        }
        var generator = SeededGenerator(seed: 21)
        let pieces = ["A", "z", "Q", "0", "9", " ", "\t", "\r\n", "\n", "-", "_", "--", ".", "(", ")", "'", "$", "\u{0B}", "\u{0C}", "\u{7F}", "\u{1F}"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(Slug.makeASCII(text), Slug.makeByCharacters(text), text.debugDescription)
        }
        XCTAssertNil(Slug.makeASCII("Café"))
        XCTAssertEqual(Slug.make("Café au lait"), "café-au-lait")
        XCTAssertEqual(Slug.make("The Four Steps"), "the-four-steps")
        XCTAssertEqual(Slug.make("?!"), "section")
    }

    func testReservedCharactersAreFoundByTheirBytes() {
        var generator = SeededGenerator(seed: 7)
        let pieces = ["a", "é", "\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}", "\u{E07F}", "\u{E080}", "\u{EFFF}", "\u{D7FF}",
                      "\u{F000}", "\u{1E000}", "\u{E0000}", "\u{E0082}", "$", "\n", "\u{FFFD}"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = text.unicodeScalars.contains { (0xE000...0xE002).contains($0.value) }
            XCTAssertEqual(MarkdownParser.holdsReservedCharacter(text), expected, text.debugDescription)
        }
    }

    /// Random notes built from the pieces the extractor reacts to: every line is kept (same
    /// count), formulas come out in order with their tokens, each inline formula's token stands
    /// where its original text stood, and text outside formulas passes through unchanged.
    func testExtractionKeepsTheNoteAroundItsFormulas() {
        var generator = SeededGenerator(seed: 2112)
        let pieces = ["x", "é", " ", "  ", "\t", "$", "$$", "\\", "\\$", "`", "``", "```", "~~~", "> ", ">", "- ", "1. ", "\n", "\n", "\r\n",
                      "{#eq-a}", "{#}", "{x", "\\(", "\\)", "\\[", "\\]", "a_1", "2", "}", "*"]
        for round in 0..<4_000 {
            let note = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for brackets in [false, true] {
                let result = MathExtractor(path: "n.md", firstLine: 3, brackets: brackets).extract(note)
                let context = "round \(round), brackets \(brackets): \(note.debugDescription)"
                XCTAssertEqual(result.protectedSource.utf8.split(separator: 10, omittingEmptySubsequences: false).count,
                               note.utf8.split(separator: 10, omittingEmptySubsequences: false).count, context)
                XCTAssertEqual(result.formulas.count, result.originals.count, context)
                // Tokens appear once each, in order.
                var tokens: [String] = []
                var rest = Substring(result.protectedSource)
                while let open = rest.firstIndex(where: { $0 == Character(MathExtractor.inlineOpen) || $0 == Character(MathExtractor.displayOpen) }) {
                    let close = rest[open...].firstIndex(of: Character(MathExtractor.close))!
                    tokens.append(String(rest[open...close]))
                    rest = rest[rest.index(after: close)...]
                }
                XCTAssertEqual(tokens, result.formulas.indices.map { MathExtractor.token($0, display: result.formulas[$0].display) }, context)
                // With inline formulas only, putting each original back where its token is gives the note.
                guard result.formulas.allSatisfy({ !$0.display }) else { continue }
                var restored = result.protectedSource
                for (index, original) in result.originals.enumerated().reversed() {
                    let token = MathExtractor.token(index, display: false)
                    restored.replaceSubrange(restored.range(of: token)!, with: original)
                }
                XCTAssertEqual(restored, note, context)
            }
        }
    }
}
