import Foundation
import LossbookTestSupport
import XCTest
@testable import LossbookSite

/// The depth and size limits that every parser of author input gets before it runs (issue 19,
/// items 2 and 3): YAML, expressions, macros, templates.
final class NestingLimitTests: XCTestCase {
    private func yaml(_ text: String) -> Result<YAMLValue, Diagnostic> {
        YAMLReader.parse(text, path: "x.md", origin: SourcePosition(line: 2, column: 1))
    }

    private func message(_ result: Result<YAMLValue, Diagnostic>) -> String? {
        if case .failure(let diagnostic) = result { return diagnostic.description }
        return nil
    }

    func testNestingScanCountsFlowAndBlockLevels() {
        XCTAssertNil(YAMLNesting.firstPlaceDeeper(than: 3, in: "a: [[1]]"))
        XCTAssertNotNil(YAMLNesting.firstPlaceDeeper(than: 3, in: "a: [[[1]]]"))
        XCTAssertNil(YAMLNesting.firstPlaceDeeper(than: 3, in: "a:\n  b:\n    c: 1"))
        XCTAssertNotNil(YAMLNesting.firstPlaceDeeper(than: 3, in: "a:\n  b:\n    c:\n      d: 1"))
        XCTAssertNotNil(YAMLNesting.firstPlaceDeeper(than: 3, in: "- - - - x"))
        XCTAssertNotNil(YAMLNesting.firstPlaceDeeper(than: 3, in: "a: {b: {c: {d: 1}}}"))
        XCTAssertNotNil(YAMLNesting.firstPlaceDeeper(than: 3, in: "a: [\n [\n  [\n   [1]]]]"), "flow levels carry across lines")
    }

    func testNestingScanIgnoresBracketsInScalarsQuotesCommentsAndBlockScalars() {
        let text = """
        title: interval [0, 1) and [[[[ more
        quoted: "[[[[[[" and '{{{{{'
        note: |
          [[[[[[[[[[
            {{{{{{{{{
        # [[[[[[[[[
        folded: >
          [[[[[[[[
        after: 1
        """
        XCTAssertNil(YAMLNesting.firstPlaceDeeper(than: 2, in: text))
        XCTAssertNil(YAMLNesting.firstPlaceDeeper(than: 3, in: "a: ['[[[[', \"{{{{\"]"))
    }

    func testEveryYAMLOfTheCourseIsWithinTheLimit() throws {
        let content = TestProject.repositoryRoot.appendingPathComponent("content")
        for name in FileListing.regularFiles(under: content) where name.hasSuffix(".md") {
            let text = try String(contentsOf: content.appendingPathComponent(name), encoding: .utf8)
            // Front matter and every fenced block, scanned as YAML (the code blocks too: a harder test).
            for block in text.components(separatedBy: "```") {
                XCTAssertNil(YAMLNesting.firstPlaceDeeper(than: Limits.yamlDepth, in: block), name)
            }
        }
    }

    func testDeepYAMLIsAnErrorAtItsPlace() {
        let deep = "x: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        XCTAssertEqual(message(yaml(deep)), "x.md:2:67: error: YAML nested deeper than 64 levels")
        let dashes = "x:\n" + String(repeating: "- ", count: 5000) + "y"
        XCTAssertEqual(message(yaml(dashes)), "x.md:3:129: error: YAML nested deeper than 64 levels")
    }

