import XCTest
@testable import LossbookSite

/// Citations, glossary links and preview templates on one page, through the passes as the
/// builder runs them.
final class ReaderPassesTests: XCTestCase {
    private let bib = """
    @article{huber1964, author = {Huber, Peter J.}, title = {Robust Estimation of a Location Parameter},
             journal = {Annals of Mathematical Statistics}, volume = 35, pages = {73--101}, year = 1964}
    @inproceedings{zhang2018, author = {Zhang, Zhilu and Sabuncu, Mert R.}, title = {Generalized Cross Entropy}, year = 2018}
    """

    private let glossaryNote = SourceNote(relativePath: "5-reference/glossary.md", displayPath: "content/5-reference/glossary.md",
                                          frontMatter: FrontMatter(title: "Glossary"), body: """
    **Negative log-likelihood (NLL).** The loss $-\\log p$; see [the chapter](../1-a/one.md).

    **Sigmoid** ($\\sigma$). The function $1/(1 + e^{-z})$.

    **argmax, argmin.** Where a function is largest or smallest.
    """, bodyFirstLine: 5)

    private func note(_ body: String) -> SourceNote {
        SourceNote(relativePath: "1-a/one.md", displayPath: "content/1-a/one.md", frontMatter: FrontMatter(title: "One"),
                   body: body, bodyFirstLine: 5)
    }

    private func run(_ body: String) -> (html: String, problems: [String]) {
        let (bibliography, bibProblems) = Bibliography.parse(bib, displayPath: "content/references.bib")
        XCTAssertEqual(bibProblems.map(\.description), [])
        let page = note(body)
        let reader = ReaderPasses(bibliography: bibliography, glossary: Glossary(notes: [page, glossaryNote]), notes: [page])
        let (parsed, _) = MarkdownParser().parse(body, path: page.displayPath, firstLine: page.bodyFirstLine)
        let (cited, citeProblems) = reader.before(parsed, note: page)
        let (done, glossProblems) = reader.after(cited, note: page, referenced: [], labels: LabelIndex())
        return (HTMLRenderer().render(done), (citeProblems + glossProblems).map(\.description))
    }

