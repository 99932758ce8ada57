import Foundation
import XCTest
@testable import LossbookSite

/// Node renders chunks of pages in order on its own thread while the build templates earlier
/// ones: each chunk's result holds its own formulas, and after a failed chunk the later ones
/// fail with the same error without being rendered.
final class MathPipelineTests: XCTestCase {
    private func page(_ markdown: String, _ path: String) -> MathStage.Page {
        let (document, problems) = MarkdownParser().parse(markdown, path: path, firstLine: 1)
        XCTAssertEqual(problems, [])
        return MathStage.Page(document: document, displayPath: path)
    }

    private func formulas(_ rendered: MathStage.Rendered) -> Set<String> {
        Set(rendered.math.keys.map(\.tex))
    }

    func testEachChunkGetsItsOwnFormulasInOrder() throws {
        let service = try RenderService(macros: ["\\R": "\\mathbb{R}"], cacheDirectory: nil)
        defer { service.close() }
        let chunks = [
            [page("$a^2$ and\n\n$$\nb = c\n$$\n", "a.md"), page("$\\R$\n", "b.md")],
            [],
            [page("Prose only.\n", "c.md")],
            [page("$a^2$ again.\n\n```swift\nlet x = 1\n```\n", "d.md")],
        ]
        let pipeline = MathPipeline(service: service, chunks: chunks)
        for index in [3, 0, 2, 1, 3] {
            // Asked out of order and twice: every answer is the same, once ready.
            let rendered = try pipeline.result(index).get()
            XCTAssertTrue(pipeline.isReady(index))
            switch index {
            case 0:
                XCTAssertEqual(formulas(rendered), ["a^2", "\nb = c\n", "\\R"])
                XCTAssertEqual(rendered.formulas, 3)
                guard case .html(let html)? = rendered.math[MathRequest(tex: "\\R", display: false)] else { return XCTFail("\\R not rendered") }
                XCTAssertTrue(html.contains("mathbb") || html.contains("ℝ"), "the macros are used: \(html)")
            case 1, 2:
                XCTAssertEqual(formulas(rendered), [])
                XCTAssertEqual(rendered.formulas, 0)
            default:
                XCTAssertEqual(formulas(rendered), ["a^2"])
                XCTAssertEqual(rendered.code.map(\.key.code), ["let x = 1\n"], "the code block is highlighted with its chunk")
            }
        }
        XCTAssertTrue(pipeline.isReady(chunks.count), "past the last chunk counts as ready")
        XCTAssertTrue(MathPipeline(service: service, chunks: []).isReady(0), "no chunks, no thread, nothing to wait for")
    }

    func testAfterAFailedChunkTheRestFailWithoutRendering() throws {
        let cache = try makeTemporaryDirectory(self)
        // A working service puts "x" in the cache on disk.
        let working = try RenderService(macros: [:], cacheDirectory: cache)
        XCTAssertEqual(try working.renderMath([MathRequest(tex: "x", display: false)]).count, 1)
        working.close()
        // A service whose node cannot start: "x" comes from the cache, anything else fails.
        var environment = ProcessInfo.processInfo.environment
        environment["LOSSBOOK_NODE"] = "/bin/false"
        let broken = try RenderService(macros: [:], cacheDirectory: cache, environment: environment)
        defer { broken.close() }
        let cachedOnly = MathPipeline(service: broken, chunks: [[page("$x$\n", "x.md")]])
        XCTAssertNoThrow(try cachedOnly.result(0).get(), "a chunk of cached formulas needs no node")

        let pipeline = MathPipeline(service: broken, chunks: [[page("$y$\n", "y.md")], [page("$x$\n", "x.md")], [page("$x$\n", "z.md")]])
        var messages: [String] = []
        for index in 0..<3 {
            switch pipeline.result(index) {
            case .success: XCTFail("chunk \(index) should fail after chunk 0 did")
            case .failure(let error): messages.append("\(error)")
            }
        }
        XCTAssertEqual(Set(messages).count, 1, "one error, repeated: \(messages)")
    }
}
