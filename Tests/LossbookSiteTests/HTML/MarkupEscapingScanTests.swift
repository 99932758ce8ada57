import LossEngine
import MarkupEscaping
import XCTest

/// The check for whether anything needs escaping reads every byte of the text, whatever its
/// length or storage, and a text that needs nothing comes back as it is.
final class MarkupEscapingScanTests: XCTestCase {
    func testASpecialAtTheEndOfALongTextIsFound() {
        let long = String(repeating: "M12.5,-3L4,5", count: 2000)
        XCTAssertEqual(MarkupEscaping.escaped(long), long)
        XCTAssertEqual(MarkupEscaping.escaped(long + "<"), long + "&lt;")
        XCTAssertEqual(MarkupEscaping.escaped(long + "\u{FFFF}"), long)
        var out = "x"
        MarkupEscaping.appendEscaped(long + "'", to: &out)
        XCTAssertEqual(out, "x" + long + "&#39;")
    }

    func testSmallAndSlicedTextsAreScannedToo() {
        XCTAssertEqual(MarkupEscaping.escaped("a&"), "a&amp;")  // a small (inline) string
        let sliced = String("plain text > more"[...])
        XCTAssertEqual(MarkupEscaping.escaped(String(sliced.dropFirst(6))), "text &gt; more")
        XCTAssertEqual(MarkupEscaping.escaped(""), "")
    }
}

/// The eight-bytes-at-a-time scan against escaping written out scalar by scalar: every ASCII
/// character and the scalars around the dropped ones, alone and together, at every place of
/// texts long enough to span three words.
final class MarkupEscapingWordScanTests: XCTestCase {
    private func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let value = scalar.value
                if (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    func testEveryCharacterAtEveryPlace() {
        let scalars = (0..<0x80).map { Unicode.Scalar(UInt8($0)) }
            + ["\u{E9}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFFF}", "\u{F000}", "\u{1F600}", "\u{2212}"]
        for length in 0..<25 {
            for place in 0..<max(length, 1) {
                for scalar in scalars {
                    var text = String.UnicodeScalarView(repeatElement("7", count: length))
                    if length > 0 { text.replaceSubrange(text.index(text.startIndex, offsetBy: place)...text.index(text.startIndex, offsetBy: place), with: [scalar]) }
                    let string = String(text)
                    XCTAssertEqual(MarkupEscaping.escaped(string), reference(string), "\(scalar.value) at \(place) of \(length)")
                }
            }
        }
    }

    func testRandomTexts() {
        var generator = SeededGenerator(seed: 8)
        let pieces = ["M1.5,2L", "-0.25", " ", "a", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{1}", "\u{1F}", "\u{7F}", "é", "\u{FFFE}", "\u{FFFF}", "\u{2212}", "~", "!"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(MarkupEscaping.escaped(text), reference(text), text.debugDescription)
        }
    }
}
