import XCTest
@testable import LossbookSite

/// The macros file reports every malformed definition at once, each at its line and column
/// (UTF-8 bytes, as the rest of the build counts), and keeps the definitions around them.
final class MacroParserErrorTests: XCTestCase {
    private let hostile = """
    \\newcommand{\\R}{\\mathbb{R}}
    \\newcommand{\\f}[1]{#2}
    x = 1
    \\newcommand{\\g}{\\frac{1}{2}
    \\def\\h#2{x}
    \\newcommand{\\R}{A}
    \\newcommand{\\ok}{fine}
    """

    func testEveryErrorOfTheFileIsReportedInFileOrder() {
        let (macros, errors) = RenderService.macroDefinitions(hostile)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["2:19", "3:1", "4:16", "5:8", "6:1"])
        XCTAssertEqual(errors.map(\.message), [
            "\\f uses #2 but declares 1 argument",
            "expected \\newcommand, \\renewcommand, \\providecommand, \\def or \\DeclareMathOperator, found x",
            "unbalanced braces: the body of \\g opened here is never closed",
            "\\h: parameters must be #1, #2, … in order",
            "\\R is already defined; use \\renewcommand to redefine it",
        ])
        XCTAssertEqual(macros["\\ok"], "fine", "a definition after the errors is still read")
    }

    func testTheThrowingFormStillThrowsTheFirst() {
        XCTAssertThrowsError(try RenderService.parseMacros(hostile)) { error in
            XCTAssertEqual((error as? MacroParseError)?.line, 2)
        }
    }

    func testAnUnclosedBodyDoesNotSwallowTheDefinitionsAfterIt() {
        let (macros, errors) = RenderService.macroDefinitions("\\newcommand{\\f}{\\frac{1}{2}\n\\newcommand{\\g}{x}\n")
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["1:16"])
        XCTAssertEqual(macros["\\g"], "x")
    }

    func testColumnsCountBytesAfterTabsAndMultiByteText() {
        // ℝ and ℂ are three bytes each; the tab is one column, as in every other message of the build.
        let text = "% Réels — the reals\n\\newcommand{\\R}{\\mathbb{R}}\n\t\\newcommand{\\C}{ℂ} \\oops\n  \\newcommand{\\e}{é}[2]\n"
        let (_, errors) = RenderService.macroDefinitions(text)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["3:23", "4:22"])
        XCTAssertEqual(errors.first?.message.hasSuffix("found \\oops"), true)
    }

    func testDiagnosticsNameTheFile() {
        let (macros, diagnostics) = RenderService.macros("\\newcommand{\\a}{x}\n\\newcommand{\\b}[1]{y}\nz\n", path: "content/macros.tex")
        XCTAssertEqual(macros, [:], "a broken file gives no macros")
        XCTAssertEqual(diagnostics.map(\.description), [
            "content/macros.tex:2:19: error: \\b declares 1 arguments but its body uses only up to #0; KaTeX counts arguments from the body, so it would take 0",
            "content/macros.tex:3:1: error: expected \\newcommand, \\renewcommand, \\providecommand, \\def or \\DeclareMathOperator, found z",
        ])
        XCTAssertEqual(diagnostics.map(\.id), [.mathMacros, .mathMacros])
        XCTAssertEqual(RenderService.macros("\\newcommand{\\a}{x}", path: "m.tex").macros, ["\\a": "x"])
    }

    func testAFileLargerThanTheLimitIsOneError() {
        let text = String(repeating: "% padding\n", count: Limits.macroFileBytes / 10 + 1)
        let (_, errors) = RenderService.macroDefinitions(text)
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.message.hasSuffix("the limit is \(Limits.macroFileBytes)"), true)
    }

    func testManyBadDefinitionsAreEachReported() {
        let text = Array(repeating: "\\newcommand{\\x}[0]{}", count: 500).joined(separator: "\n")
        let errors = RenderService.macroDefinitions(text).errors
        XCTAssertEqual(errors.count, 500)
        XCTAssertEqual(errors.last?.line, 500)
    }

    func testLinesThatStartNoDefinitionAreSkippedAfterAnError() {
        // After "oops", reading resumes at the next definition, not at each stray line.
        let (macros, errors) = RenderService.macroDefinitions("oops\nmore text\n  \\frac{1}{2}\n\\def\\a{b}\n")
        XCTAssertEqual(errors.map(\.line), [1])
        XCTAssertEqual(macros, ["\\a": "b"])
    }
}
