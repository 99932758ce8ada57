import XCTest
@testable import LossbookSite

/// The compute cache keeps generated blocks in `StoredBlock`'s framing; what it reads back must be
/// what was stored, whatever the label and the HTML hold.
final class StoredBlockTests: XCTestCase {
    func testBlocksComeBackAsTheyWereStored() {
        let blocks = [
            GeneratedBlock(label: nil, number: nil, html: "<figure>a b</figure>"),
            GeneratedBlock(label: "fig-huber", number: nil, html: "<svg>12 - 3</svg>"),
            GeneratedBlock(label: "fig-λ-ü", number: nil, html: "- 3 <p>é</p>\n"),
            GeneratedBlock(label: "", number: nil, html: ""),
            GeneratedBlock(label: nil, number: nil, html: ""),
            GeneratedBlock(label: "12 ", number: nil, html: "34 x"),
        ]
        for block in blocks {
            XCTAssertEqual(StoredBlock.decode(StoredBlock.encode(block)), block)
        }
    }

    func testDamagedEntriesAreNotTakenForBlocks() {
        for text in ["", "nospace", "x <p>", "9 abc", "-1 abc"] {
            XCTAssertNil(StoredBlock.decode(text), text)
        }
    }

    func testAFigureComesOutTheSameFromTheCache() throws {
        let cache = try makeTemporaryDirectory(self)
        let markdown = "```plot\nlabel: fig-gamma\ntitle: A gamma density\nx: {label: y, min: 0, max: 6}\ncurves:\n  - density: gamma\n    params: {concentration: 2, rate: 1}\n```\n"
        func expandOnce() -> (html: String, hits: Int) {
            let (document, _) = MarkdownParser().parse(markdown, path: "p.md", firstLine: 1)
            let computed = ComputeCache(directory: cache)
            var stage = DirectiveStage(path: "p.md", cache: computed)
            let html = HTMLRenderer().render(stage.rewrite(document))
            XCTAssertEqual(stage.diagnostics.map(\.description), [])
            computed.flush()
            return (html, computed.hits)
        }
        let fresh = expandOnce()
        XCTAssertTrue(fresh.html.contains("<svg") && fresh.html.contains("fig-gamma"), fresh.html)
        XCTAssertEqual(fresh.hits, 0)
        let cached = expandOnce()
        XCTAssertEqual(cached.hits, 1)
        XCTAssertEqual(cached.html, fresh.html)
    }
}
