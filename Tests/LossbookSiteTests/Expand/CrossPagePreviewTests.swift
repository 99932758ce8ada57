import XCTest
@testable import LossbookSite

/// Previews of sections, pages and figures of other pages: copied into the linking page at build
/// time (a `<template>` per target), readable out of place, and found from the page's summary.
final class CrossPagePreviewTests: XCTestCase {
    private let bib = """
    @article{huber1964, author = {Huber, Peter J.}, title = {Robust Estimation of a Location Parameter},
             journal = {Annals of Mathematical Statistics}, year = 1964}
    """

    private let otherBody = """
    ## Robust losses

    The Huber loss [@huber1964] of @huber1964 is quadratic near zero,[^n] see @eq-q and
    [the glossary](../5-reference/glossary.md#gloss-nll); $a^2/2$ for $|a| \\le 1$.

    $$
    q(a) = a^2
    $$ {#eq-q}

    ## Computed first

    `={loss: mse, args: {input: [3], target: [0]}}` is nine.

    [^n]: A note.
    """

    private func otherNote() -> SourceNote {
        SourceNote(relativePath: "b/two.md", displayPath: "content/b/two.md",
                   frontMatter: FrontMatter(title: "Two", description: "Losses that resist outliers."), body: otherBody, bodyFirstLine: 5)
    }

    func testSectionsAreCollectedFromTheSource() {
        let note = otherNote()
        let (document, _) = MarkdownParser().parse(note.body, path: note.displayPath, firstLine: note.bodyFirstLine)
        let sections = PreviewSources.sections(of: document, body: note.body, firstLine: note.bodyFirstLine)
        XCTAssertEqual(sections["robust-losses"]?.heading, "Robust losses", "the heading without its #s")
        XCTAssertTrue(sections["robust-losses"]?.paragraph?.hasPrefix("The Huber loss [@huber1964]") == true, "\(sections)")
        XCTAssertTrue(sections["robust-losses"]?.paragraph?.hasSuffix("$|a| \\le 1$.") == true, "the whole paragraph, up to its blank line")
        XCTAssertEqual(sections["computed-first"]?.heading, "Computed first")
        XCTAssertEqual(PreviewSources.headingText("### Title ###"), "Title")
    }

    func testLongParagraphsAreCutAtAWordAndNeverInsideAFormula() {
        let words = Array(repeating: "word", count: 200).joined(separator: " ")
        let body = "## Long\n\n\(words) $x + y$ and $z$ end."
        let (document, _) = MarkdownParser().parse(body, path: "content/x.md", firstLine: 1)
        let paragraph = PreviewSources.sections(of: document, body: body, firstLine: 1)["long"]?.paragraph ?? ""
        XCTAssertLessThanOrEqual(paragraph.count, PreviewSources.paragraphLimit + 2)
        XCTAssertTrue(paragraph.hasSuffix(" …"), paragraph)
        XCTAssertEqual(paragraph.filter { $0 == "$" }.count % 2, 0, "no formula left open")
    }

    func testReadableTextOutOfPlace() throws {
        let (bibliography, _) = Bibliography.parse(bib, displayPath: "content/references.bib")
        let note = otherNote()
        var labels = LabelIndex()
        let (document, _) = MarkdownParser().parse(note.body, path: note.displayPath, firstLine: note.bodyFirstLine)
        _ = labels.number(document, page: "b/two.html", displayPath: note.displayPath, chapter: 3)
        let sections = PreviewSources.sections(of: document, body: note.body, firstLine: note.bodyFirstLine)
        let text = try XCTUnwrap(PreviewSources.readable(try XCTUnwrap(sections["robust-losses"]?.paragraph), labels: labels, bibliography: bibliography))
        XCTAssertEqual(text, "The Huber loss of Huber (1964) is quadratic near zero, see Equation (3.1) and\nthe glossary; $a^2/2$ for $|a| \\le 1$.")
        XCTAssertNil(PreviewSources.readable("`={loss: mse}` is nine.", labels: labels, bibliography: bibliography),
                     "a computed value needs its page")
    }

