import Dispatch
import XCTest
@testable import LossbookSite

/// One service is shared by the build's threads (the prefetcher, the math pipeline, pages
/// highlighting code): batches from several threads at once must each get their own answers.
final class RenderServiceConcurrencyTests: XCTestCase {
    func testBatchesFromManyThreadsGetTheirOwnAnswers() throws {
        let batches = (0 ..< 6).map { batch in
            (0 ..< 40).map { index in MathRequest(tex: "x_{\(batch)} + \(index)", display: index % 2 == 0) }
        }
        let code = (0 ..< 6).map { batch in [CodeRequest(code: "let x = \(batch)", language: "swift")] }

        let reference = try RenderService(macros: [:], cacheDirectory: nil)
        let expectedMath = try batches.map { try reference.renderMath($0) }
        let expectedCode = try code.map { try reference.highlight($0) }
        reference.close()

        let shared = try RenderService(macros: [:], cacheDirectory: nil)
        defer { shared.close() }
        let math = ResultSlots<[MathResult]>(count: batches.count)
        let highlighted = ResultSlots<[String]>(count: code.count)
        DispatchQueue.concurrentPerform(iterations: batches.count) { index in
            math.set(index, try? shared.renderMath(batches[index]))
            highlighted.set(index, try? shared.highlight(code[index]))
        }
        XCTAssertEqual(math.all, expectedMath.map { Optional($0) })
        XCTAssertEqual(highlighted.all, expectedCode.map { Optional($0) })
        let statistics = shared.statistics
        XCTAssertEqual(statistics.mathRendered, 240, "each formula rendered once")
        XCTAssertEqual(statistics.codeHighlighted, 6)
    }
}
