import Foundation
import XCTest
@testable import LossbookSite

final class ByteSearchTests: XCTestCase {
    private func find(_ needle: String, in text: String, from: Int = 0, to: Int? = nil) -> Int? {
        ByteSearch.withUTF8(text) { ByteSearch.find(Array(needle.utf8), in: $0, from: from, to: to) }
    }

    private func findLast(_ needle: String, in text: String, from: Int = 0, to: Int) -> Int? {
        ByteSearch.withUTF8(text) { ByteSearch.findLast(Array(needle.utf8), in: $0, from: from, to: to) }
    }

    func testFindsTheFirstWholeMatchInsideTheRange() {
        XCTAssertEqual(find("<mi", in: "a<mi>b<mi>"), 1)
        XCTAssertEqual(find("<mi", in: "a<mi>b<mi>", from: 2), 6)
        // A match that would run past the end of the range is not one.
        XCTAssertNil(find("<mi", in: "a<mi>b", from: 0, to: 3))
        XCTAssertEqual(find("<mi", in: "a<mi>b", from: 0, to: 4), 1)
        XCTAssertNil(find("", in: "abc"))
        XCTAssertNil(find("abcd", in: "abc"))
        XCTAssertEqual(find("é", in: "aé"), 1)
    }

    func testFindsTheLastWholeMatchInsideTheRange() {
        XCTAssertEqual(findLast("<mi", in: "<mi><mi>", to: 8), 4)
        XCTAssertEqual(findLast("<mi", in: "<mi><mi>", to: 6), 0)
        XCTAssertNil(findLast("<mi", in: "<mi><mi>", from: 1, to: 6))
        XCTAssertNil(findLast("<mi", in: "", to: 0))
    }

    func testReadsAStringThatIsNotNativeUTF8() {
        let bridged = String(decoding: Array("x<mo>y".utf16), as: UTF16.self)
        XCTAssertEqual(find("<mo>", in: bridged), 1)
    }

    /// Replacing a figure's number marker by bytes gives what Foundation's replace gives, at the
    /// start, the end, twice in a row, next to multi-byte characters, and when it is absent.
    func testReplacingAllAgreesWithFoundation() {
        let marker = "\u{E010}"
        let texts = ["", "Figure \(marker).", "\(marker)", "\(marker)\(marker)x\(marker)", "é\(marker)—ß\(marker)",
                     "no marker — é", "<span>Figure \(marker).</span><svg>\(marker)</svg>"]
        for text in texts {
            for replacement in ["", "3.12", "ü—"] {
                XCTAssertEqual(ByteSearch.replacingAll(marker, with: replacement, in: text),
                               text.replacingOccurrences(of: marker, with: replacement), text.debugDescription)
            }
        }
    }

    /// Lines as the generic split gives them, empty ones and a last one without a break kept.
    func testLinesAreTheGenericSplitsLines() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["", "\n", "\n\n", "a", "a\n", "\na", "a\r\nb\n\nc", "é\n\u{E000}1\u{E001}\n"]
        for _ in 0..<200 {
            let length = Int.random(in: 0..<40, using: &generator)
            texts.append(String((0..<length).map { _ in "ab\n é".randomElement(using: &generator)! }))
        }
        for text in texts {
            let expected = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            XCTAssertEqual(ByteSearch.lines(of: text), expected, text.debugDescription)
        }
    }

    /// `matches` at the ends of the bytes and with needles longer than them.
    func testMatchesStaysInsideTheBytes() {
        let bytes = Array("abcabc".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            XCTAssertTrue(ByteSearch.matches(Array("abc".utf8), in: buffer, at: 3))
            XCTAssertFalse(ByteSearch.matches(Array("abcd".utf8), in: buffer, at: 3))
            XCTAssertFalse(ByteSearch.matches(Array("abcabca".utf8), in: buffer, at: 0))
            XCTAssertFalse(ByteSearch.matches(Array("a".utf8), in: buffer, at: -1))
            XCTAssertTrue(ByteSearch.matches([], in: buffer, at: 6))
            XCTAssertFalse(ByteSearch.matches([], in: buffer, at: 7))
        }
    }
}

final class ReadableHeadingTests: XCTestCase {
    /// A heading's text for the contents drops TeX's backslashes, and nothing else.
    func testBackslashesAreDroppedFromHeadingsForReaders() {
        let source = TextSource(at: SourcePosition(line: 1, column: 1))
        XCTAssertEqual([Inline.text("The \\sigma of \\ell, é\\\\ ok", at: source)].plainTextForReaders, "The sigma of ell, é ok")
        XCTAssertEqual([Inline.text("no backslash", at: source)].plainTextForReaders, "no backslash")
    }
}

final class BlankTests: XCTestCase {
    /// The same answer as trimming Foundation's `.whitespaces`.
    func testBlankAsFoundationTrimsIt() {
        for text in ["", " ", "\t \u{00A0}\u{2003}", " a ", "\n", " \u{0301}", "\u{3000}", "x", "\u{200B}", "\u{FEFF}"] {
            XCTAssertEqual(Blank.isBlank(text), text.trimmingCharacters(in: .whitespaces).isEmpty, text.debugDescription)
        }
    }

    /// Trimming gives Foundation's answer for both sets, on random strings mixing every kind of
    /// space, line break, near miss (a zero-width space, a combining mark on a space, U+180E)
    /// and plain text, at both ends and inside.
    func testTrimmingAsFoundationTrims() {
        let pieces: [String] = [" ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}",
                                "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}", "\u{180E}",
                                "\u{FEFF}", "\u{0301}", " \u{0301}", "a", "é", "x y", "𝔼", "\u{1F600}", "#", "\u{1C}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(text.trimmingWhitespaces, text.trimmingCharacters(in: .whitespaces), text.debugDescription)
            XCTAssertEqual(text.trimmingWhitespacesAndNewlines, text.trimmingCharacters(in: .whitespacesAndNewlines), text.debugDescription)
            let sub = Substring(text).dropFirst(count > 3 ? 1 : 0)
            XCTAssertEqual(sub.trimmingWhitespaces, sub.trimmingCharacters(in: .whitespaces), String(sub).debugDescription)
        }
        // Every scalar of the Basic Multilingual Plane and a few beyond, alone and between letters.
        for value in Array(0..<0xD800) + Array(0xE000...0xFFFF) + [0x1F600, 0x10FFFF, 0xE0020] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "a" + String(scalar), String(scalar) + "a"] {
                XCTAssertEqual(text.trimmingWhitespaces, text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
                XCTAssertEqual(text.trimmingWhitespacesAndNewlines, text.trimmingCharacters(in: .whitespacesAndNewlines),
                               "U+\(String(value, radix: 16))")
            }
        }
    }
}
