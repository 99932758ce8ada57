import XCTest
import LossbookSite

final class RenderLocationTests: XCTestCase {
    private func location(_ offset: Int, _ tex: String, line: Int = 10, column: Int = 5) -> [Int] {
        let result = RenderService.location(ofOffset: offset, inTeX: tex, startLine: line, startColumn: column)
        return [result.line, result.column]
    }

    func testFirstLineCountsFromTheStartColumn() {
        XCTAssertEqual(location(0, "\\frac{1}{"), [10, 5])
        XCTAssertEqual(location(6, "\\frac{1}{"), [10, 11])
        XCTAssertEqual(location(9, "\\frac{1}{"), [10, 14], "end of input")
    }

    func testColumnsAreUTF8Bytes() {
        // é is 1 UTF-16 unit and 2 bytes; 😀 is 2 UTF-16 units and 4 bytes.
        XCTAssertEqual(location(2, "é \\x"), [10, 8])
        XCTAssertEqual(location(3, "😀 \\x"), [10, 10])
        XCTAssertEqual(location(1, "😀 \\x"), [10, 5], "inside a surrogate pair: the character's start")
    }

    func testLaterLinesCountFromColumnOne() {
        let tex = "a \\\\\n  b + \\x\n"
        XCTAssertEqual(location(5, tex), [11, 1])
        XCTAssertEqual(location(11, tex), [11, 7])
        XCTAssertEqual(location(4, tex), [10, 9], "the newline itself stays on its line")
    }

    func testCarriageReturnLineEndings() {
        XCTAssertEqual(location(4, "a\r\nb\\x"), [11, 2])
        XCTAssertEqual(location(3, "a\rb\\x"), [11, 2])
    }

    func testOutOfRangeOffsetsAreClamped() {
        XCTAssertEqual(location(-3, "abc"), [10, 5])
        XCTAssertEqual(location(99, "abc"), [10, 8])
    }
}
