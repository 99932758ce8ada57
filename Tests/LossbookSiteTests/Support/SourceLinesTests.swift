import XCTest
@testable import LossbookSite

final class SourceLinesTests: XCTestCase {
    /// Cut as the character-by-character split cuts, CR LF included.
    func testSameLinesAsSplittingByCharacter() {
        for body in ["", "\n", "a", "a\n", "a\nb", "\n\nx\n\n", "é\nℓ̂\n$x$", "a\r\nb\nc", "\r\n", "a\rb\n"] {
            XCTAssertEqual(SourceLines.split(body), body.split(separator: "\n", omittingEmptySubsequences: false), body.debugDescription)
        }
    }
}