    func testLinksToOtherPagesGetTheirSectionTheirPageAndTheirFigures() throws {
        let (bibliography, _) = Bibliography.parse(bib, displayPath: "content/references.bib")
        let other = otherNote()
        var labels = LabelIndex()
        let (otherDocument, _) = MarkdownParser().parse(other.body, path: other.displayPath, firstLine: other.bodyFirstLine)
        var figure = MarkdownDocument(blocks: otherDocument.blocks)
        figure.blocks.append(Block(.generated(GeneratedBlock(label: "fig-huber", number: nil,
                                                             html: "<figure id=\"fig-huber\"><figcaption>Figure \(GeneratedBlock.numberPlaceholder). Huber.</figcaption></figure>")),
                                   at: SourcePosition(line: 40, column: 1)))
        _ = labels.number(figure, page: "b/two.html", displayPath: other.displayPath, chapter: 3)
        var previews = PreviewSources()
        previews.pages["b/two.md"] = PreviewSources.Page(title: "Two", description: "Losses that resist outliers.", outputPath: "b/two.html",
                                                         sections: PreviewSources.sections(of: otherDocument, body: other.body, firstLine: other.bodyFirstLine))
        let body = "See [robust losses](../b/two.md#robust-losses), [Two](../b/two.md), [again](../b/two.md#robust-losses), @fig-huber and [here](#top).\n\n## Top"
        let note = SourceNote(relativePath: "a/one.md", displayPath: "content/a/one.md", frontMatter: FrontMatter(title: "One"),
                              body: body, bodyFirstLine: 1)
        let (parsed, _) = MarkdownParser().parse(body, path: note.displayPath, firstLine: 1)
        var references = ReferencePass(labels: labels, page: "a/one.html", displayPath: note.displayPath)
        var links = LinkPass(targets: LinkPass.Targets(anchors: ["a/one.md": ["top"], "b/two.md": ["robust-losses", "computed-first"]], assets: []),
                             source: note.relativePath, displayPath: note.displayPath)
        let linked = links.rewrite(references.rewrite(parsed))
        XCTAssertEqual(links.diagnostics.map(\.description), [])
        let reader = ReaderPasses(bibliography: bibliography, glossary: Glossary(notes: []), notes: [note])
        let (done, problems) = reader.after(linked, note: note, referenced: references.checks.map(\.label), labels: labels,
                                            links: links.checks, previews: previews)
        XCTAssertEqual(problems.map(\.description), [])
        let html = HTMLRenderer().render(done)
        let templates = html.components(separatedBy: PreviewBlocks.marker).dropFirst().joined()
        XCTAssertEqual(templates.components(separatedBy: "<template id=\"preview-../b/two.html#robust-losses\"").count - 1, 1, "one copy per target: \(templates)")
        XCTAssertTrue(templates.contains("<strong>Robust losses</strong>"), templates)
        XCTAssertTrue(templates.contains("The Huber loss of Huber (1964) is quadratic near zero"), templates)
        XCTAssertTrue(templates.contains("<template id=\"preview-../b/two.html\" class=\"preview-source\">"), templates)
        XCTAssertTrue(templates.contains("<strong>Two</strong>"), templates)
        XCTAssertTrue(templates.contains("Losses that resist outliers."), templates)
        XCTAssertTrue(templates.contains("<template id=\"preview-fig-huber\" class=\"preview-source\">"), templates)
        XCTAssertTrue(templates.contains("Figure 3.1. Huber."), "the figure with its number: \(templates)")
        XCTAssertFalse(templates.contains("<a "), "copies carry no links")
        XCTAssertFalse(templates.contains("preview-top"), "targets on the page itself are not copied")
        XCTAssertTrue(html.contains("href=\"../b/two.html#robust-losses\""), "the copy is filed under the href the page has: \(html)")
    }

    /// A page the build does not parse offers its figures from the cache: its summary keeps only
    /// each figure's digest, so that the summaries every build reads stay small.
    func testAFigureOfAPageThatWasNotParsedComesFromTheCache() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var fresh = LabelIndex()
        let figure = MarkdownDocument(blocks: [Block(.generated(GeneratedBlock(label: "fig-huber", number: nil,
            html: "<figure id=\"fig-huber\"><figcaption>Figure \(GeneratedBlock.numberPlaceholder). Huber.</figcaption></figure>")),
            at: SourcePosition(line: 3, column: 1))])
        _ = fresh.number(figure, page: "b/two.html", displayPath: "content/b/two.md", chapter: 3)
        let definitions = try XCTUnwrap(fresh.definitions["b/two.html"])
        let summary = try JSONDecoder().decode([LabelIndex.Definition].self, from: JSONEncoder().encode(definitions))
        XCTAssertNil(summary.first?.html, "the summary does not carry the figure")
        XCTAssertNotNil(summary.first?.htmlKey)
        FigureCopies(directory: directory).store(definitions)

        var labels = LabelIndex()
        labels.register(summary, page: "b/two.html", displayPath: "content/b/two.md", chapter: 3)
        var previews = PreviewSources()
        previews.figures = FigureCopies(directory: directory)
        let note = SourceNote(relativePath: "a/one.md", displayPath: "content/a/one.md", frontMatter: FrontMatter(title: "One"), body: "", bodyFirstLine: 1)
        let reader = ReaderPasses(bibliography: Bibliography.parse("", displayPath: "content/references.bib").0, glossary: Glossary(notes: []), notes: [note])
        let (done, _) = reader.after(MarkdownDocument(blocks: []), note: note, referenced: ["fig-huber"], labels: labels, previews: previews)
        let html = HTMLRenderer().render(done)
        XCTAssertTrue(html.contains("<template id=\"preview-fig-huber\" class=\"preview-source\">"), html)
        XCTAssertTrue(html.contains("Figure 3.1. Huber."), html)

        FigureCopies(directory: directory).sweep(keeping: [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [], "a figure no longer in the course is swept")
    }

    func testAFigureOnTheSamePageIsNotCopied() {
        var labels = LabelIndex()
        let figure = MarkdownDocument(blocks: [Block(.generated(GeneratedBlock(label: "fig-a", number: nil, html: "<figure id=\"fig-a\"></figure>")),
                                                     at: SourcePosition(line: 1, column: 1))])
        _ = labels.number(figure, page: "a/one.html", displayPath: "content/a/one.md", chapter: 1)
        let note = SourceNote(relativePath: "a/one.md", displayPath: "content/a/one.md", frontMatter: FrontMatter(title: "One"), body: "", bodyFirstLine: 1)
        let reader = ReaderPasses(bibliography: Bibliography.parse("", displayPath: "content/references.bib").0, glossary: Glossary(notes: []), notes: [note])
        let (done, _) = reader.after(figure, note: note, referenced: ["fig-a"], labels: labels)
        XCTAssertFalse(HTMLRenderer().render(done).contains("<template"))
    }
}
