import XCTest
@testable import LossbookSite

/// A page's part of the print page made with the page (from the writer's print edits) is the part
/// cut out of the finished page and scanned, byte for byte; where that cannot be promised, none is
/// made and the page is scanned.
final class PrintPartTests: XCTestCase {
    private let prefixes = ["a/one.html": "p1-", "a/two.html": "p2-", "b/three.html": "p3-"]

    private static let template = """
    <html><body><nav class="site"><a href="../index.html" id="home">Home</a></nav>
    <article class="page">
    <h1 id="title">{{title}}</h1>
    {{#hasToc}}<nav class="toc"><a href="#x">X</a></nav>{{/hasToc}}
    {{{content}}}
    <p id="after"><a href="#title">up</a></p>
    </article><footer id="f"><a href="two.html">next</a></footer></body></html>
    """

    private func document(_ markdown: String, extra: [Block] = []) -> MarkdownDocument {
        let (document, diagnostics) = MarkdownParser().parse(markdown, path: "a/one.md", firstLine: 1)
        XCTAssertEqual(diagnostics, [])
        return MarkdownDocument(blocks: document.blocks + extra)
    }

    /// The page as `PageMaker` makes it, and its part both ways.
    private func parts(_ document: MarkdownDocument, template text: String = template, hasToc: Bool = true)
        -> (made: [UInt8]?, cut: [UInt8]?, edits: PrintEdits?) {
        let writer = HTMLRenderer().write(document, into: HTMLWriter(recordingPrintEdits: true))
        let template = try! PageTemplate(parsing: text)
        let rendered = template.renderBytes(["title": "One", "hasToc": .flag(hasToc), "content": .markup(writer.bytes)], partials: [:])
        XCTAssertEqual(String(decoding: rendered.bytes, as: UTF8.self), template.render(["title": "One", "hasToc": .flag(hasToc), "content": .text(writer.html)], partials: [:]),
                       "markup goes into the page as text did")
        return rendered.bytes.withUnsafeBufferPointer { page in
            let cut = PrintPage.chunk(of: page, outputPath: "a/one.html", prefixes: prefixes)
            guard let slots = rendered.markupSlots, slots.count == 1, let edits = writer.printEdits else { return (nil, cut, writer.printEdits) }
            return (PrintPage.part(ofPage: page, content: slots[0], edits: edits, outputPath: "a/one.html", prefixes: prefixes), cut, edits)
        }
    }

    private func math(_ tex: String, display: Bool, label: String? = nil) -> Math {
        // KaTeX-like output: spans with classes and styles, an SVG without ids, the TeX escaped.
        Math(tex: tex, display: display, range: SourceRange(at: SourcePosition(line: 1, column: 1)), label: label,
             number: label == nil ? nil : "1",
             html: "<span class=\"katex\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mi>x</mi>"
                 + "<annotation encoding=\"application/x-tex\">\(HTMLWriter.escape(tex))</annotation></semantics></math>"
                 + "<span class=\"katex-html\" aria-hidden=\"true\"><span class=\"mord\" style=\"height:0.4em;\">x</span>"
                 + "<svg width=\"1em\" viewBox=\"0 0 10 10\"><path d=\"M0 0h10\"/></svg></span></span>")
    }

