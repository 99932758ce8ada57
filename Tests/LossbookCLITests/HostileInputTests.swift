import Foundation
import LossbookTestSupport
import XCTest

/// Small hostile inputs (issue 19): each must end in one located error and exit status 1, quickly
/// and in little memory, never in a crash, and leave the last good site as it was.
final class HostileInputTests: XCTestCase {
    private var project: TestProject!
    private var goodSite: [String: Data] = [:]

    override func setUpWithError() throws {
        project = try TestProject(files: BuildCommandTests.goodCourse)
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        goodSite = DirectorySnapshot.take(project.root.appendingPathComponent("site"))
    }

    override func tearDown() {
        project.remove()
    }

    private func expectFailure(_ path: String, _ text: String, message: String, command: String = "build",
                               file: StaticString = #filePath, line: UInt = #line) throws {
        try project.write(path, text)
        let run = try project.run([command])
        XCTAssertEqual(run.status, 1, "exit status; stderr:\n\(run.stderr.prefix(2000))", file: file, line: line)
        XCTAssertTrue(run.stderr.contains(message), "expected '\(message)' in:\n\(run.stderr.prefix(2000))", file: file, line: line)
        let after = DirectorySnapshot.take(project.root.appendingPathComponent("site"))
        XCTAssertEqual(DirectorySnapshot.differences(goodSite, after), [], "site/ changed", file: file, line: line)
    }

