import Foundation
import XCTest
@testable import LossbookSite

/// Every inline node carries its range in the note, mapped back through formulas (tokens of
/// another length to cmark-gfm), escapes, entities and smart punctuation, and placed right on
/// continuation lines, where cmark-gfm's own columns are off.
final class InlineRangeTests: XCTestCase {
    private func parse(_ markdown: String, firstLine: Int = 1) -> [Block] {
        let (document, diagnostics) = MarkdownParser().parse(markdown, path: "t.md", firstLine: firstLine)
        XCTAssertEqual(diagnostics, [])
        return document.blocks
    }

    private func range(_ startLine: Int, _ startColumn: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(start: SourcePosition(line: startLine, column: startColumn), end: SourcePosition(line: endLine, column: endColumn))
    }

    private func inlines(_ markdown: String) -> [Inline] {
        guard case .paragraph(let inlines)? = parse(markdown).first?.kind else { XCTFail("no paragraph"); return [] }
        return inlines
    }

    private func assertSpelled(_ markdown: String, firstLine: Int = 1, file: StaticString = #filePath, line: UInt = #line) {
        let (document, _) = MarkdownParser().parse(markdown, path: "t.md", firstLine: firstLine)
        XCTAssertEqual(InlineRangeChecker(markdown, firstLine: firstLine).problems(in: document.blocks), [], file: file, line: line)
    }

    func testTextEmphasisAndBreaksHaveRanges() {
        let parsed = inlines("a *b* **c**\n~~d~~ e  \nf\n")
        XCTAssertEqual(parsed.map(\.range), [
            range(1, 1, 1, 2), range(1, 3, 1, 5), range(1, 6, 1, 6), range(1, 7, 1, 11), range(1, 12, 1, 12),
            range(2, 1, 2, 5), range(2, 6, 2, 7), range(2, 8, 2, 10), range(3, 1, 3, 1),
        ])
        guard case .softBreak = parsed[4], case .lineBreak = parsed[7] else { return XCTFail("\(parsed)") }
    }

    func testTextRangesCoverEscapesEntitiesAndSmartPunctuation() {
        // `a\*b` is three bytes of text and four of the note; `&eacute;` two and eight.
        let parsed = inlines("a\\*b &eacute; -- \"q\" x\n")
        guard case .text(let text, let source)? = parsed.first else { return XCTFail("\(parsed)") }
        XCTAssertEqual(text, "a*b é – “q” x")
        XCTAssertEqual(source.range, range(1, 1, 1, 22))
        XCTAssertEqual(source.position(ofByte: 2), SourcePosition(line: 1, column: 4), "b is after the escape")
        XCTAssertEqual(source.position(ofByte: text.utf8.count - 1), SourcePosition(line: 1, column: 22))
        assertSpelled("a\\*b &eacute; &#233; &amp;x -- --- ... \"q\" 'r' don't x\n")
    }

    func testNodesAfterAFormulaAreWhereTheNoteHasThem() {
        let parsed = inlines("$x^2$ and *em* after\n")
        XCTAssertEqual(parsed.map(\.range), [range(1, 2, 1, 4), range(1, 6, 1, 10), range(1, 11, 1, 14), range(1, 15, 1, 20)])
        assertSpelled("é $x$ **b** $yy$ `c` d\nnext $z$ *line*\n")
    }

    func testContinuationLinesInQuotesListsAndLazyLines() {
        // cmark-gfm places `b`, `lazy` and `cont` as if their lines began where the paragraph did.
        assertSpelled("> a\n>b *x*\n   lazy *y* z\n\n-   item\n  lazy2 w\n\n1. one\n   two *t*\n")
        let quote = parse("> a\n>b\nlazy\n")
        guard case .blockQuote(let inner)? = quote.first?.kind, case .paragraph(let parsed)? = inner.first?.kind else { return XCTFail() }
        XCTAssertEqual(parsed.map(\.range.start), [SourcePosition(line: 1, column: 3), SourcePosition(line: 1, column: 4),
                                                    SourcePosition(line: 2, column: 2), SourcePosition(line: 2, column: 3),
                                                    SourcePosition(line: 3, column: 1)])
    }

    func testABackslashLineBreakMovesToTheNextLine() {
        // cmark-gfm keeps counting the line after a `\` line break as the same line.
        let parsed = inlines("hard\\\nnext *x*\n")
        XCTAssertEqual(parsed.map(\.range), [range(1, 1, 1, 4), range(1, 5, 1, 6), range(2, 1, 2, 5), range(2, 6, 2, 8)])
    }

    func testTableCellsCountTheirEscapedPipes() {
        assertSpelled("| a \\| b | c |\n|---|---|\n| `x \\| y` z | *e* \\| f |\n")
        let table = parse("| a \\| b x |\n|---|\n")
        guard case .table(let parsed)? = table.first?.kind else { return XCTFail() }
        XCTAssertEqual(parsed.header.first?.map(\.range), [range(1, 3, 1, 10)])
    }

    func testLinksImagesCodeHtmlAndFootnotes() {
        assertSpelled("see <http://x.org/a> and ***bi*** and [ref][r] and `` a`b `` x\n  \\\\ and \\` q\n\n[r]: http://r\n")
        assertSpelled("*a\nb* [l\nm](u) ![alt *x*](i.png \"t\") <span>h</span> www.example.com x[^1]\n\n[^1]: note\n")
        let parsed = inlines("***bi***\n")
        guard case .emphasis(let inner, let outer)? = parsed.first, case .strong(_, let strong)? = inner.first else { return XCTFail("\(parsed)") }
        XCTAssertEqual(outer, range(1, 1, 1, 8))
        XCTAssertEqual(strong, range(1, 2, 1, 7), "the strong inside is inside the emphasis's delimiters")
    }

    func testAutolinksOfEveryKind() {
        // cmark-gfm places `<…>` without the container's indent, `www.` a byte early and an
        // address (and the text after it) not at all; found by InlineRangePropertyTests.
        assertSpelled("## www.example.com\n\n> www.a.com <http://x.org/H> [@eq-H here](z.md) x\n> me@b.org y\n\n> a\\\n> www.b.com <c@d.org> z\n")
        let parsed = inlines("x me@eq-x.org y\n")
        XCTAssertEqual(parsed.map(\.range), [range(1, 1, 1, 2), range(1, 3, 1, 13), range(1, 14, 1, 15)])
    }

    func testHeadingsAndCRLFNotes() {
        assertSpelled("# Head *x* #\n\nSet *y*\nline two\n===\n")
        assertSpelled("a *b*\r\nc \\* d\r\n\r\n> e\r\n> f\r\n")
        let parsed = inlines("a\r\nb\r\n")
        XCTAssertEqual(parsed.map(\.range), [range(1, 1, 1, 1), range(1, 2, 1, 3), range(2, 1, 2, 1)], "a soft break is the line's end, CR and LF")
    }

    func testFrontMatterOffsetsTheLines() {
        assertSpelled("x *y*\nz\n", firstLine: 7)
        XCTAssertEqual(parse("x *y*\n", firstLine: 7).first.flatMap { block -> SourceRange? in
            if case .paragraph(let inlines) = block.kind { return inlines.last?.range } else { return nil }
        }, range(7, 3, 7, 5))
    }

    func testEqualityIncludesRanges() {
        // A tree is the same text at the same places: a moved paragraph is another tree.
        XCTAssertNotEqual(inlines("a *b*\n"), inlines(" a *b*\n"))
        XCTAssertEqual(inlines("a *b*\n").withoutRanges, inlines(" a *b*\n").withoutRanges)
    }
}
