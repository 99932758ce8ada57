import Foundation
import LossbookTestSupport
import XCTest

/// A course whose `loss`, `check` and `experiment` directives use the reader's fields, built as a
/// user builds it: formulas in column labels, captions and claims come out as KaTeX.
final class DirectiveFieldBuildTests: XCTestCase {
    private let projects = TestProjects()

    override func tearDown() {
        projects.removeAll()
    }

    func testFormulasInDirectiveLabelsRender() throws {
        let project = try projects.make([
            "content/index.md": "---\ntitle: A course\n---\nWelcome.\n",
            "content/1-basics/index.md": "---\ntitle: Basics\norder: 1\n---\nThe first part.\n",
            "content/1-basics/first.md": """
            ---
            title: First
            order: 1
            ---
            ## Tables

            ```loss
            loss: mse
            args: {input: [1, 3], target: [0, 0]}
            caption: Squared error of $\\hat y$.
            columns: {input: '$\\hat y_i$', target: '$y_i$', loss: '$\\ell_i$', input.grad: '$\\partial L/\\partial \\hat y_i$'}
            ```

            ```check
            claim: "the mean of $1^2$ and $3^2$ is {=1}"
            equal: [{loss: mse, args: {input: [1, 3], target: [0, 0]}}, 5]
            ```

            ```experiment
            name: outlier-line
            show: table
            columns: {Slope: 'Slope $w$'}
            ```
            """,
        ])
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let page = try XCTUnwrap(project.read("site/1-basics/first.html"))
        XCTAssertFalse(page.contains("\u{E011}") || page.contains("\u{E012}"), "every formula marker replaced")
        // KaTeX's MathML keeps the TeX as an annotation: each label's formula is there, rendered.
        for tex in ["\\hat y_i", "\\ell_i", "\\partial L/\\partial \\hat y_i", "1^2", "w"] {
            XCTAssertTrue(page.contains("<annotation encoding=\"application/x-tex\">\(tex)</annotation>"), "\(tex) rendered")
        }
        XCTAssertTrue(page.contains("the mean of "), page)
        XCTAssertTrue(page.contains(" is 5</p>"), "the claim reads with its number")
        XCTAssertFalse(page.contains("build time"), "no build talk for readers")
        XCTAssertFalse(page.contains("reduction mean"), "no API names for readers")
    }

    func testABadFormulaInALabelIsAnErrorAtTheDirective() throws {
        let project = try projects.make([
            "content/index.md": "---\ntitle: A course\n---\nWelcome.\n",
            "content/1-basics/index.md": "---\ntitle: Basics\norder: 1\n---\nThe first part.\n",
            "content/1-basics/first.md": "---\ntitle: First\norder: 1\n---\nText.\n\n```loss\nloss: mse\nargs: {input: [1], target: [0]}\ncolumns: {loss: '$\\\\frac{1$'}\n```\n",
        ])
        let run = try project.run(["build"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("first.md:7:"), run.stderr)
    }
}