    func testPartMadeWithThePageIsThePartCutFromIt() throws {
        let markdown = """
        Intro with [a link](two.html#sec), [another page](../b/three.html), [outside](https://example.org/x#y), \
        [here](#sec) and a note[^n]. ![alt](img/p.png "t") <span id="raw">raw</span> <a href="#raw">to raw</a>

        ## Sec

        | A | B |
        |---|---|
        | [c](#sec) | d |

        <div id="block"><svg><clipPath id="clip"><rect/></clipPath><g clip-path="url(#clip)"></g></svg>\
        <label for="in">l</label><div aria-labelledby="block raw">x</div></div>

        ```swift
        let x = 1
        ```

        Text with <details class="solution">inline</details> markup.

        [^n]: The note, with [a link](#sec).
        """
        let generated = Block(.generated(GeneratedBlock(label: "fig-a", number: "1",
                                                        html: "<figure id=\"fig-a\"><svg><defs><clipPath id=\"c1\"/></defs><g clip-path=\"url(#c1)\" aria-describedby=\"d1\"></g></svg><figcaption id=\"d1\">Fig</figcaption></figure>")),
                              at: SourcePosition(line: 30, column: 1))
        let exercise = Block(.exercise(Exercise(number: 2, title: [.text("Try", at: TextSource(at: SourcePosition(line: 1, column: 1)))],
                                                content: document("See [the sec](#sec).").blocks,
                                                solution: document("Because $x$. Go [there](three.html).").blocks)),
                             at: SourcePosition(line: 31, column: 1))
        let display = Block(.displayMath(math("a < b \\href{#x}{y}", display: true, label: "eq-a")), at: SourcePosition(line: 32, column: 1))
        let inline = Block(.paragraph([.math(math("y", display: false)), .text(", then.", at: TextSource(at: SourcePosition(line: 1, column: 1)))]),
                           at: SourcePosition(line: 33, column: 1))
        for hasToc in [true, false] {
            let (made, cut, edits) = parts(document(markdown, extra: [generated, exercise, display, inline]), hasToc: hasToc)
            XCTAssertNotNil(made, "the part is made from the edits")
            XCTAssertNotNil(cut)
            XCTAssertEqual(made.map { String(decoding: $0, as: UTF8.self) }, cut.map { String(decoding: $0, as: UTF8.self) })
            // KaTeX's markup is copied, not scanned; the heading's id and link are edits.
            XCTAssertFalse(edits?.edits.isEmpty ?? true)
        }
        let made = try XCTUnwrap(parts(document(markdown, extra: [exercise])).made)
        let text = String(decoding: made, as: UTF8.self)
        XCTAssertTrue(text.contains("<h2 id=\"p1-sec\">"), text)
        XCTAssertTrue(text.contains("href=\"#p2-sec\""), text)
        XCTAssertTrue(text.contains("href=\"#p3-top\""), text)
        XCTAssertTrue(text.contains("<details class=\"solution\" open>"), text)
        XCTAssertFalse(text.contains("class=\"toc\""), "the contents box is left out")
        XCTAssertTrue(text.contains("<p id=\"p1-after\">"), "the template's lines after the HTML are rewritten too")
    }

    func testWriterNotesOnlyWhatTheRewriterWouldChange() {
        var writer = HTMLWriter(recordingPrintEdits: true)
        writer.open("p", ["class": "c", "id": "x", "style": "fill: url(#g)", "title": "t"])
        writer.math("<span id=\"never\">")
        writer.raw("<b>r</b>")
        writer.open("details", ["class": "solution"])
        let edits = writer.printEdits?.edits.map(\.kind)
        XCTAssertEqual(edits, [.attribute("id"), .attribute("style"), .markup, .solution])
        XCTAssertEqual(writer.printEdits?.isComplete, true)
        writer.open("script")
        XCTAssertEqual(writer.printEdits?.isComplete, false, "a script's content is not scanned by the rewriter")
        XCTAssertNil(HTMLWriter().printEdits, "a writer notes edits only when asked")
    }

    func testNoPartWhereTheEditsCannotPromiseTheSameBytes() {
        // Markup that leaves the scanner inside a script, a comment or a tag.
        for raw in ["<script>var a = '<a id=\"x\">';", "<!-- open", "<a id=\"x\""] {
            let (made, cut, _) = parts(document("x", extra: [Block(.html(raw), at: SourcePosition(line: 2, column: 1))]))
            XCTAssertNil(made, raw)
            XCTAssertNotNil(cut, raw)
        }
        // A contents box in the author's markup, with none in the template: the scan cuts it out.
        let box = Block(.html("<nav class=\"toc\"><a href=\"#a\">a</a></nav>"), at: SourcePosition(line: 2, column: 1))
        XCTAssertNil(parts(document("x", extra: [box]), hasToc: false).made)
        let (made, cut, _) = parts(document("x", extra: [box]), hasToc: true)
        XCTAssertEqual(made, cut, "with the template's box first, the author's stays, both ways")
        // The HTML put in twice, or by an indented partial, or not inside the article.
        XCTAssertNil(parts(document("x"), template: "<article>{{{content}}}{{{content}}}</article>").made)
        XCTAssertNil(parts(document("x"), template: "{{{content}}}<article>a</article>").made)
        XCTAssertNil(parts(document("x"), template: "<article class=\"{{{content}}}\">a</article>").made)
    }