    func testAliasExpansionIsCounted() {
        var text = "a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        for level in 1...9 { text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let started = Date()
        XCTAssertTrue(message(yaml(text))?.contains("error: YAML expands to more than 100000 values") ?? false)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "stopped early, not after expanding")
        // A few aliases are still fine.
        guard case .success(.mapping(let pairs, _)) = yaml("a: &x [1, 2]\nb: *x") else { return XCTFail("aliases refused") }
        XCTAssertEqual(pairs.count, 2)
    }

    func testAliasesCannotNestPastTheDepthLimit() {
        // Each anchor wraps the one before: shallow text, deep once expanded.
        var text = "a0: &a0 [1]\n"
        for level in 1...70 { text += "a\(level): &a\(level) [*a\(level - 1)]\n" }
        XCTAssertTrue(message(yaml(text))?.contains("YAML nested deeper than 64 levels once its aliases are expanded") ?? false,
                      message(yaml(text)) ?? "accepted")
    }

    func testExpressionLimits() {
        func error(_ text: String) -> String? {
            do {
                _ = try Expression(text)
                return nil
            } catch {
                return error.errors.map(\.message).joined(separator: "; ")
            }
        }
        XCTAssertNil(error(String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)))
        XCTAssertEqual(error(String(repeating: "(", count: 16_000) + "1" + String(repeating: ")", count: 16_000)),
                       "the expression is longer than 4096 bytes")
        XCTAssertEqual(error(String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)),
                       "the expression nests deeper than 64 levels (parentheses, signs, powers)")
        XCTAssertEqual(error(String(repeating: "exp(", count: 100) + "1" + String(repeating: ")", count: 100)),
                       "the expression nests deeper than 64 levels (parentheses, signs, powers)")
        XCTAssertEqual(error(Array(repeating: "2", count: 100).joined(separator: "^")),
                       "the expression nests deeper than 64 levels (parentheses, signs, powers)")
        XCTAssertEqual(error(Array(repeating: "1", count: 1200).joined(separator: "*")),
                       "the expression has more than 1000 terms and operators")
        XCTAssertEqual(Expression.excerpt(String(repeating: "a", count: 100)), String(repeating: "a", count: 60) + "…")
    }

    func testMacroBracesNestedTooDeep() {
        let body = String(repeating: "{", count: 100) + String(repeating: "}", count: 100)
        XCTAssertThrowsError(try RenderService.parseMacros("\\newcommand{\\x}" + body)) { error in
            XCTAssertEqual("\(error)", "1:80: the body of \\x nests braces deeper than 64 levels")
        }
        XCTAssertNoThrow(try RenderService.parseMacros("\\newcommand{\\x}" + String(repeating: "{", count: 60) + String(repeating: "}", count: 60)))
    }

    func testTemplateSectionsNestedTooDeep() {
        let text = String(repeating: "{{#a}}", count: 100) + String(repeating: "{{/a}}", count: 100)
        XCTAssertThrowsError(try PageTemplate(parsing: text)) { error in
            XCTAssertEqual((error as? PageTemplate.SyntaxError)?.message, "sections nest deeper than 64 levels")
        }
    }

    func testPartialCyclesAndDepth() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["page", "home", "404"] { try Data("x {{> p0}}\n".utf8).write(to: folder.appendingPathComponent("\(name).mustache")) }
        // A chain p0 → p1 → … → p19: deeper than 16.
        for level in 0..<20 { try Data("{{> p\(level + 1)}}".utf8).write(to: folder.appendingPathComponent("p\(level).mustache")) }
        try Data("end".utf8).write(to: folder.appendingPathComponent("p20.mustache"))
        guard case .failure(let failure) = TemplateSet.load(from: folder, displayPrefix: "templates") else { return XCTFail("accepted") }
        XCTAssertTrue(failure.diagnostics.contains { $0.description == "templates/p0.mustache:1:1: error: partials nest 20 levels deep from the template 'p0'; at most 16 are allowed" },
                      failure.diagnostics.map(\.description).joined(separator: "\n"))
        // A cycle.
        try Data("{{> p0}}".utf8).write(to: folder.appendingPathComponent("p20.mustache"))
        guard case .failure(let cycle) = TemplateSet.load(from: folder, displayPrefix: "templates") else { return XCTFail("accepted") }
        XCTAssertTrue(cycle.diagnostics.contains { $0.description.contains("error: the template 'p0' includes itself: {{> p1}} → ") },
                      cycle.diagnostics.map(\.description).joined(separator: "\n"))
    }

    /// KaTeX overflows its stack on deep braces and says only "Maximum call stack size exceeded":
    /// the parser names the depth at the formula instead.
    func testDeepBracesInAFormulaAreAnErrorAtTheFormula() {
        let deep = String(repeating: "{", count: 3000) + "x" + String(repeating: "}", count: 3000)
        let (_, diagnostics) = MarkdownParser().parse("Text.\n\nSo $" + deep + "$.\n", path: "n.md", firstLine: 4)
        XCTAssertEqual(diagnostics.map(\.description), ["n.md:6:5: error: this formula nests braces 3000 deep; the limit is 64"])
        XCTAssertEqual(MarkdownParser.braceDepth(of: #"\left\{ \frac{a}{b_{c}} \right\} \\{x}"#), 2)
        for formula in ["\\{" + String(repeating: "{", count: 64) + String(repeating: "}", count: 64), "\\" + String(repeating: "\\{", count: 100)] {
            XCTAssertTrue(MarkdownParser().parse("$" + formula + "$\n", path: "n.md", firstLine: 1).1.isEmpty, formula)
        }
    }
}
