import Foundation
import LossbookTestSupport
import XCTest

/// `lossbook.yml` from the command line: where it is looked for, what it sets, what flags override.
final class CourseSettingsTests: XCTestCase {
    private let projects = TestProjects()

    override func tearDown() {
        projects.removeAll()
    }

    func testTheSettingsNameTheSiteAndItsFoldersAndFlagsOverrideThem() throws {
        let course = try projects.make([
            "lossbook.yml": "title: Settings title\nlanguage: fr\nbase-url: https://example.org/c/\ncontent: notes\noutput: public\nmacros: tex/m.tex\n",
            "notes/index.md": "---\ntitle: Home note\n---\n$\\half$\n",
            "tex/m.tex": "\\newcommand{\\half}{\\frac12}\n",
        ])
        let run = try course.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let home = try XCTUnwrap(course.read("public/index.html"), "the output folder comes from the settings")
        XCTAssertTrue(home.contains("<html lang=\"fr\""), "the language reaches the pages")
        XCTAssertTrue(home.contains("Settings title"), "the settings' title is the site title")
        XCTAssertTrue(home.contains("mfrac"), "the macros file named by the settings is used")
        XCTAssertEqual(course.read("public/sitemap.xml")?.contains("<loc>https://example.org/c/</loc>"), true)
        XCTAssertTrue(run.stdout.contains("into public/"), run.stdout)

        let flagged = try course.run(["build", "--output", "elsewhere", "--base-url", "https://example.com/"])
        XCTAssertEqual(flagged.status, 0, flagged.stderr)
        XCTAssertEqual(course.read("elsewhere/sitemap.xml")?.contains("<loc>https://example.com/</loc>"), true, "flags win over the settings")
    }

    func testAnotherSettingsFileResolvesItsPathsFromItsOwnFolder() throws {
        let course = try projects.make([
            "book/lossbook.yml": "content: text\noutput: out\n",
            "book/text/index.md": "---\ntitle: Elsewhere\n---\nText.\n",
        ])
        let run = try course.run(["build", "--config", "book/lossbook.yml"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertNotNil(course.read("book/out/index.html"))
        let missing = try course.run(["build", "--config", "nowhere.yml"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("the course settings file 'nowhere.yml' does not exist"), missing.stderr)
    }

    func testBadSettingsAreLocatedAndNothingIsBuilt() throws {
        let course = try projects.make([
            "lossbook.yml": "title: T\noutptu: public\nrepository: not a url\n",
            "content/index.md": "---\ntitle: T\n---\nText.\n",
        ])
        for command in ["build", "check"] {
            let run = try course.run([command])
            XCTAssertEqual(run.status, 1)
            XCTAssertTrue(run.stderr.contains("lossbook.yml:2:1: error: unknown field 'outptu' in the course settings (did you mean 'output'?)"), run.stderr)
            XCTAssertTrue(run.stderr.contains("lossbook.yml:3:13: error: 'repository' must be an absolute http(s) URL"), run.stderr)
        }
        XCTAssertNil(course.read("site/index.html"))
    }

    func testInitRefusesToWriteOverAnythingAndWritesNothing() throws {
        let folder = try projects.make(["existing/content/index.md": "---\ntitle: Mine\n---\nMine.\n"])
        let run = try folder.run(["init", "existing", "--no-build"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("existing/content/index.md: error: already exists"), run.stderr)
        XCTAssertNil(folder.read("existing/lossbook.yml"), "nothing is written when anything is in the way")
        XCTAssertEqual(folder.read("existing/content/index.md"), "---\ntitle: Mine\n---\nMine.\n")
    }
}
