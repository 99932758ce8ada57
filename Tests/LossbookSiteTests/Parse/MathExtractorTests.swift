import XCTest
@testable import LossbookSite

final class MathExtractorTests: XCTestCase {
    private func parse(_ markdown: String, firstLine: Int = 1, delimiters: MathDelimiters = .dollars) -> (MarkdownDocument, [Diagnostic]) {
        MarkdownParser(mathDelimiters: delimiters).parse(markdown, path: "t.md", firstLine: firstLine)
    }

    private func formulas(_ document: MarkdownDocument) -> [Math] {
        var found: [Math] = []
        func visit(_ inlines: [Inline]) {
            for inline in inlines {
                switch inline {
                case .math(let math): found.append(math)
                case .emphasis(let inner, _), .strong(let inner, _), .strikethrough(let inner, _): visit(inner)
                case .link(_, _, let inner, _): visit(inner)
                default: break
                }
            }
        }
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block.kind {
                case .paragraph(let inlines), .heading(_, let inlines, _): visit(inlines)
                case .displayMath(let math): found.append(math)
                case .blockQuote(let inner): visit(inner)
                case .list(_, let items): items.forEach { visit($0.content) }
                case .table(let table): table.header.forEach(visit); table.rows.forEach { $0.forEach(visit) }
                default: break
                }
            }
        }
        visit(document.blocks)
        return found
    }

    func testEmphasisCharactersInsideMathSurvive() {
        let (document, diagnostics) = parse("Here $x*y*z$ and $a_1 + b_2$ and $\\{a\\}\\,\\;$.")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(formulas(document).map(\.tex), ["x*y*z", "a_1 + b_2", "\\{a\\}\\,\\;"])
    }

    func testPipeInsideMathInTableCell() {
        let (document, _) = parse("| p | q |\n|---|---|\n| $P(y|x)$ | 2 |\n")
        XCTAssertEqual(formulas(document).map(\.tex), ["P(y|x)"])
        guard case .table(let table) = document.blocks.first?.kind else { return XCTFail("no table") }
        XCTAssertEqual(table.rows.first?.count, 2)
    }

    func testDollarsInCodeAreUntouched() {
        let (document, _) = parse("Use `$x$` literally.\n\n```bash\necho $HOME $x$\n```\n")
        XCTAssertEqual(formulas(document), [])
        let html = HTMLRenderer().render(document)
        XCTAssertTrue(html.contains("<code>$x$</code>"), html)
        XCTAssertTrue(html.contains("echo $HOME $x$"), html)
    }

    func testIndentedCodeGetsItsMathTextBack() {
        let (document, _) = parse("para\n\n    let price = $x$\n")
        XCTAssertEqual(document.blocks.last?.kind, .codeBlock(info: "", code: "let price = $x$\n"))
    }

    func testEscapedDollarAndPricesStayText() {
        let (document, _) = parse("It costs \\$5, or $5 and $10 in total.")
        XCTAssertEqual(formulas(document), [])
        XCTAssertTrue(HTMLRenderer().render(document).contains("It costs $5, or $5 and $10 in total."))
    }

    func testClosingDollarMustNotFollowSpace() {
        let (document, _) = parse("a $ b$ c")
        XCTAssertEqual(formulas(document), [])
    }

    func testDisplayMathWithLabelAndListLikeLines() {
        let source = "Text\n\n$$\n- a\n+ b\n$$ {#eq-nll}\n\nafter"
        let (document, diagnostics) = parse(source, firstLine: 10)
        XCTAssertEqual(diagnostics, [])
        let display = formulas(document)
        XCTAssertEqual(display.count, 1)
        XCTAssertEqual(display[0].tex, "\n- a\n+ b\n")
        XCTAssertEqual(display[0].label, "eq-nll")
        XCTAssertEqual(display[0].position, SourcePosition(line: 12, column: 3))
        XCTAssertEqual(document.blocks.count, 3)
    }

    func testDisplayMathWithBlankLinesInside() {
        let (document, _) = parse("$$\na\n\nb\n$$\n")
        XCTAssertEqual(formulas(document).map(\.tex), ["\na\n\nb\n"])
    }

    func testSingleLineDisplayAndBracketForms() {
        let (document, _) = parse("$$\\hat{y} = f(x)$$\n\n\\[ a^2 \\]\n\nand \\(b_1\\) inline", delimiters: .dollarsAndBrackets)
        let found = formulas(document)
        XCTAssertEqual(found.map(\.tex), ["\\hat{y} = f(x)", " a^2 ", "b_1"])
        XCTAssertEqual(found.map(\.display), [true, true, false])
    }

    func testDisplayMathInsideBlockQuote() {
        let (document, diagnostics) = parse("> [!NOTE]\n> Look:\n> $$\n> a_1\n> $$\n> done\n")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(formulas(document).map(\.tex), ["\na_1\n"])
    }

    func testDisplayMathInsideParagraphSplitsIt() {
        let (document, _) = parse("before $$x$$ after")
        XCTAssertEqual(document.blocks.count, 3)
        guard case .displayMath = document.blocks[1].kind else { return XCTFail("no display math") }
    }

    func testUnclosedDisplayMathIsAnErrorAtTheOpening() {
        let (_, diagnostics) = parse("intro\n\n$$\nx^2\n", firstLine: 4)
        XCTAssertEqual(diagnostics.map(\.description), ["t.md:6:1: error: display math opened with '$$' is never closed; end it with '$$' at the end of a line"])
    }

    func testBadLabelIsAnError() {
        let (_, diagnostics) = parse("$$\nx\n$$ {#bad label}\n")
        XCTAssertEqual(diagnostics.map(\.id), [.mathBadLabel])
    }

    func testInlinePositionIsTheTeXStart() {
        let (document, _) = parse("ab $x$", firstLine: 3)
        XCTAssertEqual(formulas(document).first?.position, SourcePosition(line: 3, column: 5))
    }

    func testMathInsideEmphasisAndLinks() {
        let (document, _) = parse("*about $\\mu$* and [see $x$](a.md)")
        XCTAssertEqual(formulas(document).map(\.tex), ["\\mu", "x"])
    }

    func testADisplayFormulaClosesAtTheEndOfACRLFLine() {
        // A note saved with Windows line endings: `$$\r` ends the formula like `$$`, label or not.
        let (document, diagnostics) = parse("$$\r\na + b\r\n$$\r\n\r\n$$ c $$ {#eq-c}\r\n")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(formulas(document).map(\.tex), ["\r\na + b\r\n", " c "])
        XCTAssertEqual(formulas(document).map(\.label), [nil, "eq-c"])
        XCTAssertEqual(formulas(document).first?.range.end, SourcePosition(line: 2, column: 5), "the range leaves out the line ending")
    }
}