    /// Ten anchors, each a list of ten aliases to the one before: 10^9 values from about 600 bytes.
    static func billionLaughs(indent: String = "") -> String {
        var yaml = indent + "a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        for level in 1...9 {
            let previous = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += indent + "a\(level): &a\(level) [\(previous)]\n"
        }
        return yaml
    }

    func testAliasBombInFrontMatter() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n" + Self.billionLaughs() + "---\nBody.\n",
                          message: "content/1-basics/x.md:")
        XCTAssertTrue(try project.run(["build"]).stderr.contains("error: YAML expands to more than 100000 values"))
    }

    func testAliasBombInADirective() throws {
        let note = "---\ntitle: A\n---\nText.\n\n```check\nclaim: c\n" + Self.billionLaughs() + "equal:\n  - {expr: \"1\"}\n  - {expr: \"1\"}\n```\n"
        try expectFailure("content/1-basics/x.md", note, message: "error: YAML expands to more than 100000 values")
    }

    func testAliasBombInAnInlineValue() throws {
        let aliases = "a: &a [1,1,1,1,1,1,1,1,1,1], b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a], c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b], "
            + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c], e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d], f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]"
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\nValue `={\(aliases)}`.\n",
                          message: "content/1-basics/x.md:4:")
    }

    func testFlowNestedFiveThousandDeepInFrontMatter() throws {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\nx: \(deep)\n---\nBody.\n",
                          message: "content/1-basics/x.md:3:67: error: YAML nested deeper than 64 levels")
    }

    func testBlockSequencesNestedOnOneLine() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\nx:\n  " + String(repeating: "- ", count: 5000) + "x\n---\nBody.\n",
                          message: "content/1-basics/x.md:4:")
        XCTAssertTrue(try project.run(["build"]).stderr.contains("error: YAML nested deeper than 64 levels"))
    }

    func testMappingsNestedDeepInADirective() throws {
        let deep = String(repeating: "{a: ", count: 3000) + "1" + String(repeating: "}", count: 3000)
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\nText.\n\n```plot\ntitle: \(deep)\n```\n",
                          message: "content/1-basics/x.md:7:")
        XCTAssertTrue(try project.run(["build"]).stderr.contains("error: YAML nested deeper than 64 levels"))
    }

    func testControlCharacterInFrontMatterIsLocated() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\u{0}B\n---\nBody.\n",
                          message: "content/1-basics/x.md:2:9: error: invalid YAML: the control character U+0000 is not allowed")
    }

    func testLongWrongValueIsQuotedShort() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\norder: " + String(repeating: "9x", count: 20_000) + "\n---\nBody.\n",
                          message: "content/1-basics/x.md:3:8: error: field 'order' of front matter must be a whole number, found '" + String(repeating: "9x", count: 30) + "…' (40000 bytes)")
        XCTAssertLessThan(try project.run(["build"]).stderr.utf8.count, 1000)
    }

    func testLongUnknownFieldNameIsQuotedShort() throws {
        try project.write("content/1-basics/x.md", "---\ntitle: A\n" + String(repeating: "k", count: 1000) + ": 1\n---\nBody.\n")
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("content/1-basics/x.md:3:1: warning: unknown field '" + String(repeating: "k", count: 60) + "…' in front matter"), run.stderr)
        XCTAssertLessThan(run.stderr.utf8.count, 500)
    }

    func testFrontMatterLargerThanTheLimit() throws {
        let long = "description: " + String(repeating: "x", count: 70_000) + "\n"
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n" + long + "---\nBody.\n",
                          message: "content/1-basics/x.md:1:1: error: the front matter is longer than 64 KB")
    }

    func testSixteenThousandNestedParenthesesInACheck() throws {
        let expression = String(repeating: "(", count: 16_000) + "1" + String(repeating: ")", count: 16_000)
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\nText.\n\n```check\nclaim: c\nequal:\n  - {expr: \"\(expression)\"}\n  - {expr: \"1\"}\n```\n",
                          message: "content/1-basics/x.md:9:13: error: cannot read the expression '((((")
        let run = try project.run(["check"])
        XCTAssertTrue(run.stderr.contains("the expression is longer than 4096 bytes"), run.stderr.prefix(2000).description)
        XCTAssertLessThan(run.stderr.utf8.count, 2000, "the message quotes the start of the expression, not all of it")
    }

    func testNestingAndLengthOfExpressionsWithinTheByteLimit() throws {
        let parentheses = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        let signs = String(repeating: "-", count: 100) + "1"
        let powers = Array(repeating: "1", count: 100).joined(separator: "^")
        let sum = Array(repeating: "1", count: 1500).joined(separator: "+")
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\nText.\n\n```check\nclaim: c\nequal:\n  - {expr: \"\(parentheses)\"}\n  - {expr: \"\(signs)\"}\n  - {expr: \"\(powers)\"}\n  - {expr: \"\(sum)\"}\n```\n",
                          message: "content/1-basics/x.md:9:77: error: cannot read the expression")
        let stderr = try project.run(["build"]).stderr
        // Each error is at its own column: the expressions start at column 13, after `  - {expr: "`.
        XCTAssertTrue(stderr.contains("content/1-basics/x.md:9:77: error: cannot read the expression '((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((…': the expression nests deeper than 64 levels"), stderr)
        XCTAssertTrue(stderr.contains("content/1-basics/x.md:10:77: error:") && stderr.contains("nests deeper than 64 levels (parentheses, signs, powers) (at character 65)"), stderr)
        XCTAssertTrue(stderr.contains("content/1-basics/x.md:11:141: error:"), stderr)
        XCTAssertTrue(stderr.contains("content/1-basics/x.md:12:1014: error:") && stderr.contains("the expression has more than 1000 terms and operators"), stderr)
    }

    func testMacroBodyNestedTooDeep() throws {
        let body = String(repeating: "{", count: 5000) + "x" + String(repeating: "}", count: 5000)
        try expectFailure("content/macros.tex", "\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\deep}\(body)\n",
                          message: "content/macros.tex:2:83: error: the body of \\deep nests braces deeper than 64 levels")
        XCTAssertTrue(try project.run(["build"]).stderr.contains("the body of \\deep nests braces deeper than 64 levels"))
    }

    func testPartialThatIncludesItself() throws {
        try project.write("templates/loop.mustache", "a{{> loop}}b\n")
        let page = try XCTUnwrap(project.read("templates/page.mustache"))
        try expectFailure("templates/page.mustache", page + "{{> loop}}\n",
                          message: "templates/loop.mustache:1:1: error: the template 'loop' includes itself: {{> loop}}")
    }

    func testPartialsThatIncludeEachOther() throws {
        try project.write("templates/ping.mustache", "{{> pong}}\n")
        try expectFailure("templates/pong.mustache", "{{> ping}}\n",
                          message: "error: the template 'ping' includes itself: {{> pong}} → {{> ping}}")
    }

    func testTemplateSectionsNestedTooDeep() throws {
        let sections = String(repeating: "{{#a}}", count: 5000) + String(repeating: "{{/a}}", count: 5000)
        try expectFailure("templates/deep.mustache", sections + "\n",
                          message: "templates/deep.mustache:1:385: error: template syntax error: sections nest deeper than 64 levels")
    }
}
