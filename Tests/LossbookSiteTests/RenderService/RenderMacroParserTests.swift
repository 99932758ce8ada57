import XCTest
import LossbookSite

final class RenderMacroParserTests: XCTestCase {
    func testDefinitions() throws {
        let macros = try RenderService.parseMacros("""
            % Course macros
            \\newcommand{\\R}{\\mathbb{R}}
            \\newcommand{\\norm}[1]{\\lVert #1 \\rVert}   % with an argument
            \\newcommand\\inner[2]{\\langle #1,
              #2 \\rangle}
            \\renewcommand{\\vec}[1]{\\mathbf{#1}}
            \\newcommand*{\\set}[1]{\\{ #1 \\}}
            \\def\\E{\\mathbb{E}}
            \\def\\pair#1#2{(#1, #2)}
            \\DeclareMathOperator{\\softmax}{softmax}
            \\DeclareMathOperator*{\\argmin}{arg\\,min}
            \\newcommand{\\hash}{\\#\\ \\% ##}

            """)
        XCTAssertEqual(macros, [
            "\\R": "\\mathbb{R}",
            "\\norm": "\\lVert #1 \\rVert",
            "\\inner": "\\langle #1,\n  #2 \\rangle",
            "\\vec": "\\mathbf{#1}",
            "\\set": "\\{ #1 \\}",
            "\\E": "\\mathbb{E}",
            "\\pair": "(#1, #2)",
            "\\softmax": "\\operatorname{softmax}",
            "\\argmin": "\\operatorname*{arg\\,min}",
            "\\hash": "\\#\\ \\% ##",
        ])
    }

    func testProvideCommandKeepsAnEarlierDefinition() throws {
        let macros = try RenderService.parseMacros("\\newcommand{\\R}{A}\n\\providecommand{\\R}{B}\n\\providecommand{\\N}{C}")
        XCTAssertEqual(macros, ["\\R": "A", "\\N": "C"])
    }

    func testEmptyFile() throws {
        XCTAssertEqual(try RenderService.parseMacros(""), [:])
        XCTAssertEqual(try RenderService.parseMacros("% nothing\n\n"), [:])
    }

    private func error(_ text: String) -> MacroParseError? {
        do {
            _ = try RenderService.parseMacros(text)
            return nil
        } catch {
            return error as? MacroParseError
        }
    }

    func testErrorsNameTheLine() {
        XCTAssertEqual(error("\\newcommand{\\R}{\\mathbb{R}}\n\n\\newcommand{\\f}[1]{#2}")?.line, 3)
        XCTAssertEqual(error("\\newcommand{\\f}[1]{#2}")?.message, "\\f uses #2 but declares 1 argument")

        let unused = error("\\newcommand{\\f}{x}\n\\newcommand{\\g}[2]{#1}")
        XCTAssertEqual(unused?.line, 2)
        XCTAssertEqual(unused?.message.hasPrefix("\\g declares 2 arguments but its body uses only up to #1"), true)

        let unbalanced = error("\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\f}{\\frac{1}{2}\n\\newcommand{\\g}{x}\n")
        XCTAssertEqual(unbalanced?.line, 2, "the line where the body opens")
        XCTAssertEqual(unbalanced?.column, 16)

        XCTAssertEqual(error("\\newcommand{\\R}{A}\n\\newcommand{\\R}{B}")?.line, 2)
        XCTAssertEqual(error("x = 1")?.message.hasPrefix("expected \\newcommand"), true)
        XCTAssertEqual(error("\n\n\\usepackage{amsmath}")?.line, 3)
        XCTAssertEqual(error("\\newcommand{\\f}[2][x]{#1#2}")?.message.contains("optional arguments"), true)
        XCTAssertEqual(error("\\newcommand{\\f}[0]{x}")?.message.contains("from 1 to 9"), true)
        XCTAssertEqual(error("\\newcommand{R}{x}") != nil, true)
        XCTAssertEqual(error("\\def\\f#2{x}")?.message.contains("#1, #2, … in order"), true)
    }

    func testErrorDescriptionIsLineColumnMessage() {
        XCTAssertEqual(error("\n  oops")?.description, "2:3: expected \\newcommand, \\renewcommand, \\providecommand, \\def or \\DeclareMathOperator, found o")
    }
}
