import XCTest
@testable import LossbookSite

/// `lossbook serve` keeps one renderer alive across builds.
final class RenderServicePoolTests: XCTestCase {
    func testTheSameServiceServesBuildsWithTheSameMacrosAndANewOneOtherwise() throws {
        let pool = RenderServicePool()
        defer { pool.close() }
        let first = try pool.service(macros: ["\\R": "\\mathbb{R}"], cacheDirectory: nil)
        let again = try pool.service(macros: ["\\R": "\\mathbb{R}"], cacheDirectory: nil)
        XCTAssertTrue(first === again)
        XCTAssertEqual(try again.renderMath([MathRequest(tex: "\\R", display: false)]).count, 1)
        let other = try pool.service(macros: [:], cacheDirectory: nil)
        XCTAssertFalse(first === other, "new macros need a new renderer")
        pool.discard()
        XCTAssertFalse(try pool.service(macros: [:], cacheDirectory: nil) === other, "a discarded renderer is not reused")
    }
}
