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
