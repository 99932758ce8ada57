import XCTest
@testable import LossbookSite

/// The arithmetic of `check` claims and inline values reports every problem of an expression, each
/// at its own line and column in the author's file (columns in UTF-8 bytes, as the whole build counts).
final class ExpressionErrorTests: XCTestCase {
    private func problems(_ text: String) -> [LossbookSite.Expression.ParseError] {
        do {
            _ = try LossbookSite.Expression(text)
            return []
        } catch {
            return error.errors
        }
    }

    func testAWellFormedExpressionHasNoProblems() throws {
        XCTAssertEqual(problems("2 * (1 + exp(0)) ^ 2 - -1"), [])
        XCTAssertEqual(try LossbookSite.Expression("2 * (1 + exp(0)) ^ 2 - -1").evaluate([:]), 9)
    }

    func testEveryProblemOfOneExpressionIsReported() {
        let found = problems("1 + foo(2) * 1.2.3 + bar(4)")
        XCTAssertEqual(found.map(\.message), [
            "unknown function 'foo'; known: abs, exp, expm1, log, log1p, sigmoid, sqrt, tanh",
            "'1.2.3' is not a number",
            "unknown function 'bar'; known: abs, exp, expm1, log, log1p, sigmoid, sqrt, tanh",
        ])
        XCTAssertEqual(found.map(\.offset), [4, 13, 21])
    }

    func testSyntaxErrorsAfterTheFirstAreFoundToo() {
        let found = problems("1 + * 2 ) + 3 $ 4")
        XCTAssertEqual(found.map(\.message), ["unexpected '*'", "unexpected ')'", "unexpected '$'"])
        XCTAssertEqual(found.map(\.offset), [4, 8, 14])
    }

    func testOneSlipIsReportedOnceNotAsACascade() {
        XCTAssertEqual(problems("(1 2)").map(\.message), ["missing ')'"])
        XCTAssertEqual(problems("1 + )").map(\.message), ["unexpected ')'"])
        XCTAssertEqual(problems("(1 + ").map(\.message), ["the expression ends too early"])
        XCTAssertEqual(problems("1 +").map(\.offset), [3])
        XCTAssertEqual(problems("@@@@ + 1").map(\.message), ["unexpected '@'"])
    }

    func testOffsetsCountCharactersAndBytesSeparately() {
        // 'π' is a letter (a name) of two UTF-8 bytes; the stray ')' after it is character 6, byte 7.
        let found = problems("π + 1 ) * 2")
        XCTAssertEqual(found.map(\.offset), [6])
        XCTAssertEqual(found.map(\.byteOffset), [7])
    }

    func testTheLimitsStopParsingButKeepEarlierProblems() {
        let deep = "foo(1) + " + String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        let found = problems(deep)
        XCTAssertEqual(found.count, 2)
        XCTAssertTrue(found[0].message.hasPrefix("unknown function 'foo'"))
        XCTAssertTrue(found[1].message.contains("nests deeper than 64 levels"))
    }

    // MARK: - In a check directive

    func testEachProblemIsAtItsColumnInTheFile() {
        let markdown = "Text.\n\n```check\nclaim: c\nequal:\n  - 1\n  - {expr: \"1 + foo(2) * 1.2.3\", with: {}}\n```\n"
        let found = expand(markdown).diagnostics
        // Line 7; the expression starts at column 13 (after `  - {expr: "`).
        XCTAssertEqual(found, [
            "d.md:7:17: error: cannot read the expression '1 + foo(2) * 1.2.3': unknown function 'foo'; known: abs, exp, expm1, log, log1p, sigmoid, sqrt, tanh (at character 5)",
            "d.md:7:26: error: cannot read the expression '1 + foo(2) * 1.2.3': '1.2.3' is not a number (at character 14)",
        ])
    }

    func testErrorsOnALaterLineAfterTabsAndMultiByteText() {
        // A plain scalar after a tab-free indent, a single-quoted one, and a value whose line
        // starts with multi-byte text in a flow mapping key before it.
        let markdown = """
        ```check
        claim: ünïcödé
        equal:
          - 2
          - 'exp(1) + ) + 1'
          - {expr: "π + 1 ) * 2", with: {π: 1}}
          - 3 $ 4
        ```

        """
        let found = expand(markdown).diagnostics
        XCTAssertEqual(found.count, 3, "\(found)")
        // Line 5: `  - '` puts the text at column 6; ')' is byte 9 of it.
        XCTAssertTrue(found[0].hasPrefix("d.md:5:15: error: cannot read the expression 'exp(1) + ) + 1': unexpected ')'"), found[0])
        // Line 6: `  - {expr: "` puts the text at column 13; 'π' is two bytes, so ')' is byte 7 of it.
        XCTAssertTrue(found[1].hasPrefix("d.md:6:20: error: cannot read the expression 'π + 1 ) * 2': unexpected ')'"), found[1])
        // Line 7: a plain scalar at column 5; '$' is byte 2 of it.
        XCTAssertTrue(found[2].hasPrefix("d.md:7:7: error: cannot read the expression '3 $ 4': unexpected '$'"), found[2])
    }

    func testATabBeforeTheExpressionCountsAsOneColumn() {
        // YAML forbids tabs for indentation but allows them as separation inside a flow mapping.
        let markdown = "```check\nclaim: c\nequal: [1, {expr:\t\"2 +\"}]\n```\n"
        let found = expand(markdown).diagnostics
        // `equal: [1, {expr:` is 17 bytes, the tab 1, the quote 1: the text starts at column 20.
        XCTAssertEqual(found, ["d.md:3:23: error: cannot read the expression '2 +': the expression ends too early (at character 4)"])
    }

    func testMultiByteTextBeforeAYAMLErrorCountsBytes() {
        // A field the directive does not know, after two-byte characters on its line: the column
        // of the key is in bytes like every other column of the build.
        let markdown = "```check\nclaim: c\nequal: [1, 1]\ndigits: 4\n```\n"
        XCTAssertEqual(expand(markdown).diagnostics, [])
        let unknown = "```check\nclaim: c\nequal: [{expr: \"1\", with: {π: 1}, é: 2}, 1]\n```\n"
        let found = expand(unknown).diagnostics
        // `equal: [{expr: "1", with: {π: 1}, ` is 35 bytes (34 characters): the key `é` is at column 36.
        XCTAssertEqual(found.first?.hasPrefix("d.md:3:36: error: unknown field 'é'"), true, "\(found)")
    }

    func testAnEscapedExpressionFallsBackToWhereItsTextStarts() {
        // With an escape, the file does not hold the text as it is: every problem is at the value.
        let markdown = "```check\nclaim: c\nequal: [1, \"1 +\\u0020)\"]\n```\n"
        let found = expand(markdown).diagnostics
        XCTAssertEqual(found, ["d.md:3:12: error: cannot read the expression '1 + )': unexpected ')' (at character 5)"])
    }
}
