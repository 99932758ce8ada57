import XCTest
@testable import LossbookSite

final class LinkAndReferenceTests: XCTestCase {
    private let targets = LinkPass.Targets(
        anchors: ["a/one.md": ["intro", "eq-x"], "b/two.md": ["details"]],
        assets: ["a/picture.png"])

    private func links(_ markdown: String, source: String = "a/one.md") -> (String, [String]) {
        let (document, _) = MarkdownParser().parse(markdown, path: "content/\(source)", firstLine: 1)
        var pass = LinkPass(targets: targets, source: source, displayPath: "content/\(source)")
        let rewritten = pass.rewrite(document)
        return (HTMLRenderer().render(rewritten), pass.diagnostics.map(\.description))
    }

    func testNoteLinksBecomeRelativePageLinks() {
        let (html, problems) = links("[two](../b/two.md#details) and [self](#intro) and [web](https://example.org)")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("href=\"../b/two.html#details\""), html)
        XCTAssertTrue(html.contains("href=\"#intro\""), html)
        XCTAssertTrue(html.contains("href=\"https://example.org\""), html)
    }

    func testMissingPageAndAnchor() {
        let (_, problems) = links("[x](../b/three.md)\n\n[y](../b/two.md#nope)\n\n[z](#nowhere)")
        XCTAssertEqual(problems, [
            "content/a/one.md:1:1: error: link to '../b/three.md', which is not a note of the course (looked for content/b/three.md)",
            "content/a/one.md:3:1: error: link to '../b/two.md#nope': that page has no heading or label 'nope'",
            "content/a/one.md:5:1: error: link to '#nowhere', which is not a heading or label of this page",
        ])
    }

    func testPathsThatLeaveTheContentFolderAreRefused() {
        let (_, problems) = links("[p](../../etc/passwd) [q](/etc/passwd) ![i](../../../x.png)")
        XCTAssertEqual(problems.count, 3)
        XCTAssertTrue(problems.allSatisfy { $0.contains("error: refused:") }, "\(problems)")
    }

    func testMissingImage() {
        let (_, problems) = links("![plot](missing.png) ![ok](picture.png)")
        XCTAssertEqual(problems, ["content/a/one.md:1:1: error: image 'missing.png' does not exist in the content folder"])
    }

    func testReferencesResolveAcrossPagesAndUnknownOnesFail() {
        let (first, _) = MarkdownParser().parse("$$\nx\n$$ {#eq-x}\n\nSee @eq-x.", path: "content/a/one.md", firstLine: 1)
        let (second, _) = MarkdownParser().parse("As in @eq-x, not @eq-y; mail me@eq-x.org.", path: "content/b/two.md", firstLine: 1)
        var labels = LabelIndex()
        let numbered = labels.number(first, page: "a/one.html", displayPath: "content/a/one.md", chapter: 2)
        _ = labels.number(second, page: "b/two.html", displayPath: "content/b/two.md", chapter: 3)
        XCTAssertEqual(labels.targets["eq-x"]?.number, "2.1")

        var samePage = ReferencePass(labels: labels, page: "a/one.html", displayPath: "content/a/one.md")
        let html = HTMLRenderer().render(samePage.rewrite(numbered))
        XCTAssertTrue(html.contains("<a class=\"xref\" href=\"#eq-x\">Equation (2.1)</a>"), html)
        XCTAssertTrue(html.contains("<span class=\"equation-number\">(2.1)</span>"), html)

        var otherPage = ReferencePass(labels: labels, page: "b/two.html", displayPath: "content/b/two.md")
        let other = HTMLRenderer().render(otherPage.rewrite(second))
        XCTAssertTrue(other.contains("href=\"../a/one.html#eq-x\""), other)
        XCTAssertTrue(other.contains("me@eq-x.org"), "an e-mail address is not a reference")
        XCTAssertEqual(otherPage.diagnostics.map(\.description),
                       ["content/b/two.md:1:18: error: reference to unknown label '@eq-y' (did you mean '@eq-x'?)"])
    }

    func testABrokenLinkIsReportedAtItsBracketAndCoversTheLink() throws {
        let (document, _) = MarkdownParser().parse("é $x$ then [gone](nowhere.md) and ![i](no.png).\n", path: "content/a.md", firstLine: 3)
        var pass = LinkPass(targets: LinkPass.Targets(anchors: ["a.md": []], assets: []), source: "a.md", displayPath: "content/a.md")
        _ = pass.rewrite(document)
        XCTAssertEqual(pass.diagnostics.map(\.description).map { String($0.prefix(18)) }, ["content/a.md:3:13:", "content/a.md:3:36:"])
        XCTAssertEqual(pass.diagnostics.map { $0.location?.end }, [SourcePosition(line: 3, column: 30), SourcePosition(line: 3, column: 47)])
        // The page's summary keeps the range; one written before it was kept still loads.
        let stored = try JSONDecoder().decode([LinkPass.Check].self, from: JSONEncoder().encode(pass.checks))
        var replayed = LinkPass(targets: LinkPass.Targets(anchors: ["a.md": []], assets: []), source: "a.md", displayPath: "content/a.md")
        replayed.replay(stored)
        XCTAssertEqual(replayed.diagnostics, pass.diagnostics)
        let old = try JSONDecoder().decode([LinkPass.Check].self, from: Data(#"[{"image":false,"destination":"x.md","line":3,"column":1}]"#.utf8))
        XCTAssertEqual(old.first?.range, SourceRange(at: SourcePosition(line: 3, column: 1)))
    }

    func testDuplicateLabelsAreErrors() {
        let (first, _) = MarkdownParser().parse("$$\nx\n$$ {#eq-x}\n", path: "content/a.md", firstLine: 1)
        let (second, _) = MarkdownParser().parse("text\n\n$$\ny\n$$ {#eq-x}\n", path: "content/b.md", firstLine: 1)
        var labels = LabelIndex()
        _ = labels.number(first, page: "a.html", displayPath: "content/a.md", chapter: 1)
        _ = labels.number(second, page: "b.html", displayPath: "content/b.md", chapter: 2)
        XCTAssertEqual(labels.diagnostics.map(\.description),
                       ["content/b.md:3:3: error: label 'eq-x' is already used at content/a.md:1:3; labels must be unique across the course"])
    }
}
