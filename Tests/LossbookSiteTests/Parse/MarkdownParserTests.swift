import XCTest
@testable import LossbookSite

final class MarkdownParserTests: XCTestCase {
    private func parse(_ markdown: String) -> MarkdownDocument {
        let (document, diagnostics) = MarkdownParser().parse(markdown, path: "t.md", firstLine: 1)
        XCTAssertEqual(diagnostics, [], "unexpected diagnostics")
        return document
    }

    private func html(_ markdown: String) -> String {
        HTMLRenderer().render(parse(markdown))
    }

    func testParagraphAndEmphasis() {
        XCTAssertEqual(html("Hello *world* and **bold**."), "<p>Hello <em>world</em> and <strong>bold</strong>.</p>\n")
    }

    func testHeadingGetsAnchorAndPosition() {
        let document = parse("intro\n\n## The four steps\n")
        XCTAssertEqual(document.blocks[1].position, SourcePosition(line: 3, column: 1))
        guard case .heading(2, _, let anchor) = document.blocks[1].kind else { return XCTFail("no heading") }
        XCTAssertEqual(anchor, "the-four-steps")
    }

    func testHeadingTextIsItsOwnLink() {
        XCTAssertEqual(html("## The four steps"), "<h2 id=\"the-four-steps\"><a class=\"heading-link\" href=\"#the-four-steps\">The four steps</a></h2>\n")
        let withLink = html("## See [this](https://example.org)")
        XCTAssertTrue(withLink.contains("<a class=\"anchor\" href=\"#see-this\" title=\"Link to this section\">#</a>"), "links do not nest: \(withLink)")
    }

    func testRepeatedHeadingsGetDistinctAnchors() {
        let document = parse("## Step\n\n## Step\n")
        let anchors = document.blocks.compactMap { block -> String? in
            if case .heading(_, _, let anchor) = block.kind { return anchor } else { return nil }
        }
        XCTAssertEqual(anchors, ["step", "step-1"])
    }

    func testTable() {
        let out = html("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
        XCTAssertTrue(out.contains("<th scope=\"col\" style=\"text-align: left\">a</th>"), out)
        XCTAssertTrue(out.contains("<td style=\"text-align: right\">2</td>"), out)
    }

    func testStrikethrough() {
        XCTAssertEqual(html("~~gone~~"), "<p><del>gone</del></p>\n")
    }

    func testAutolink() {
        XCTAssertTrue(html("see https://example.org now").contains("<a href=\"https://example.org\">https://example.org</a>"))
    }

    func testTaskList() {
        let out = html("- [x] done\n- [ ] todo\n")
        XCTAssertTrue(out.contains("<input type=\"checkbox\" disabled=\"\" checked=\"\">"), out)
        XCTAssertTrue(out.contains("class=\"task-list\""), out)
    }

    func testFootnotes() {
        let out = html("A claim.[^1]\n\n[^1]: The source.\n")
        XCTAssertTrue(out.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>"), out)
        XCTAssertTrue(out.contains("<section class=\"footnotes\""), out)
        XCTAssertTrue(out.contains("The source."), out)
    }

    func testCodeBlockKeepsInfoAndEscapes() {
        let document = parse("```swift\nlet a = 1 < 2\n```\n")
        XCTAssertEqual(document.blocks.first?.kind, .codeBlock(info: "swift", code: "let a = 1 < 2\n"))
        XCTAssertTrue(html("```swift\nlet a = 1 < 2\n```\n").contains("1 &lt; 2"))
    }

    func testRawHTMLPassesThrough() {
        XCTAssertTrue(html("<div class=\"x\">hi</div>\n").contains("<div class=\"x\">hi</div>"))
    }

    func testFrontMatterOffsetShiftsLines() {
        let (document, _) = MarkdownParser().parse("# Title\n", path: "t.md", firstLine: 5)
        XCTAssertEqual(document.blocks.first?.position.line, 5)
    }

    func testReservedCharactersAreRefused() {
        let (_, diagnostics) = MarkdownParser().parse("a \u{E000}0\u{E001} b", path: "t.md", firstLine: 1)
        XCTAssertEqual(diagnostics.map(\.id), [.parseReservedCharacter])
    }
}
