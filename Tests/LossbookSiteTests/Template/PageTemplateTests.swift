import Foundation
import XCTest
@testable import LossbookSite

final class PageTemplateTests: XCTestCase {
    private func render(_ text: String, _ context: TemplateContext, partials: [String: String] = [:]) throws -> String {
        let parsed = try PageTemplate(parsing: text)
        var others: [String: PageTemplate] = [:]
        for (name, source) in partials { others[name] = try PageTemplate(parsing: source) }
        return parsed.render(context, partials: others)
    }

    private func syntaxError(_ text: String) -> PageTemplate.SyntaxError? {
        do {
            _ = try PageTemplate(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    func testVariablesAreEscapedUnlessTripleOrAmpersand() throws {
        let context: TemplateContext = ["title": "<Huber & \"MSE\"> it's", "count": 3, "flag": true]
        XCTAssertEqual(try render("{{title}}", context), "&lt;Huber &amp; &quot;MSE&quot;&gt; it&#39;s")
        XCTAssertEqual(try render("{{{title}}}|{{& title}}", context), "<Huber & \"MSE\"> it's|<Huber & \"MSE\"> it's")
        XCTAssertEqual(try render("[{{missing}}] {{count}} {{flag}}", context), "[] 3 true")
        XCTAssertEqual(try render("{{ title }}", ["title": "spaced"]), "spaced")
    }

    func testSectionsFollowTheValue() throws {
        let context: TemplateContext = [
            "yes": true, "no": false, "empty": "", "text": "t", "none": [],
            "items": [["name": "a"], ["name": "b", "outer": "shadowed"]], "outer": "o",
            "object": ["name": "inside"],
        ]
        XCTAssertEqual(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#missing}}M{{/missing}}", context), "Y")
        XCTAssertEqual(try render("{{#empty}}E{{/empty}}{{#text}}[{{.}}]{{/text}}{{#none}}L{{/none}}", context), "[t]",
                       "empty text and empty lists are false")
        XCTAssertEqual(try render("{{#items}}{{name}}/{{outer}} {{/items}}", context), "a/o b/shadowed ",
                       "names are looked up from the innermost element outwards")
        XCTAssertEqual(try render("{{#object}}{{name}} {{outer}}{{/object}}", context), "inside o")
        XCTAssertEqual(try render("{{object.name}} {{object.missing}}", context), "inside ")
        XCTAssertEqual(try render("{{^no}}not{{/no}}{{^none}} none{{/none}}{{^empty}} empty{{/empty}}{{^yes}}!{{/yes}}{{^items}}!{{/items}}", context),
                       "not none empty")
    }

    func testStandaloneTagsTakeTheirLineAndInlineTagsDoNot() throws {
        let template = "<ul>\n{{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n{{! a comment }}\nend {{#yes}}y{{/yes}} \n"
        XCTAssertEqual(try render(template, ["items": ["a", "b"], "yes": true]), "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend y \n")
        XCTAssertEqual(try render("a\r\n{{#yes}}\r\nb\r\n{{/yes}}\r\n", ["yes": true]), "a\r\nb\r\n")
        XCTAssertEqual(try render("x {{#yes}}\ny{{/yes}}", ["yes": true]), "x \ny", "a tag after text is not alone on its line")
        XCTAssertEqual(try render("{{#yes}}{{/yes}}\n", ["yes": true]), "\n", "two tags on a line are not alone either")
    }

    func testPartialsSeeTheContextAndTakeTheIndentation() throws {
        let partials = ["item": "<b>{{name}}</b>\n", "block": "one\ntwo\n"]
        XCTAssertEqual(try render("{{#items}}{{> item}}{{/items}}", ["items": [["name": "x"], ["name": "y"]]], partials: partials),
                       "<b>x</b>\n<b>y</b>\n")
        XCTAssertEqual(try render("<div>\n  {{> block}}\n</div>\n", [:], partials: partials), "<div>\n  one\n  two\n</div>\n")
        XCTAssertEqual(try PageTemplate(parsing: "{{> a}}{{#s}}{{> b}}{{/s}}").partialNames, ["a", "b"])
    }

    func testSyntaxErrorsSayWhereAndWhat() {
        XCTAssertEqual(syntaxError("ok\n  {{#parts}}\nnever closed\n"),
                       .init(line: 2, column: 3, message: "a section is never closed (missing '{{/parts}}')"))
        XCTAssertEqual(syntaxError("{{#a}}\n{{/b}}")?.line, 2)
        XCTAssertTrue(syntaxError("{{#a}}\n{{/b}}")?.message.hasPrefix("a section is closed with a different name") ?? false)
        XCTAssertEqual(syntaxError("x {{/a}}"), .init(line: 1, column: 3, message: "'{{/a}}' closes a section that was never opened"))
        XCTAssertEqual(syntaxError("<p>{{title}</p>\n"), .init(line: 1, column: 4, message: "a tag is not finished (missing '}}')"))
        XCTAssertEqual(syntaxError("{{{raw}}"), .init(line: 1, column: 1, message: "a tag is not finished (missing '}}}')"))
        XCTAssertEqual(syntaxError("{{=<% %>=}}")?.message, "changing the delimiters ('{{=…=}}') is not supported")
        XCTAssertEqual(syntaxError("{{}}")?.message, "a tag has no name")
        XCTAssertEqual(syntaxError("{{a b}}")?.message, "'a b' is not a name (letters, digits, '-', '_', '.')")
    }

    func testTemplateSetReportsAMissingPartial() throws {
        let directory = try makeTemporaryDirectory(self)
        for (name, text) in ["page": "{{> sidebar}}", "home": "h", "404": "n"] {
            try Data(text.utf8).write(to: directory.appendingPathComponent("\(name).mustache"))
        }
        guard case .failure(let failure) = TemplateSet.load(from: directory, displayPrefix: "templates") else {
            return XCTFail("a missing partial must fail")
        }
        XCTAssertEqual(failure.diagnostics.map(\.description),
                       ["templates/page.mustache:1:1: error: the template includes '{{> sidebar}}', but the templates folder has no 'sidebar.mustache'"])
    }

    /// The print page is rendered straight into `Data`: the same bytes as into an array, with
    /// escaped and raw text and markup, lists, and partials with and without indentation.
    func testRenderingIntoDataGivesTheSameBytes() throws {
        let template = try PageTemplate(parsing: """
            <h1>{{title}}</h1>{{#chapters}}<section id="{{anchor}}">{{{html}}}{{html}}
              {{> part}}
            {{> part}}</section>{{/chapters}}{{^none}}é &amp; {{& title}}{{/none}}
            """)
        let partials = ["part": try PageTemplate(parsing: "<p>{{title}} & {{{html}}}</p>\n<i>{{anchor}}</i>\n")]
        let context: TemplateContext = [
            "title": .text("A <b> & \"c\""),
            "chapters": .list([.object(["anchor": .text("p1-top"), "html": .markup(Array("<em>é</em>".utf8))]),
                               .object(["anchor": .text("p2-top"), "html": .markup(Array("x < y".utf8))])]),
        ]
        let bytes = template.renderBytes(context, partials: partials).bytes
        XCTAssertEqual(template.renderData(context, partials: partials, capacity: 16).data, Data(bytes))
        XCTAssertEqual(template.renderData(context, partials: partials, capacity: 1 << 16).data, Data(bytes))
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("&lt;em&gt;"), "an escaped markup value is escaped in both")
    }

    /// An indented partial puts its indentation before every line of what it renders, a line
    /// being what follows a "\n" when anything does: the same bytes as indenting byte by byte,
    /// into a page's bytes and into the print page's `Data`.
    func testAnIndentedPartialIndentsEveryLineOfLongMarkup() throws {
        let page = try PageTemplate(parsing: "<article>\n  {{> body}}\n</article>\n")
        let partials = ["body": try PageTemplate(parsing: "{{{html}}}\n")]
        func indentedByteByByte(_ text: [UInt8]) -> [UInt8] {
            var out: [UInt8] = [], atLineStart = true
            for byte in text {
                if atLineStart { out += Array("  ".utf8) }
                out.append(byte)
                atLineStart = byte == UInt8(ascii: "\n")
            }
            return out
        }
        var generator = SystemRandomNumberGenerator()
        var samples: [[UInt8]] = [[], Array("\n".utf8), Array("a\n\nb".utf8), Array("a\r\nb\n".utf8), Array("é\n".utf8)]
        for _ in 0..<50 {
            samples.append((0..<Int.random(in: 0..<300, using: &generator)).map { _ in Array("ab\n<é>".utf8).randomElement(using: &generator)! })
        }
        samples.append(Array(String(repeating: "<p>line</p>\n", count: 20_000).utf8))
        for html in samples {
            let expected = Array("<article>\n".utf8) + indentedByteByByte(html + [UInt8(ascii: "\n")]) + Array("</article>\n".utf8)
            let context: TemplateContext = ["html": .markup(html)]
            XCTAssertEqual(page.renderBytes(context, partials: partials).bytes, expected, String(decoding: html.prefix(80), as: UTF8.self))
            XCTAssertEqual(page.renderData(context, partials: partials, capacity: 64).data, Data(expected))
        }
    }
}