    func testCitationFormsAndTheReferenceList() {
        let (html, problems) = run("""
        Robust [@huber1964], both [@huber1964; @zhang2018], with a locator [see @huber1964, p. 75],
        year only [-@zhang2018], and in running text @zhang2018 said so. Not citations: me@huber1964.org, @eq-x, [a] [@].
        """)
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains(##"(<a class="citation" href="#ref-huber1964" id="cite-huber1964-1">Huber 1964</a>)"##), html)
        XCTAssertTrue(html.contains(##"(<a class="citation" href="#ref-huber1964" id="cite-huber1964-2">Huber 1964</a>; <a class="citation" href="#ref-zhang2018" id="cite-zhang2018-1">Zhang and Sabuncu 2018</a>)"##), html)
        XCTAssertTrue(html.contains(##"(see <a class="citation" href="#ref-huber1964" id="cite-huber1964-3">Huber 1964</a>, p. 75)"##), html)
        XCTAssertTrue(html.contains(##"(<a class="citation" href="#ref-zhang2018" id="cite-zhang2018-2">2018</a>)"##), html)
        XCTAssertTrue(html.contains(##"<a class="citation" href="#ref-zhang2018" id="cite-zhang2018-3">Zhang and Sabuncu (2018)</a> said"##), html)
        XCTAssertTrue(html.contains("me@huber1964.org</a>, @eq-x, [a] [@]."), html)
        XCTAssertTrue(html.contains(##"<h2 id="references">"##), "a reference list ends the page: \(html)")
        XCTAssertTrue(html.contains(##"<li id="ref-huber1964"><span class="ref-authors">Peter J. Huber</span> (1964). <span class="ref-title">Robust Estimation of a Location Parameter</span>. <em>Annals of Mathematical Statistics</em>, 35, 73–101."##), html)
        for number in 1...3 { XCTAssertTrue(html.contains("href=\"#cite-huber1964-\(number)\""), "back link \(number)") }
        XCTAssertLessThan(html.range(of: "ref-huber1964\"><span")!.lowerBound, html.range(of: "ref-zhang2018\"><span")!.lowerBound,
                          "references in order of first citation")
    }

    func testWithoutABibliographyOnlyBracketsCite() {
        let page = note("Ask @someone, or cite [@huber1964].")
        let reader = ReaderPasses(bibliography: Bibliography(), glossary: Glossary(), notes: [page])
        let (parsed, _) = MarkdownParser().parse(page.body, path: page.displayPath, firstLine: 5)
        let (_, problems) = reader.before(parsed, note: page)
        XCTAssertEqual(problems.map(\.description),
                       ["content/1-a/one.md:5:24: error: citation of unknown key '@huber1964'; the course has no content/references.bib"])
    }

    func testUnknownKeysAreLocatedErrors() {
        let (_, problems) = run("First line.\n\nA paragraph that\ncites [@huber1946] and @nobody.")
        XCTAssertEqual(problems, [
            "content/1-a/one.md:8:8: error: citation of unknown key '@huber1946' (did you mean '@huber1964'?)",
            "content/1-a/one.md:8:24: error: citation of unknown key '@nobody'",
        ])
    }

    func testEachUnknownKeyIsAtItsOwnAtSign() {
        // The same key twice on a line, a key inside brackets with a prefix, after emphasis, a
        // multi-byte character and an escape: each is reported where its `@` is, with its end.
        let body = "Known [@huber1946], *again* [see @huber1946; @nobody, p. 3] and é @nobody.\nNext \\* line [@zzz]."
        let (bibliography, _) = Bibliography.parse(bib, displayPath: "content/references.bib")
        let page = note(body)
        let reader = ReaderPasses(bibliography: bibliography, glossary: Glossary(), notes: [page])
        let (parsed, _) = MarkdownParser().parse(body, path: page.displayPath, firstLine: page.bodyFirstLine)
        let (_, problems) = reader.before(parsed, note: page)
        XCTAssertEqual(problems.map { "\($0.location!.line):\($0.location!.column)-\($0.location!.end!.column)" },
                       ["5:8-17", "5:34-43", "5:46-52", "5:68-74", "6:15-18"])
    }

    func testGlossaryLinksPreviewsAndUnknownTerms() {
        let (html, problems) = run("The [NLL](glossary:), the [squashing function](glossary:sigmoid), [argmin](glossary:) and [x](glossary:nlll).")
        XCTAssertEqual(problems, ["content/1-a/one.md:5:91: error: glossary link to unknown term 'nlll' (did you mean 'glossary:nll'?)"])
        XCTAssertTrue(html.contains(##"<a href="../5-reference/glossary.html#gloss-negative-log-likelihood">NLL</a>"##), html)
        XCTAssertTrue(html.contains(##"<a href="../5-reference/glossary.html#gloss-sigmoid">squashing function</a>"##), html)
        XCTAssertTrue(html.contains(##"<a href="../5-reference/glossary.html#gloss-argmax">argmin</a>"##), html)
        XCTAssertTrue(html.contains(##"<template id="preview-gloss-negative-log-likelihood" class="preview-source">"##), html)
        XCTAssertTrue(html.contains("<strong>Negative log-likelihood (NLL).</strong> The loss"), html)
        XCTAssertFalse(html.components(separatedBy: "<template").dropFirst().joined().contains("one.html"), "definitions lose their links")
    }

    func testTheGlossaryPageMarksItsTerms() {
        let (bibliography, _) = Bibliography.parse(bib, displayPath: "content/references.bib")
        let reader = ReaderPasses(bibliography: bibliography, glossary: Glossary(notes: [glossaryNote]), notes: [glossaryNote])
        let (parsed, _) = MarkdownParser().parse(glossaryNote.body, path: glossaryNote.displayPath, firstLine: 5)
        let (done, problems) = reader.after(parsed, note: glossaryNote, referenced: [], labels: LabelIndex())
        let html = HTMLRenderer().render(done)
        XCTAssertEqual(problems.map(\.description), [])
        XCTAssertTrue(html.contains(##"<strong><dfn id="gloss-negative-log-likelihood">Negative log-likelihood (NLL).</dfn></strong>"##), html)
        XCTAssertTrue(html.contains(##"<dfn id="gloss-sigmoid">Sigmoid</dfn>"##), html)
    }

    func testSearchStopsAtThePreviews() {
        let (bibliography, _) = Bibliography.parse(bib, displayPath: "content/references.bib")
        let page = note("Uses the [NLL](glossary:).")
        let reader = ReaderPasses(bibliography: bibliography, glossary: Glossary(notes: [page, glossaryNote]), notes: [page])
        let (parsed, _) = MarkdownParser().parse(page.body, path: page.displayPath, firstLine: 5)
        let (done, _) = reader.after(parsed, note: page, referenced: [], labels: LabelIndex())
        let text = SearchSections.sections(of: done).map(\.text).joined()
        XCTAssertFalse(text.contains("The loss"), text)
    }

    func testCitingPagesComeFromTheNotesText() {
        let (bibliography, _) = Bibliography.parse(bib, displayPath: "content/references.bib")
        let cited = ReaderPasses.citingPages([note("See [@zhang2018] and @huber1964, not @unknown.")], bibliography: bibliography)
        XCTAssertEqual(cited.keys.sorted(), ["huber1964", "zhang2018"])
        XCTAssertEqual(cited["huber1964"]?.first?.outputPath, "1-a/one.html")
    }

    func testGitLogParsing() {
        let log = "\u{1}2026-12-01\n\na.md\nb/c.md\n\u{1}2026-11-02\n\na.md\nd.md\n"
        XCTAssertEqual(GitDates.parse(log).dates, ["a.md": "2026-12-01", "b/c.md": "2026-12-01", "d.md": "2026-11-02"])
    }

    func testIdRewriterForThePrintedCourse() {
        let rewriter = HTMLIdRewriter(prefix: "p2-", pagePrefix: { $0 == "../b/two.html" ? "p3-" : nil }, resource: { "a/" + $0 })
        let html = ##"<h2 id="x"><a href="#x">X</a></h2><svg aria-labelledby="t d"><title id="t">T</title><g clip-path="url(#c)"></g></svg><a href="../b/two.html#y">y</a> <a href="../b/two.html">two</a> <img src="pic.png" alt="a > b"><a href="https://e.org/#z">e</a><label for="i">i</label><!-- id="kept" --><script>var s = '<a id="kept">';</script>"##
        XCTAssertEqual(rewriter.rewrite(html), ##"<h2 id="p2-x"><a href="#p2-x">X</a></h2><svg aria-labelledby="p2-t p2-d"><title id="p2-t">T</title><g clip-path="url(#p2-c)"></g></svg><a href="#p3-y">y</a> <a href="#p3-top">two</a> <img src="a/pic.png" alt="a > b"><a href="https://e.org/#z">e</a><label for="p2-i">i</label><!-- id="kept" --><script>var s = '<a id="kept">';</script>"##)
    }
}
