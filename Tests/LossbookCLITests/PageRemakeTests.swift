import Foundation
import LossbookTestSupport
import XCTest

/// Which pages a build makes again after one input changes, seen from outside: a page taken
/// from the last build is hard-linked into the new site (same inode), a page made again is a new
/// file. Whatever decides it (listed or derived page keys), a page must be made again when
/// anything it shows changed, and a page whose inputs did not change must not be.
final class PageRemakeTests: XCTestCase {
    private var project: TestProject!

    static let course: [String: String] = [
        "content/index.md": "---\ntitle: A course\n---\nWelcome.\n",
        "content/macros.tex": "\\newcommand{\\loss}{\\mathcal{L}}\n",
        "content/1-basics/index.md": "---\ntitle: Basics\norder: 1\n---\nThe first part.\n",
        "content/1-basics/first.md": "---\ntitle: First\norder: 1\n---\n## Start\n\n$$\n\\loss = b\n$$ {#eq-ab}\n\nSee [the next one](second.md#later) and [third](third.md).\n",
        "content/1-basics/second.md": "---\ntitle: Second\norder: 2\n---\n## Later\n\nBack to the start.\n\nAs @eq-ab says.\n",
        "content/1-basics/third.md": "---\ntitle: Third\norder: 3\ndescription: The third page.\n---\n## Plain\n\nNo math here.\n",
    ]
    static let pages = ["index.html", "1-basics/index.html", "1-basics/first.html", "1-basics/second.html", "1-basics/third.html"]

    override func setUpWithError() throws {
        project = try TestProject(files: Self.course)
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    override func tearDown() {
        project?.remove()
    }

    private func inodes() throws -> [String: Int] {
        var result: [String: Int] = [:]
        for page in Self.pages {
            let attributes = try FileManager.default.attributesOfItem(atPath: project.root.appendingPathComponent("site/" + page).path)
            result[page] = attributes[.systemFileNumber] as? Int
        }
        return result
    }

    /// The pages made again after `change`.
    private func remade(after change: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) throws -> Set<String> {
        let before = try inodes()
        try change()
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        let after = try inodes()
        return Set(Self.pages.filter { before[$0] != after[$0] })
    }

    private func edit(_ path: String, _ transform: (String) -> String) throws {
        try project.write(path, transform(try XCTUnwrap(project.read(path))))
    }

    func testTheSiteIsLinkedWhenNothingChanged() throws {
        // Saved unchanged: a real build (the file's times moved) that makes no page again.
        XCTAssertEqual(try remade { try edit("content/1-basics/third.md") { $0 } }, [])
    }

    func testAnEditOfABodyRemakesThatPageOnly() throws {
        XCTAssertEqual(try remade { try edit("content/1-basics/third.md") { $0 + "\nOne more line.\n" } }, ["1-basics/third.html"])
        // A paragraph that no other page previews.
        XCTAssertEqual(try remade { try edit("content/1-basics/second.md") { $0 + "\nA closing line.\n" } }, ["1-basics/second.html"])
    }

    func testTheLinkedSectionsPreviewRemakesTheLinkingPage() throws {
        let remade = try remade { try edit("content/1-basics/second.md") { $0.replacingOccurrences(of: "Back to the start.", with: "Return to the start.") } }
        XCTAssertTrue(remade.isSuperset(of: ["1-basics/second.html", "1-basics/first.html"]), "\(remade)")
        XCTAssertTrue(project.read("site/1-basics/first.html")?.contains("Return to the start.") ?? false)
    }

    func testALinkedPagesDescriptionRemakesTheLinkingPage() throws {
        let remade = try remade { try edit("content/1-basics/third.md") { $0.replacingOccurrences(of: "The third page.", with: "The last page.") } }
        XCTAssertTrue(remade.contains("1-basics/first.html"), "\(remade)")
        XCTAssertTrue(project.read("site/1-basics/first.html")?.contains("The last page.") ?? false)
    }

    func testARenumberedLabelRemakesThePagesThatReferToIt() throws {
        let remade = try remade {
            try edit("content/1-basics/first.md") { $0.replacingOccurrences(of: "## Start\n", with: "## Start\n\n$$\nz = 0\n$$ {#eq-zero}\n") }
        }
        XCTAssertTrue(remade.isSuperset(of: ["1-basics/first.html", "1-basics/second.html"]), "\(remade)")
        XCTAssertTrue(project.read("site/1-basics/second.html")?.contains("Equation (1.2)") ?? false)
    }

    func testAMacroRemakesThePagesThatUseIt() throws {
        let remade = try remade { try project.write("content/macros.tex", "\\newcommand{\\loss}{\\ell}\n") }
        XCTAssertTrue(remade.contains("1-basics/first.html"), "\(remade)")
        XCTAssertTrue(project.read("site/1-basics/first.html")?.contains("ℓ") ?? false)
    }

    func testATitleRemakesEveryPageThatListsIt() throws {
        let remade = try remade { try edit("content/1-basics/third.md") { $0.replacingOccurrences(of: "title: Third", with: "title: Third, renamed") } }
        XCTAssertEqual(remade, Set(Self.pages), "every page's sidebar names it")
    }

    func testATemplatePartialRemakesEveryPage() throws {
        let remade = try remade { try edit("templates/footer.mustache") { $0 + "<!-- a changed footer -->\n" } }
        XCTAssertEqual(remade, Set(Self.pages))
        XCTAssertTrue(project.read("site/1-basics/third.html")?.contains("<!-- a changed footer -->") ?? false)
    }

    func testACourseSettingRemakesEveryPage() throws {
        let remade = try remade { try project.write("lossbook.yml", "licence: CC BY 4.0\n") }
        XCTAssertEqual(remade, Set(Self.pages), "every footer names the licence")
        XCTAssertTrue(project.read("site/1-basics/third.html")?.contains("CC BY 4.0") ?? false)
    }
}
