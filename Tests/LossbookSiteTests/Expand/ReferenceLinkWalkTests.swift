import LossbookTestSupport
import XCTest
@testable import LossbookSite

/// One walk for cross-references and links gives what the two passes gave one after the other:
/// the same tree, checks and diagnostics, in the same order.
final class ReferenceLinkWalkTests: XCTestCase {
    private static let note = """
        # See @eq-top and [a link with @eq-inner](a.md#missing)

        Text with @eq-one, @fig-two and a [good link](a.md#intro), a [bad one](nowhere.md),
        an ![image with @eq-alt and [a link](b.md)](pic.png) and ![missing](gone.png).

        - [**nested @eq-deep** and [inner](#here)](a.md)
        - ~~@fig-struck~~ [x](/absolute.md)

        | @eq-cell | [cell](a.md#intro) |
        |---|---|
        | [c](../outside.md) | @fig-last |

        > [!NOTE] A callout with @eq-callout and [link](a.md)
        > Inside [it](#there).
        """

    func testOneWalkMakesWhatTheTwoPassesMade() {
        let (document, diagnostics) = MarkdownParser().parse(Self.note, path: "content/p.md", firstLine: 1)
        XCTAssertEqual(diagnostics.map(\.description), [])
        let targets = LinkPass.Targets(anchors: ["p.md": ["here"], "a.md": ["intro"], "b.md": []], assets: ["pic.png"])
        func passes() -> (ReferencePass, LinkPass) {
            (ReferencePass(labels: LabelIndex(), page: "p.html", displayPath: "content/p.md"),
             LinkPass(targets: targets, source: "p.md", displayPath: "content/p.md"))
        }

        var (references, links) = passes()
        let sequential = links.rewrite(references.rewrite(document))

        let (freshReferences, freshLinks) = passes()
        var walk = ReferenceLinkWalk(references: freshReferences, links: freshLinks)
        let fused = walk.rewrite(document)

        XCTAssertEqual(fused, sequential)
        XCTAssertEqual(walk.references.checks, references.checks)
        XCTAssertEqual(walk.links.checks, links.checks)
        XCTAssertEqual(walk.references.diagnostics.map(\.description), references.diagnostics.map(\.description))
        XCTAssertEqual(walk.links.diagnostics.map(\.description), links.diagnostics.map(\.description))
        // The fixture exercises both passes, inside links, images, lists, tables and callouts.
        XCTAssertGreaterThanOrEqual(references.checks.count, 10)
        XCTAssertGreaterThanOrEqual(links.checks.count, 10)
        XCTAssertGreaterThanOrEqual(links.diagnostics.count, 4)
        XCTAssertNotEqual(fused, document)
    }

    /// The course's notes, and mutations of them full of references, links and images: the
    /// walk agrees with the two passes on every one.
    func testTheCourseAndMutationsOfItAgree() throws {
        let content = TestProject.repositoryRoot.appendingPathComponent("content")
        let names = FileListing.regularFiles(under: content).filter { $0.hasSuffix(".md") }
        XCTAssertGreaterThan(names.count, 10)
        var anchors: [String: Set<String>] = [:]
        for name in names { anchors[name] = ["intro", "step-2"] }
        let targets = LinkPass.Targets(anchors: anchors, assets: [])
        let fragments = ["@eq-", "@eq-a ", "@fig-b", "[x](", "](a.md)", "](../1-foundations/x.md#step-2)", "![", "](p.png)",
                         "[", "]", "*", "`", "> [!NOTE]\n", "| a |\n|---|\n| @eq-c [d](#e) |\n"]
        var random = SeededRandom(seed: 21)
        var compared = 0
        for name in names {
            let text = try String(contentsOf: content.appendingPathComponent(name), encoding: .utf8)
            var variants = [text]
            for _ in 0..<4 {
                var scalars = Array(text.unicodeScalars)
                for _ in 0..<20 {
                    let at = random.below(scalars.count + 1)
                    scalars.insert(contentsOf: fragments[random.below(fragments.count)].unicodeScalars, at: at)
                }
                var mutated = String.UnicodeScalarView()
                mutated.append(contentsOf: scalars)
                variants.append(String(mutated))
            }
            for variant in variants {
                let (document, _) = MarkdownParser().parse(variant, path: "content/" + name, firstLine: 1)
                var references = ReferencePass(labels: LabelIndex(), page: "p.html", displayPath: name)
                var links = LinkPass(targets: targets, source: name, displayPath: name)
                let sequential = links.rewrite(references.rewrite(document))
                var walk = ReferenceLinkWalk(references: ReferencePass(labels: LabelIndex(), page: "p.html", displayPath: name),
                                             links: LinkPass(targets: targets, source: name, displayPath: name))
                let fused = walk.rewrite(document)
                XCTAssertEqual(fused, sequential, name)
                XCTAssertEqual(walk.references.checks, references.checks, name)
                XCTAssertEqual(walk.links.checks, links.checks, name)
                XCTAssertEqual(walk.references.diagnostics.map(\.description), references.diagnostics.map(\.description), name)
                XCTAssertEqual(walk.links.diagnostics.map(\.description), links.diagnostics.map(\.description), name)
                compared += 1
            }
        }
        XCTAssertEqual(compared, names.count * 5)
    }
}
