import XCTest
@testable import LossbookSite

/// A pass changes the nodes it visits and nothing else; what it did not change is kept, not
/// rebuilt.
final class TreePassTests: XCTestCase {
    /// Replaces every text inline that contains `word` with the same text upper-cased.
    private struct Shouting: TreePass {
        let word: String
        mutating func visit(inline: Inline) -> [Inline]? {
            guard case .text(let text, let source) = inline, text.contains(word) else { return nil }
            return [.text(text.uppercased(), at: source)]
        }
    }

    private struct Texts: TreeWalk {
        var seen: [String] = []
        mutating func visit(inline: Inline) {
            if case .text(let text, _) = inline { seen.append(text) }
        }
    }

    private static let note = """
        # A title

        A paragraph with **strong _nested_ text** and a [link](a.md).

        - an item
        - another item

        | a | b |
        |---|---|
        | c | deep |

        > [!EXERCISE] An exercise
        > Do it.
        >
        > > [!SOLUTION]
        > > The deep answer.
        """

    private func parse() -> MarkdownDocument {
        let (document, diagnostics) = MarkdownParser().parse(Self.note, path: "p.md", firstLine: 1)
        XCTAssertEqual(diagnostics.map(\.description), [])
        return document
    }

    func testOnlyTheVisitedNodesChangeWhereverTheyAreNested() {
        let document = parse()
        var pass = Shouting(word: "deep")
        let result = pass.rewrite(document)
        var before = Texts(), after = Texts()
        before.walk(document)
        after.walk(result)
        XCTAssertEqual(after.seen, before.seen.map { $0.contains("deep") ? $0.uppercased() : $0 })
        XCTAssertEqual(after.seen.filter { $0.contains("DEEP") }.count, 2, "the table cell and the exercise's solution")
        XCTAssertEqual(result.blocks.map(\.range), document.blocks.map(\.range))
    }

    func testAPassThatChangesNothingGivesTheSameTree() {
        let document = parse()
        var pass = Shouting(word: "absent")
        XCTAssertEqual(pass.rewrite(document), document)
    }

    /// The list has no "deep" in it: its items' arrays are the document's own, not copies.
    func testUnchangedSubtreesAreKeptNotCopied() throws {
        let document = parse()
        var pass = Shouting(word: "deep")
        let result = pass.rewrite(document)
        func firstItemStorage(_ document: MarkdownDocument) throws -> UnsafeRawPointer? {
            let list = try XCTUnwrap(document.blocks.first { if case .list = $0.kind { true } else { false } })
            guard case .list(_, let items) = list.kind else { return nil }
            return items.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        }
        XCTAssertNotNil(try firstItemStorage(document))
        XCTAssertEqual(try firstItemStorage(result), try firstItemStorage(document))
        XCTAssertNotEqual(result, document)
    }
}
