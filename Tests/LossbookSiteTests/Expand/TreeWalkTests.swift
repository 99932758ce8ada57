import XCTest
@testable import LossbookSite

/// The read-only walk sees exactly what a rewriting pass sees, in the same order.
final class TreeWalkTests: XCTestCase {
    private struct RecordingPass: TreePass {
        var seen: [String] = []
        mutating func visit(block: Block) -> [Block]? { seen.append("block \(block.position.line):\(block.position.column)"); return nil }
        mutating func visit(inline: Inline) -> [Inline]? { seen.append("inline \(inline)"); return nil }
    }

    private struct RecordingWalk: TreeWalk {
        var seen: [String] = []
        mutating func visit(block: Block) { seen.append("block \(block.position.line):\(block.position.column)") }
        mutating func visit(inline: Inline) { seen.append("inline \(inline)") }
    }

    func testTheWalkVisitsWhatThePassVisitsInOrder() {
        let note = """
            # Title with *emphasis* and $x$

            A paragraph with **strong _nested_ text**, a [link with `code`](a.md), ![alt *x*](i.png) and ~~gone~~.

            > A quote with a list:
            >
            > 1. item with $y^2$
            > 2. [ ] task

            | a | *b* |
            |---|---|
            | $c$ | [d](e.md) |

            > [!NOTE] A callout with $z$
            > Inside it.

            > [!EXERCISE] An exercise
            > Do $w$.
            >
            > > [!SOLUTION]
            > > The answer, **bold**.

            $$
            a = b
            $$ {#eq-x}

            ```swift
            let x = 1
            ```

            Text with a footnote.[^n]

            [^n]: The note, with *emphasis*.
            """
        let (document, diagnostics) = MarkdownParser().parse(note, path: "w.md", firstLine: 1)
        XCTAssertEqual(diagnostics.map(\.description), [])
        var pass = RecordingPass()
        _ = pass.rewrite(document)
        var walk = RecordingWalk()
        walk.walk(document)
        XCTAssertGreaterThan(walk.seen.count, 30)
        XCTAssertEqual(walk.seen, pass.seen)
    }
}
