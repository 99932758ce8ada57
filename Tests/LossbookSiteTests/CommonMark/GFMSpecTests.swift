import Foundation
import XCTest
@testable import LossbookSite

/// The GitHub Flavored Markdown spec's examples (Fixtures/commonmark, extracted from Debian's
/// cmark-gfm 0.29.0.gfm.6 spec.txt.gz by scripts/extract-gfm-spec.py) through lossbook's parser,
/// its page passes and its HTML renderer. What lossbook adds on purpose is normalised away on
/// both sides: heading ids and heading links, the language class of code, table wrappers,
/// whitespace between tags, and `<br />` written `<br>`. No example may fail the build, and each must give cmark-gfm's HTML,
/// except the ones listed in `knownDifferences`, which say why.
final class GFMSpecTests: XCTestCase {
    struct Example: Decodable {
        var number: Int
        var section: String
        var `extension`: String
        var markdown: String
        var html: String
    }

    static let examples: [Example] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/commonmark/gfm-spec-examples.json")
        guard let data = FileManager.default.contents(atPath: url.path),
              let examples = try? JSONDecoder().decode([Example].self, from: data) else { return [] }
        return examples.filter { $0.extension != "disabled" }
    }()

    /// The page of one example as lossbook makes it, and what it reported.
    static func build(_ markdown: String) -> (html: String, diagnostics: [Diagnostic]) {
        // Smart punctuation is something lossbook adds on purpose; the spec is defined without it.
        let (parsed, problems) = MarkdownParser(smartPunctuation: false).parse(markdown, path: "spec.md", firstLine: 1)
        var callouts = CalloutPass(path: "spec.md")
        let document = callouts.run(parsed)
        return (HTMLRenderer().render(document), problems + callouts.diagnostics)
    }

    /// Whitespace between tags, heading ids and links, code language classes, table wrappers and
    /// heading scopes go.
    static func normalised(_ html: String) -> String {
        var text = html
        for (pattern, template) in rules {
            text = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static let rules: [(NSRegularExpression, String)] = [
        (##"<h([1-6]) id="[^"]*">"##, "<h$1>"),
        (##"<a class="heading-link" href="#[^"]*">((?:(?!</a>).)*)</a>"##, "$1"),
        (##"<a class="anchor" href="#[^"]*" title="[^"]*">#</a>"##, ""),
        (##"<div class="table-wrapper"[^>]*>"##, ""),
        // Column headings say what they head, for screen readers.
        (##"<th scope="col""##, "<th"),
        (##"</table>\s*</div>"##, "</table>"),
        // Void elements: XHTML's `<hr />` and HTML's `<hr>` are the same element.
        (##"\s*/>"##, ">"),
        (##">\s+"##, ">"),
        (##"\s+<"##, "<"),
        // The same text and the same tables, written differently: `'` escaped or not, HTML5's
        // style for alignment instead of the obsolete `align`, an empty body written out.
        (##"&#39;"##, "'"),
        (##" style="text-align: (left|center|right)""##, " align=\"$1\""),
        (##"<tbody></tbody>"##, ""),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.dotMatchesLineSeparators]), $0.1) }

    /// Examples whose HTML differs from cmark-gfm's for a reason lossbook keeps, by number.
    static let knownDifferences: [Int: String] = [
        610: "lossbook turns on cmark-gfm's autolink extension; the spec runs its CommonMark examples without it",
        614: "autolink extension (as 610)",
        616: "autolink extension (as 610)",
        619: "autolink extension (as 610)",
        620: "autolink extension (as 610)",
        653: "raw HTML is the author's own: lossbook does not turn on the tagfilter extension",
    ]

    func testNoExampleFailsTheBuild() {
        XCTAssertEqual(Self.examples.count, 671, "the fixture is read")
        for example in Self.examples {
            let problems = Self.build(example.markdown).diagnostics.filter { $0.severity == .error }
            XCTAssertEqual(problems.map(\.description), [], "example \(example.number) (\(example.section)):\n\(example.markdown)")
        }
    }

    func testExamplesGiveCmarkGFMsHTML() {
        var matching = 0
        var report: [String] = []
        for example in Self.examples {
            let ours = Self.normalised(Self.build(example.markdown).html)
            let theirs = Self.normalised(example.html)
            if ours == theirs {
                matching += 1
                XCTAssertNil(Self.knownDifferences[example.number], "example \(example.number) now matches: remove it from knownDifferences")
            } else if Self.knownDifferences[example.number] == nil {
                report.append("example \(example.number) (\(example.section)):\n\(example.markdown)--- expected\n\(theirs)\n--- lossbook\n\(ours)\n")
            }
        }
        print("GFM spec: \(matching) of \(Self.examples.count) examples match")
        if !report.isEmpty {
            try? report.joined(separator: "\n").write(toFile: "/tmp/gfm-spec-differences.txt", atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(report.count, 0, "examples that differ (details in /tmp/gfm-spec-differences.txt):\n" + report.prefix(5).joined(separator: "\n"))
    }

    /// The link checker refuses what would break on the site (absolute paths, missing pages):
    /// those are its only refusals, and they are its errors, at the link.
    func testLinkCheckerRefusalsAreTheOnlyOnes() {
        var refused = 0
        for example in Self.examples {
            let (parsed, _) = MarkdownParser().parse(example.markdown, path: "spec.md", firstLine: 1)
            var links = LinkPass(targets: LinkPass.Targets(anchors: ["spec.md": []], assets: []), source: "spec.md", displayPath: "spec.md")
            _ = links.rewrite(parsed)
            XCTAssertTrue(links.diagnostics.allSatisfy { $0.id == .linkBroken && $0.location != nil }, "example \(example.number)")
            refused += links.diagnostics.isEmpty ? 0 : 1
        }
        XCTAssertGreaterThan(refused, 100, "the spec links to /url, foo.md and such, which this course does not have")
        let (document, _) = MarkdownParser().parse("[link](/uri \"title\")\n", path: "spec.md", firstLine: 1)
        var links = LinkPass(targets: LinkPass.Targets(anchors: ["spec.md": []], assets: []), source: "spec.md", displayPath: "spec.md")
        _ = links.rewrite(document)
        XCTAssertEqual(links.diagnostics.map(\.description),
                       ["spec.md:1:1: error: refused: '/uri' is an absolute path; link relative to this note so the site works from any folder"])
    }

    /// `\(` and `\[` are CommonMark escapes unless a course opts in, and never math in code.
    func testBracketsAreEscapesUnlessTheCourseOptsIn() {
        let text = "\\[not a link](/foo) and \\(\\) and \\(x\\)\n\n    \\[\\]\n\n`\\(a\\)`\n"
        let (plain, plainProblems) = MarkdownParser().parse(text, path: "t.md", firstLine: 1)
        XCTAssertEqual(plainProblems, [])
        let html = HTMLRenderer().render(plain)
        XCTAssertTrue(html.contains("<p>[not a link](/foo) and () and (x)</p>"), html)
        XCTAssertTrue(html.contains("<pre><code>\\[\\]\n</code></pre>"), html)
        XCTAssertTrue(html.contains("<code>\\(a\\)</code>"), html)
        let (opted, optedProblems) = MarkdownParser(mathDelimiters: .dollarsAndBrackets).parse("Inline \\(x^2\\) here.\n\n\\[\ny\n\\]\n\n`\\(a\\)`\n", path: "t.md", firstLine: 1)
        XCTAssertEqual(optedProblems, [])
        var formulas: [String] = []
        for block in opted.blocks {
            if case .paragraph(let inlines) = block.kind {
                for case .math(let math) in inlines { formulas.append(math.tex) }
            }
            if case .displayMath(let math) = block.kind { formulas.append(math.tex) }
        }
        XCTAssertEqual(formulas, ["x^2", "\ny\n"])
        XCTAssertTrue(HTMLRenderer().render(opted).contains("<code>\\(a\\)</code>"))
    }

    /// Link URLs are percent-encoded as cmark-gfm encodes them: a backslash, a space, brackets.
    func testLinkURLsAreEncodedAsCmarkDoes() {
        let (document, _) = MarkdownParser().parse("[a](<a b\\c[d]é.md?x=1&y=%20#f>)\n", path: "t.md", firstLine: 1)
        XCTAssertTrue(HTMLRenderer().render(document).contains("href=\"a%20b%5Cc%5Bd%5D%C3%A9.md?x=1&amp;y=%20#f\""), HTMLRenderer().render(document))
    }
}
