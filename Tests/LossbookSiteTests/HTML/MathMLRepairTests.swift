import XCTest
@testable import LossbookSite

final class MathMLRepairTests: XCTestCase {
    /// KaTeX 0.16.4's MathML for `\ell_{\min}`: three children in an <msub>.
    let katexSubscript = "<math><semantics><mrow><msub><mi mathvariant=\"normal\">ℓ</mi><mi>min</mi><mo>\u{2061}</mo></msub></mrow></semantics></math>"

    func testOperatorNameInASubscriptIsWrappedInAnMrow() {
        let fixed = MathMLRepair.repair(katexSubscript)
        XCTAssertEqual(fixed, "<math><semantics><mrow><msub><mi mathvariant=\"normal\">ℓ</mi><mrow><mi>min</mi><mo>\u{2061}</mo></mrow></msub></mrow></semantics></math>")
    }

    func testEntityFormAndSeveralOperators() {
        let input = "<msubsup><mi>x</mi><mi>min</mi><mo>&#8289;</mo><mn>2</mn></msubsup><mi>log</mi><mo>\u{2061}</mo><mi>y</mi>"
        XCTAssertEqual(MathMLRepair.repair(input),
                       "<msubsup><mi>x</mi><mrow><mi>min</mi><mo>&#8289;</mo></mrow><mn>2</mn></msubsup><mrow><mi>log</mi><mo>\u{2061}</mo></mrow><mi>y</mi>")
    }

    func testNothingElseChanges() {
        let plain = "<span class=\"katex\"><math><mi>x</mi><mo>=</mo><mn>1</mn></math></span>"
        XCTAssertEqual(MathMLRepair.repair(plain), plain)
        // An operator after something that is not a bare <mi> is left as it is.
        let other = "<mrow><mi>a</mi><mi>b</mi></mrow><mo>\u{2061}</mo>"
        XCTAssertEqual(MathMLRepair.repair(other), other)
    }

    func testEveryScriptElementHasTwoOrThreeChildrenAfterRepair() {
        // The HTML renderer applies the repair to rendered math.
        var math = Math(tex: "\\ell_{\\min}", display: false, position: SourcePosition(line: 1, column: 1))
        math.html = "<span class=\"katex\">" + katexSubscript + "</span>"
        let document = MarkdownDocument(blocks: [Block(.paragraph([.math(math)]), at: SourcePosition(line: 1, column: 1))])
        let out = HTMLRenderer().render(document)
        XCTAssertTrue(out.contains("<msub><mi mathvariant=\"normal\">ℓ</mi><mrow><mi>min</mi>"), out)
    }
}
