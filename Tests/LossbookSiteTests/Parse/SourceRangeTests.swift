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
}
