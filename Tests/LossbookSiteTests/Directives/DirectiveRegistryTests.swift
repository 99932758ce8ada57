import Foundation
import LossbookTestSupport
import XCTest
@testable import LossbookSite

/// The registry is the one list of directive names: the stage, its suggestions and its count of
/// figures all come from it, and no other source file names a directive.
final class DirectiveRegistryTests: XCTestCase {
    func testNamesAreDistinctAndLookUpTheirType() {
        XCTAssertEqual(Set(DirectiveRegistry.names).count, DirectiveRegistry.all.count)
        for directive in DirectiveRegistry.all {
            XCTAssertTrue(DirectiveRegistry.directive(named: directive.name) == directive, directive.name)
        }
        XCTAssertNil(DirectiveRegistry.directive(named: "plots"))
    }

    func testTheUnknownDirectiveMessageSuggestsAndListsFromTheRegistry() {
        for name in DirectiveRegistry.names {
            let misspelt = name + "x"
            let found = expand("```\(misspelt)\nx: 1\n```\n").diagnostics
            XCTAssertEqual(found, ["d.md:1:1: error: unknown directive '\(misspelt)' (did you mean '\(name)'?); directives are \(DirectiveRegistry.names.joined(separator: ", "))"])
        }
    }

    func testFiguresAreCountedByWhatTheDirectiveDraws() {
        let plot = "```plot\ntitle: T\nx: {min: -1, max: 1}\ncurves:\n  - {loss: mse}\n```\n"
        let check = "```check\nclaim: c\nequal: [1, 1]\n```\n"
        for (markdown, figures) in [(plot, 1), (check, 0), (plot + "\n" + check + "\n" + plot, 2)] {
            let (document, _) = MarkdownParser().parse(markdown, path: "d.md", firstLine: 1)
            var stage = DirectiveStage(path: "d.md")
            _ = stage.rewrite(document)
            XCTAssertEqual(stage.diagnostics, [])
            XCTAssertEqual(stage.figures, figures, markdown)
        }
        XCTAssertEqual(DirectiveRegistry.all.filter { $0.drawsFigure }.map { $0.name }.sorted(), ["experiment", "plot"])
    }

    /// Outside the directives' own folder, no source file of the generator spells a directive's
    /// name: a comparison with an info string or a list of names there would drift from the registry.
    func testNoSourceOutsideTheDirectivesSpellsADirectiveName() throws {
        let site = TestProject.repositoryRoot.appendingPathComponent("Sources/LossbookSite")
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil))
        var offenders: [String] = []
        for case let url as URL in enumerator where url.pathExtension == "swift" && !url.path.contains("/Expand/Directives/") {
            let text = try String(contentsOf: url, encoding: .utf8)
            for name in DirectiveRegistry.names where text.contains("\"\(name)\"") {
                offenders.append("\(url.lastPathComponent): \"\(name)\"")
            }
        }
        XCTAssertEqual(offenders, [], "name directives through DirectiveRegistry")
    }
}
