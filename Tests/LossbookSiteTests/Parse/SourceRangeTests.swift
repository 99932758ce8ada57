import Foundation
import XCTest
@testable import LossbookSite

/// Every block carries where it starts and where it ends in the author's file; formulas, which
/// cmark-gfm sees as tokens of another length, do not shift the ends.
final class SourceRangeTests: XCTestCase {
    private func blocks(_ markdown: String, firstLine: Int = 1) -> [Block] {
        let (document, diagnostics) = MarkdownParser().parse(markdown, path: "t.md", firstLine: firstLine)
        XCTAssertEqual(diagnostics, [])
        return document.blocks
    }

    private func range(_ startLine: Int, _ startColumn: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(start: SourcePosition(line: startLine, column: startColumn), end: SourcePosition(line: endLine, column: endColumn))
    }

    func testBlocksSpanFromTheirFirstToTheirLastByte() {
        let parsed = blocks("intro\n\n## The four steps\n\n```plot\nx: 1\n```\n\n> quoted\n> more text\n")
        XCTAssertEqual(parsed.map(\.range), [range(1, 1, 1, 5), range(3, 1, 3, 17), range(5, 1, 7, 3), range(9, 1, 10, 11)])
        XCTAssertEqual(parsed[1].position, SourcePosition(line: 3, column: 1), "the start is what diagnostics print")
    }

    func testFrontMatterLinesAreCounted() {
        XCTAssertEqual(blocks("para\n", firstLine: 5).first?.range, range(5, 1, 5, 4))
    }

    func testInlineFormulasDoNotShiftTheEnd() {
        // cmark sees a token of seven bytes where the note has `$x^2$` (five): the end is the note's.
        XCTAssertEqual(blocks("see $x^2$ and more\n").first?.range, range(1, 1, 1, 18))
        XCTAssertEqual(blocks("é $x$ $y$\n").first?.range, range(1, 1, 1, 10), "ends on the last formula's closing dollar")
        XCTAssertEqual(blocks("a $x$ b $yy$ c\nnext $z$ line\n").first?.range, range(1, 1, 2, 13))
    }

    func testADisplayFormulaEndsAtItsClosingDelimiter() {
        let parsed = blocks("$$\na + b\n$$\n\nafter\n")
        guard case .displayMath = parsed.first?.kind else { return XCTFail("no display formula: \(parsed)") }
        XCTAssertEqual(parsed.first?.range.end, SourcePosition(line: 3, column: 2))
        XCTAssertEqual(parsed.last?.range, range(5, 1, 5, 5))
    }

    func testInlineNodesAfterAFormulaStartAndEndWhereTheNoteHasThem() {
        // cmark sees `$x$` as a seven-byte token; the code span and the link are where the note has them.
        let parsed = blocks("$x$ `code` and [a link](b.md)\n")
        guard case .paragraph(let inlines)? = parsed.first?.kind else { return XCTFail("no paragraph") }
        var ranges: [SourceRange] = []
        for inline in inlines {
            if case .code(_, let at) = inline { ranges.append(at) }
            if case .link(_, _, _, let at) = inline { ranges.append(at) }
        }
        XCTAssertEqual(ranges, [range(1, 6, 1, 9), range(1, 16, 1, 29)], "a code span is its text between the backticks")
    }

    func testInlineValueProblemsAreAtTheirColumnInsideTheSpan() {
        // The YAML starts after the backticks and `=`: `{` is at column 10 (after `Value: `` `=``).
        XCTAssertEqual(expand("Value: `={expr: \"1 + foo(2)\"}`.\n").diagnostics,
                       ["d.md:1:22: error: cannot read the expression '1 + foo(2)': unknown function 'foo'; known: abs, exp, expm1, log, log1p, sigmoid, sqrt, tanh (at character 5)"])
        // Two backticks, and a formula earlier on the line (a token of another length to cmark).
        XCTAssertEqual(expand("$x$ and ``={expr: \"foo(1)\"}``\n").diagnostics.first?.hasPrefix("d.md:1:20: error:"), true,
                       "\(expand("$x$ and ``={expr: \"foo(1)\"}``\n").diagnostics)")
    }

