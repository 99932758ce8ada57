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

    /// Formulas read out once per build and kept: every page's passages are the same as without.
    func testPassagesAreTheSameWithFormulasKeptBetweenPages() {
        let memo = ReadableMathMemo()
        let pages = [
            "# $\\sigma(z)$\n\nThe loss $\\ell_i^2$ and $\\frac{1}{2}$.\n\n> $\\ell_i^2$ again\n\n| $a^2$ | b |\n|---|---|\n| $\\sigma(z)$ | $x$ |\n",
            "Another page: $\\ell_i^2$, $\\sigma(z)$, *$\\theta$*.\n\n- $\\frac{1}{2}$ item\n",
            "# $\\sigma(z)$\n\nThe loss $\\ell_i^2$ and $\\frac{1}{2}$.\n",
        ]
        for markdown in pages + pages.reversed() {
            let (document, _) = MarkdownParser().parse(markdown, path: "t.md", firstLine: 1)
            XCTAssertEqual(SearchSections.sections(of: document, memo: memo), SearchSections.sections(of: document))
        }
        XCTAssertEqual(memo.readable("\\sigma(z)"), "σ(z)")
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
