import Foundation
import XCTest
@testable import LossbookSite

/// The prefetcher says whether node has anything of its to render: the build lends node's core
/// to its own work only while it has not (`concurrentMap(sparing:lentWhile:)`).
final class RenderPrefetcherIdleTests: XCTestCase {
    func testIdleOnlyOnceEveryQueuedFormulaIsRendered() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        let prefetcher = RenderPrefetcher(service: service)
        XCTAssertTrue(prefetcher.isIdle, "nothing queued yet")
        let text = (0..<60).map { "Formula $x_{\($0)} + \($0)$ and $$\\sum_{i=\($0)}^n i$$" }.joined(separator: "\n\n")
        let (document, problems) = MarkdownParser(mathDelimiters: .dollars).parse(text, path: "idle.md", firstLine: 1)
        XCTAssertEqual(problems, [])
        let formulas = Set(MathStage.requests(in: document).0.map { "\($0.display) \($0.tex)" })
        XCTAssertGreaterThanOrEqual(formulas.count, 60)
        prefetcher.add(document)
        let deadline = Date().addingTimeInterval(60)
        while !prefetcher.isIdle, Date() < deadline { usleep(2000) }
        XCTAssertTrue(prefetcher.isIdle, "idle once node has rendered everything queued")
        // Had it claimed idleness early, some formulas would still be unrendered.
        XCTAssertEqual(service.statistics.mathRendered, formulas.count)
        prefetcher.cancel()
        XCTAssertTrue(prefetcher.isIdle)
    }

    func testAfterCancellingNothingMoreIsQueued() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        let prefetcher = RenderPrefetcher(service: service)
        prefetcher.cancel()
        let (document, _) = MarkdownParser(mathDelimiters: .dollars).parse("Late $y = 1$.", path: "late.md", firstLine: 1)
        prefetcher.add(document)
        XCTAssertTrue(prefetcher.isIdle, "a stopped prefetcher never renders, so node's core is free")
    }
}