    func testPassesKeepTheRangeOfTheBlockTheyReplace() {
        let markdown = "Text.\n\n```check\nclaim: c\nequal: [1, 1]\n```\n"
        let (document, _) = MarkdownParser().parse(markdown, path: "d.md", firstLine: 1)
        var stage = DirectiveStage(path: "d.md")
        let expanded = stage.rewrite(document)
        guard case .generated = expanded.blocks[1].kind else { return XCTFail("not expanded") }
        XCTAssertEqual(expanded.blocks[1].range, range(3, 1, 6, 3))
    }

    func testADirectiveDiagnosticCarriesTheBlocksRangeButPrintsItsStart() throws {
        let markdown = "Text.\n\n```plto\nx: 1\n```\n"
        let (document, _) = MarkdownParser().parse(markdown, path: "d.md", firstLine: 1)
        var stage = DirectiveStage(path: "d.md")
        _ = stage.rewrite(document)
        let diagnostic = try XCTUnwrap(stage.diagnostics.first)
        XCTAssertEqual(diagnostic.location?.range, range(3, 1, 5, 3))
        XCTAssertTrue(diagnostic.description.hasPrefix("d.md:3:1: error: unknown directive 'plto'"), diagnostic.description)
    }

    func testLocationsSortTotallyAndDecodeWithoutAnEnd() throws {
        let start = SourceLocation(path: "a.md", line: 2, column: 3)
        var ranged = start
        ranged.end = SourcePosition(line: 4, column: 1)
        XCTAssertEqual(ranged.description, "a.md:2:3")
        XCTAssertTrue(start < ranged, "an unknown end sorts first, so sorting never depends on input order")
        XCTAssertFalse(ranged < start)
        let old = Data(#"{"path":"a.md","line":2,"column":3}"#.utf8)
        XCTAssertEqual(try JSONDecoder().decode(SourceLocation.self, from: old), start)
        XCTAssertEqual(try JSONDecoder().decode(SourceLocation.self, from: JSONEncoder().encode(ranged)), ranged)
    }

    // MARK: - Formulas and references

    private func formulas(_ markdown: String) -> [Math] {
        var found: [Math] = []
        func walk(_ inlines: [Inline]) {
            for inline in inlines {
                switch inline {
                case .math(let math): found.append(math)
                case .emphasis(let inner, _), .strong(let inner, _), .strikethrough(let inner, _): walk(inner)
                case .link(_, _, let inner, _): walk(inner)
                default: break
                }
            }
        }
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block.kind {
                case .paragraph(let inlines), .heading(_, let inlines, _): walk(inlines)
                case .displayMath(let math): found.append(math)
                case .blockQuote(let inner): walk(inner)
                case .list(_, let items): for item in items { walk(item.content) }
                default: break
                }
            }
        }
        walk(blocks(markdown))
        return found
    }

    func testAnInlineFormulaCoversItsTeXBetweenTheDollars() {
        XCTAssertEqual(formulas("see $x^2$ here\n").map(\.range), [range(1, 6, 1, 8)])
        // `é` and `∑` are two and three bytes: columns count bytes, as cmark's do.
        XCTAssertEqual(formulas("é∑ $ab$ and $$c+d$$ z\n").map(\.range), [range(1, 8, 1, 9), range(1, 18, 1, 20)])
        XCTAssertEqual(formulas("> quoted $\\alpha$\n").map(\.range), [range(1, 11, 1, 16)], "after a block-quote marker")
    }

    func testAMultiLineDisplayFormulaEndsOnItsLastTeXByte() {
        // The TeX runs from after `$$` on line 3 to the space before the closing `$$` on line 5.
        let markdown = "text\n\n$$ a\n= b\n+ ∑c $$ {#eq-x}\n\nafter\n"
        XCTAssertEqual(formulas(markdown).map(\.range), [range(3, 3, 5, 7)])
        XCTAssertEqual(formulas(markdown).first?.position, SourcePosition(line: 3, column: 3), "the start is where KaTeX's offsets count from")
        // A closing `$$` alone on its line: the TeX ends on the line before, at its last byte.
        XCTAssertEqual(formulas("$$\nx = 1é\n$$\n").map(\.range), [range(1, 3, 2, 7)])
        XCTAssertEqual(formulas("> $$\n> y\n> $$\n").map(\.range), [range(1, 5, 2, 3)], "inside a block quote")
    }

    func testAKaTeXErrorCarriesTheFormulasEndButPrintsTheOffendingColumn() {
        let document = MarkdownDocument(blocks: blocks("é $a \\frac b$ c\n\n$$\nx\n\\bad y\n$$\n"))
        var rendered = MathStage.Rendered()
        rendered.math[MathRequest(tex: "a \\frac b", display: false)] = .failure(message: "expected group", position: 2)
        rendered.math[MathRequest(tex: "\nx\n\\bad y\n", display: true)] = .failure(message: "undefined", position: 3)
        let diagnostics = MathStage.apply(rendered, to: [MathStage.Page(document: document, displayPath: "m.md")]).diagnostics[0]
        XCTAssertEqual(diagnostics.map(\.description), ["m.md:1:7: error: KaTeX cannot render this formula: expected group",
                                                       "m.md:5:1: error: KaTeX cannot render this formula: undefined"])
        XCTAssertEqual(diagnostics.map { $0.location?.range }, [range(1, 7, 1, 13), range(5, 1, 5, 6)])
    }

    func testAFormulaOverTheLimitIsReportedWithItsRange() {
        let tex = String(repeating: "{", count: Limits.formulaBraceDepth + 1) + String(repeating: "}", count: Limits.formulaBraceDepth + 1)
        let (_, diagnostics) = MarkdownParser().parse("a $\(tex)$\n", path: "t.md", firstLine: 1)
        XCTAssertEqual(diagnostics.first?.location?.range, range(1, 4, 1, 3 + tex.utf8.count))
    }

    func testAnUnknownReferenceCarriesItsOwnRangeAndKeepsItInTheSummary() throws {
        let (document, _) = MarkdownParser().parse("intro\n\nAs @eq-nope shows,\nand more.\n", path: "r.md", firstLine: 1)
        var pass = ReferencePass(labels: LabelIndex(), page: "r.html", displayPath: "r.md")
        let rewritten = pass.rewrite(document)
        guard case .paragraph(let inlines) = rewritten.blocks[1].kind,
              let reference = inlines.first(where: { if case .reference = $0 { true } else { false } }),
              case .reference(let label, let at) = reference else { return XCTFail("no reference: \(rewritten)") }
        XCTAssertEqual(label, "eq-nope")
        XCTAssertEqual(at, range(3, 4, 3, 11), "from the @ to the label's last byte")
        let diagnostic = try XCTUnwrap(pass.diagnostics.first)
        XCTAssertEqual(diagnostic.description, "r.md:3:4: error: reference to unknown label '@eq-nope'")
        XCTAssertEqual(diagnostic.location?.range, range(3, 4, 3, 11))

        // The summary keeps the end; one written before it was kept still loads, start only.
        let stored = try JSONDecoder().decode([ReferencePass.Check].self, from: JSONEncoder().encode(pass.checks))
        var replayed = ReferencePass(labels: LabelIndex(), page: "r.html", displayPath: "r.md")
        replayed.replay(stored)
        XCTAssertEqual(replayed.diagnostics, pass.diagnostics)
        let old = try JSONDecoder().decode([ReferencePass.Check].self, from: Data(#"[{"label":"eq-nope","line":3,"column":1}]"#.utf8))
        XCTAssertEqual(old.first?.range, range(3, 1, 3, 1))
    }
}
