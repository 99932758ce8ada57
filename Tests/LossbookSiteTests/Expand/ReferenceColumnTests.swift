import Foundation
import XCTest
@testable import LossbookSite

/// An unknown `@label` is reported at its `@`, line and column (UTF-8 bytes, as every location of
/// the generator), wherever the text around it puts it: after formulas, escapes, entities and
/// multi-byte characters, on a later line of a paragraph, inside emphasis, lists, quotes and
/// tables, in a note saved with CRLF line endings.
final class ReferenceColumnTests: XCTestCase {
    private func diagnostics(_ markdown: String, firstLine: Int = 1) -> [Diagnostic] {
        let (document, parseProblems) = MarkdownParser().parse(markdown, path: "n.md", firstLine: firstLine)
        XCTAssertEqual(parseProblems, [])
        var pass = ReferencePass(labels: LabelIndex(), page: "n.html", displayPath: "n.md")
        _ = pass.rewrite(document)
        return pass.diagnostics
    }

    /// Where each unknown reference is reported, as `line:column`.
    private func places(_ markdown: String, firstLine: Int = 1) -> [String] {
        diagnostics(markdown, firstLine: firstLine).map { "\($0.location!.line):\($0.location!.column)" }
    }

    func testTheDiagnosticPointsAtTheAtSignAndCoversTheLabel() throws {
        let diagnostic = try XCTUnwrap(diagnostics("See @eq-a.\n", firstLine: 4).first)
        XCTAssertEqual(diagnostic.description, "n.md:4:5: error: reference to unknown label '@eq-a'")
        XCTAssertEqual(diagnostic.location?.end, SourcePosition(line: 4, column: 9), "the end is the label's last byte, not the full stop")
    }

    func testAfterAFormula() {
        // `$x^2$` is five bytes of the note and a token of another length to cmark-gfm.
        XCTAssertEqual(places("$x^2$ then @eq-a and $y$ @eq-b.\n"), ["1:12", "1:26"])
    }

    func testAfterEscapesAndEntities() {
        XCTAssertEqual(places("a \\* b @eq-a\n"), ["1:8"], "the text has `*`, the note `\\*`")
        XCTAssertEqual(places("&eacute; &amp; @eq-a\n"), ["1:16"])
    }

    func testAfterMultiByteCharactersAndSmartPunctuation() {
        XCTAssertEqual(places("é — @eq-a\n"), ["1:8"], "é is two bytes, — three")
        XCTAssertEqual(places("a --- \"b\" @eq-a\n"), ["1:11"], "three hyphens are one dash in the text, straight quotes curly")
    }

    func testOnALaterLineOfAParagraph() {
        XCTAssertEqual(places("first line\nsecond @eq-a\nthird\\\nfourth @eq-b\n"), ["2:8", "4:8"])
    }

    func testInsideEmphasisAndLinks() {
        XCTAssertEqual(places("see *the @eq-a* and **b @eq-b** and [c @eq-c](x.md)\n"), ["1:10", "1:25", "1:40"])
    }

    func testInsideListItemsAndBlockQuotes() {
        XCTAssertEqual(places("- item\n  more @eq-a\n\n1. x @eq-b\n"), ["2:8", "4:6"])
        XCTAssertEqual(places("> quoted @eq-a\n>lazy @eq-b\nlazier @eq-c\n"), ["1:10", "2:7", "3:8"])
    }

    func testInsideTableCells() {
        XCTAssertEqual(places("| a | b @eq-a |\n|---|---|\n| c \\| d | é @eq-b |\n"), ["1:9", "3:15"])
    }

    func testInACRLFNote() {
        XCTAssertEqual(places("first\r\nsecond @eq-a\r\n\r\n> q @eq-b\r\n"), ["2:8", "4:5"])
    }

    func testTheSummaryReplaysTheSamePlaces() throws {
        let (document, _) = MarkdownParser().parse("x\n\n*é* @eq-a\n", path: "n.md", firstLine: 1)
        var pass = ReferencePass(labels: LabelIndex(), page: "n.html", displayPath: "n.md")
        _ = pass.rewrite(document)
        let stored = try JSONDecoder().decode([ReferencePass.Check].self, from: JSONEncoder().encode(pass.checks))
        var replayed = ReferencePass(labels: LabelIndex(), page: "n.html", displayPath: "n.md")
        replayed.replay(stored)
        XCTAssertEqual(replayed.diagnostics, pass.diagnostics)
        XCTAssertEqual(replayed.diagnostics.first?.location?.range,
                       SourceRange(start: SourcePosition(line: 3, column: 6), end: SourcePosition(line: 3, column: 10)))
    }
}