    func testIndentedPartialsReportNoSlots() throws {
        let partial = try PageTemplate(parsing: "{{{content}}}\n")
        let page = try PageTemplate(parsing: "<article>\n  {{> body}}\n</article>\n")
        let rendered = page.renderBytes(["content": .markup(Array("<p>a</p>\n<p>b</p>".utf8))], partials: ["body": partial])
        XCTAssertNil(rendered.markupSlots)
        XCTAssertEqual(String(decoding: rendered.bytes, as: UTF8.self), "<article>\n  <p>a</p>\n  <p>b</p>\n</article>\n")
        let flat = try PageTemplate(parsing: "<article>{{{content}}}</article>{{content}}").renderBytes(["content": .markup(Array("<b>".utf8))], partials: [:])
        XCTAssertEqual(flat.markupSlots, [9..<12], "an escaped insertion is not a slot")
        XCTAssertEqual(String(decoding: flat.bytes, as: UTF8.self), "<article><b></article>&lt;b&gt;")
    }

    /// Pages put together from pieces that name ids, link inside and outside the course, hold
    /// markup that ends cleanly or not, solutions and contents boxes: whenever a part is made
    /// from the edits it is the part cut from the page, and pieces that end cleanly always give one.
    func testGeneratedPagesGiveTheSamePartBothWays() {
        let markdown = ["Text [a](#s1) [b](two.html#x) [c](../b/three.html) [d](http://e.org/#x).", "## S1", "### Deeper",
                        "- [item](#s1)\n- two", "Note[^n].\n\n[^n]: Back [to](#s1).", "| H | I |\n|---|---|\n| [l](#s1) | x |",
                        "![img](img/a.png)", "`code` and *em* <span id=\"r\" title=\"url(#r)\">r</span>"]
        let markup = ["<div id=\"g\"><svg><clipPath id=\"c\"/><g clip-path=\"url(#c)\"/></svg></div>",
                      "<details class=\"solution\">s</details>", "<a href=\"#g\" aria-describedby=\"g c\">x</a>",
                      "<!-- c --><p for=\"z\">y</p>", "<style>.a{}</style>", "<script>x()</script>", "<p id=\"open\"",
                      "<nav class=\"toc\">n</nav>", "<img src=\"a.png\" alt=\"\">"]
        var generator = SeededGenerator(seed: 21)
        var made = 0
        for _ in 0..<200 {
            var blocks: [Block] = []
            for line in 0..<Int.random(in: 1...8, using: &generator) {
                let position = SourcePosition(line: line + 1, column: 1)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: blocks.append(Block(.html(markup.randomElement(using: &generator)!), at: position))
                case 1: blocks.append(Block(.generated(GeneratedBlock(label: nil, number: nil, html: markup.randomElement(using: &generator)!)), at: position))
                case 2: blocks.append(Block(.displayMath(math("x_\(line)", display: true, label: "eq-\(line)")), at: position))
                default: blocks += document(markdown.randomElement(using: &generator)!).blocks
                }
            }
            let (part, cut, _) = parts(MarkdownDocument(blocks: blocks), hasToc: Bool.random(using: &generator))
            if let part {
                made += 1
                XCTAssertEqual(String(decoding: part, as: UTF8.self), cut.map { String(decoding: $0, as: UTF8.self) })
            }
        }
        XCTAssertGreaterThan(made, 50, "most generated pages get their part from the edits")
    }
}

/// A small deterministic generator (SplitMix64), so that the generated pages are the same each run.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
