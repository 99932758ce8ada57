import XCTest
@testable import LossbookSite

/// Search snippets read a table row by row, headings once and rows as sentences, and never
/// show TeX or the `{.cards}` marker.
final class SearchTableTextTests: XCTestCase {
    private func sections(_ markdown: String) -> [SearchSection] {
        let (document, _) = MarkdownParser().parse(markdown, path: "t.md", firstLine: 1)
        return SearchSections.sections(of: document)
    }

    func testRowsReadAsSentencesWithHeadings() {
        let text = sections("| loss | distribution | gradient bound |\n|---|---|---|\n| Huber | Huber density | $\\delta$ |\n| MSE | normal | |\n\n{.cards}\n")[0].text
        XCTAssertEqual(text, "loss, distribution, gradient bound. Huber: Huber density; δ. MSE: normal.")
        XCTAssertFalse(text.contains("{.cards}"))
    }

    func testRowWithOnlyAFirstCell() {
        XCTAssertEqual(sections("| a | b |\n|---|---|\n| x | |\n")[0].text, "a, b. x.")
    }
}

/// Scripts in snippets read as Unicode, not as TeX's `^` and `_`.
final class MathTextScriptTests: XCTestCase {
    func testScriptsBecomeUnicodeWhereEveryCharacterHasOne() {
        XCTAssertEqual(MathText.readable("a^2 + x_i"), "a² + xᵢ")
        XCTAssertEqual(MathText.readable("\\sum_{i=1}^{N} e^{-z}"), "Σᵢ₌₁^N e⁻ᶻ")
        XCTAssertEqual(MathText.readable("\\sigma_\\theta(x)"), "σ_θ(x)")
        XCTAssertEqual(MathText.readable("x_{\\text{max}}"), "xₘₐₓ")
        XCTAssertEqual(MathText.readable("y_{ab c}^{Q R}"), "y_(ab c)^(Q R)")
    }
}
