import Foundation
import LossbookTestSupport
import XCTest

/// `lossbook build` run as a user runs it: exit codes, diagnostics on stderr, the site on disk.
final class BuildCommandTests: XCTestCase {
    private let projects = TestProjects()

    override func tearDown() {
        projects.removeAll()
    }

    static let goodCourse: [String: String] = [
        "content/index.md": "---\ntitle: A course\n---\nWelcome to $x^2$.\n",
        "content/1-basics/index.md": "---\ntitle: Basics\norder: 1\n---\nThe first part.\n",
        "content/1-basics/first.md": "---\ntitle: First\norder: 1\n---\n## Start\n\n$$\na = b\n$$ {#eq-ab}\n\nSee @eq-ab and [the next one](second.md#later).\n",
        "content/1-basics/second.md": "---\ntitle: Second\norder: 2\n---\n## Later\n\nBack to [first](first.md).\n",
    ]

    func testBuildWritesPagesAndSummary() throws {
        let project = try projects.make(Self.goodCourse)
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("Built 4 pages (0 unchanged)"), run.stdout)
        let first = try XCTUnwrap(project.read("site/1-basics/first.html"))
        XCTAssertTrue(first.contains("href=\"../1-basics/second.html#later\""), "link rewritten to the page")
        XCTAssertTrue(first.contains("Equation (1.1)"), "reference resolved with its number")
        XCTAssertTrue(first.contains("href=\"../assets/lossbook.css\""), "assets linked relatively")
        XCTAssertTrue(first.contains("<math"), "math rendered to MathML at build time")
        XCTAssertNotNil(project.read("site/assets/katex/katex.min.css"))
        XCTAssertNotNil(project.read("site/404.html"))
    }

    func testErrorsAreReportedWithLocationsAndExitStatusOne() throws {
        var files = Self.goodCourse
        files["content/1-basics/second.md"] = "---\ntitle: Second\n---\nSee @eq-missing.\n\n[gone](nowhere.md)\n\n## Later\n"
        files["content/1-basics/third.md"] = "---\ntitle: [unclosed\n---\nbody\n"
        let project = try projects.make(files)
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("content/1-basics/second.md:4:5: error: reference to unknown label '@eq-missing'"), run.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("content/1-basics/second.md:6:1: error: link to 'nowhere.md'") }, run.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("content/1-basics/third.md:2:1:") && $0.contains("error: invalid YAML") }, run.stderr)
        XCTAssertTrue(run.stderr.contains("build failed with 3 errors"), run.stderr)
    }

    func testFailedBuildLeavesThePreviousSiteUntouched() throws {
        let project = try projects.make(Self.goodCourse)
        XCTAssertEqual(try project.run(["build"]).status, 0)
        let before = DirectorySnapshot.take(project.root.appendingPathComponent("site"))
        try project.write("content/1-basics/second.md", "---\ntitle: Second\n---\n$$\nunclosed\n\n## Later\n")
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content/1-basics/second.md:4:1: error: display math opened with '$$' is never closed"), run.stderr)
        let after = DirectorySnapshot.take(project.root.appendingPathComponent("site"))
        XCTAssertEqual(DirectorySnapshot.differences(before, after), [])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix(".site") }
        XCTAssertEqual(leftovers, [], "no staging folders left behind")
    }

    func testTwoBuildsAreByteIdentical() throws {
        let project = try projects.make(Self.goodCourse)
        XCTAssertEqual(try project.run(["build", "--output", "one"]).status, 0)
        XCTAssertEqual(try project.run(["build", "--output", "two"]).status, 0)
        let one = DirectorySnapshot.take(project.root.appendingPathComponent("one"))
        let two = DirectorySnapshot.take(project.root.appendingPathComponent("two"))
        XCTAssertFalse(one.isEmpty)
        XCTAssertEqual(DirectorySnapshot.differences(one, two), [])
    }

    func testKaTeXErrorPointsAtTheFormula() throws {
        var files = Self.goodCourse
        files["content/1-basics/second.md"] = "---\ntitle: Second\n---\nText $\\frac{1}{$ here.\n\n## Later\n"
        let project = try projects.make(files)
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content/1-basics/second.md:4:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("error: KaTeX cannot render this formula"), run.stderr)
    }

    func testStrictTurnsWarningsIntoErrors() throws {
        var files = Self.goodCourse
        files["content/1-basics/second.md"] = "---\ntitle: Second\nauthor: me\n---\n## Later\n"
        let project = try projects.make(files)
        let lenient = try project.run(["build"])
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        XCTAssertTrue(lenient.stderr.contains("content/1-basics/second.md:3:1: warning: unknown field 'author' in front matter"), lenient.stderr)
        let strict = try project.run(["build", "--strict"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.contains("content/1-basics/second.md:3:1: error: unknown field 'author'"), strict.stderr)
    }

    func testUnwritableOutputIsAClearError() throws {
        let project = try projects.make(Self.goodCourse)
        try project.write("blocker", "a file where a folder should be")
        let run = try project.run(["build", "--output", "blocker/site"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("lossbook: error: cannot write the site"), run.stderr)
    }

    func testSecondBuildComputesNothingAndAnEditRecomputesOnlyItsItem() throws {
        var files = Self.goodCourse
        files["content/1-basics/second.md"] = """
        ---
        title: Second
        ---
        ## Later

        MSE of 3 is `={loss: mse, args: {input: [3], target: [0]}}`.

        ```loss
        loss: huber
        args: {input: [0.5, 2], target: [0, 0]}
        ```
        """
        let project = try projects.make(files)
        let first = try project.run(["build"])
        XCTAssertTrue(first.stdout.contains("2 computed results (0 cached)"), first.stdout)
        // Saved again unchanged: the build runs, but the note is not even parsed again.
        try project.write("content/1-basics/second.md", files["content/1-basics/second.md"]!)
        let second = try project.run(["build"])
        XCTAssertTrue(second.stdout.hasPrefix("Built 4 pages (4 unchanged), 0 formulas"), second.stdout)
        XCTAssertTrue(second.stdout.contains("0 computed results"), second.stdout)
        try project.write("content/1-basics/second.md", files["content/1-basics/second.md"]!.replacingOccurrences(of: "input: [3]", with: "input: [4]"))
        let edited = try project.run(["build"])
        XCTAssertTrue(edited.stdout.contains("2 computed results (1 cached)"), edited.stdout)
        XCTAssertTrue(project.read("site/1-basics/second.html")?.contains(">16</span>") ?? false)
        // The cache can be deleted at any time without changing the output.
        let cached = DirectorySnapshot.take(project.root.appendingPathComponent("site"))
        try FileManager.default.removeItem(at: project.root.appendingPathComponent(".lossbook-cache"))
        XCTAssertEqual(try project.run(["build"]).status, 0)
        XCTAssertEqual(DirectorySnapshot.differences(cached, DirectorySnapshot.take(project.root.appendingPathComponent("site"))), [])
    }

    func testIncrementalRebuildsRenderOnlyWhatChanged() throws {
        let project = try projects.make(Self.goodCourse)
        XCTAssertTrue(try project.run(["build"]).stdout.hasPrefix("Built 4 pages (0 unchanged)"))
        XCTAssertTrue(try project.run(["build"]).stdout.hasPrefix("Up to date: 4 pages"), "nothing changed, nothing done")
        // A file saved without a change is looked at again, but no page is rendered.
        let first = try XCTUnwrap(project.read("content/1-basics/first.md"))
        try project.write("content/1-basics/first.md", first)
        XCTAssertTrue(try project.run(["build"]).stdout.hasPrefix("Built 4 pages (4 unchanged)"))
        // Editing a chapter's text re-renders that chapter only.
        try project.write("content/1-basics/second.md", Self.goodCourse["content/1-basics/second.md"]! + "\nOne more line.\n")
        let edited = try project.run(["build"])
        XCTAssertTrue(edited.stdout.hasPrefix("Built 4 pages (3 unchanged)"), edited.stdout)
        XCTAssertTrue(project.read("site/1-basics/second.html")?.contains("One more line.") ?? false)
        // A new title changes every page's sidebar.
        try project.write("content/1-basics/second.md", Self.goodCourse["content/1-basics/second.md"]!.replacingOccurrences(of: "title: Second", with: "title: Second, renamed"))
        let renamed = try project.run(["build"])
        XCTAssertTrue(renamed.stdout.hasPrefix("Built 4 pages (0 unchanged)"), renamed.stdout)
        XCTAssertTrue(project.read("site/1-basics/first.html")?.contains("Second, renamed") ?? false)
        // A template change re-renders everything that uses it.
        XCTAssertTrue(try project.run(["build"]).stdout.hasPrefix("Up to date: 4 pages"))
        let layout = try XCTUnwrap(project.read("templates/page.mustache"))
        try project.write("templates/page.mustache", layout.replacingOccurrences(of: "<main", with: "<!-- changed --><main"))
        let retemplated = try project.run(["build"])
        XCTAssertTrue(retemplated.stdout.hasPrefix("Built 4 pages (0 unchanged)"), retemplated.stdout)
        XCTAssertTrue(project.read("site/1-basics/first.html")?.contains("<!-- changed -->") ?? false)
    }

    /// Unchanged notes are not parsed again (their summaries stand in for them), yet every build
    /// checks them against the course as it is now and gives the same site as a build from nothing.
    func testIncrementalBuildsEqualFreshBuildsAcrossEdits() throws {
        let project = try projects.make(Self.goodCourse)
        func assertSameAsFreshBuild(_ step: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let run = try project.run(["build"])
            XCTAssertEqual(run.status, 0, "\(step): \(run.stderr)", file: file, line: line)
            try? FileManager.default.removeItem(at: project.root.appendingPathComponent("fresh"))
            try? FileManager.default.removeItem(at: project.root.appendingPathComponent("fresh-cache"))
            XCTAssertEqual(try project.run(["build", "--output", "fresh", "--cache", "fresh-cache"]).status, 0, step, file: file, line: line)
            XCTAssertEqual(DirectorySnapshot.differences(DirectorySnapshot.take(project.root.appendingPathComponent("site")),
                                                         DirectorySnapshot.take(project.root.appendingPathComponent("fresh"))), [],
                           step, file: file, line: line)
        }
        try assertSameAsFreshBuild("first build")
        let second = Self.goodCourse["content/1-basics/second.md"]!
        XCTAssertTrue(project.read("site/1-basics/first.html")?.contains("Back to first.") ?? false, "the linked section is copied for its preview")

        // The section first.md links to is edited: first.md, unchanged, is made again with the new copy.
        try project.write("content/1-basics/second.md", second.replacingOccurrences(of: "Back to", with: "Return to"))
        try assertSameAsFreshBuild("linked section edited")
        XCTAssertTrue(project.read("site/1-basics/first.html")?.contains("Return to first.") ?? false, "the preview follows the section")
        try project.write("content/1-basics/second.md", second)

        // first.md links to second.md#later; with first.md unchanged, the link is checked from its summary.
        try project.write("content/1-basics/second.md", second.replacingOccurrences(of: "## Later", with: "## Much later"))
        let broken = try project.run(["build"])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("content/1-basics/first.md:11:"), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("that page has no heading or label 'later'"), broken.stderr)

        // A reference from an edited page to a label of an unchanged one.
        try project.write("content/1-basics/second.md", second + "\nAs @eq-ab says.\n")
        try assertSameAsFreshBuild("reference into an unchanged page")
        XCTAssertTrue(project.read("site/1-basics/second.html")?.contains("Equation (1.1)") ?? false)

        // A new first chapter renumbers the unchanged pages' equations and references.
        try project.write("content/1-basics/zero.md", "---\ntitle: Zero\norder: 0\n---\n## Before\n\n$$\nc = d\n$$ {#eq-cd}\n")
        try assertSameAsFreshBuild("chapter inserted before")
        XCTAssertTrue(project.read("site/1-basics/first.html")?.contains("Equation (2.1)") ?? false)

        // The parts of print.html are kept as places in it, not as a file each.
        let cache = project.root.appendingPathComponent(".lossbook-cache")
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache.appendingPathComponent("print-parts.bin").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.appendingPathComponent("print").path))

        // A label removed from the edited page breaks the unchanged page that refers to it.
        try project.write("content/1-basics/first.md", Self.goodCourse["content/1-basics/first.md"]! + "\nAnd @eq-cd.\n")
        try assertSameAsFreshBuild("reference to the new chapter")
        try project.write("content/1-basics/zero.md", "---\ntitle: Zero\norder: 0\n---\n## Before\n")
        let unknown = try project.run(["build"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("content/1-basics/first.md:13:"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("reference to unknown label '@eq-cd'"), unknown.stderr)
    }

    func testAnUpToDateSiteIsLeftAloneUntilItOrItsInputsChange() throws {
        let project = try projects.make(Self.goodCourse)
        let site = project.root.appendingPathComponent("site")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        let built = DirectorySnapshot.take(site)
        let up = try project.run(["build"])
        XCTAssertTrue(up.stdout.hasPrefix("Up to date: 4 pages"), up.stdout)
        XCTAssertEqual(DirectorySnapshot.differences(built, DirectorySnapshot.take(site)), [])
        // A page deleted from the site, or a stray file put there, makes the next build a real one.
        try FileManager.default.removeItem(at: site.appendingPathComponent("1-basics/second.html"))
        XCTAssertTrue(try project.run(["build"]).stdout.hasPrefix("Built 4 pages (3 unchanged)"))
        try project.write("site/stray.html", "<p>not ours</p>")
        XCTAssertTrue(try project.run(["build"]).stdout.hasPrefix("Built 4 pages (4 unchanged)"))
        XCTAssertNil(project.read("site/stray.html"))
        // A page edited by hand is made again.
        try project.write("site/1-basics/first.html", "edited by hand")
        XCTAssertTrue(try project.run(["build"]).stdout.hasPrefix("Built 4 pages"))
        XCTAssertEqual(DirectorySnapshot.differences(built, DirectorySnapshot.take(site)), [])
        // Other options make a real build too, and so does a new file in the content folder.
        XCTAssertTrue(try project.run(["build", "--base-url", "https://example.org/course/"]).stdout.hasPrefix("Built 4 pages"))
        XCTAssertTrue(try project.run(["build"]).stdout.hasPrefix("Built 4 pages"))
        try project.write("content/notes.txt", "an asset")
        XCTAssertTrue(try project.run(["build"]).stdout.hasPrefix("Built 4 pages (4 unchanged)"))
        XCTAssertEqual(project.read("site/notes.txt"), "an asset")
    }

    func testAnUpToDateBuildReportsItsWarningsAgainAndStrictStillFails() throws {
        var files = Self.goodCourse
        files["content/1-basics/second.md"] = "---\ntitle: Second\nauthor: me\n---\n## Later\n"
        let project = try projects.make(files)
        let first = try project.run(["build"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("second.md:3:1: warning: unknown field 'author'"), first.stderr)
        let again = try project.run(["build"])
        XCTAssertTrue(again.stdout.hasPrefix("Up to date"), again.stdout)
        XCTAssertEqual(again.stderr, first.stderr)
        XCTAssertEqual(try project.run(["build", "--strict"]).status, 1)
    }

    /// KaTeX's strict-mode reports reach the author at the offending character, on every build
    /// that has the page: a fresh one, an up-to-date one, and one after an edit elsewhere.
    func testKaTeXStrictWarningsAreReportedWhereTheyAreOnEveryBuild() throws {
        var files = Self.goodCourse
        files["content/1-basics/second.md"] = "---\ntitle: Second\norder: 2\n---\n## Later\n\nThe rate $x + é$ is fine.\n"
        let project = try projects.make(files)
        let warning = "content/1-basics/second.md:7:15: warning: KaTeX renders this formula, but LaTeX would not accept it: unicodeTextInMathMode"
        let first = try project.run(["build"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains(warning), first.stderr)
        XCTAssertTrue(try XCTUnwrap(project.read("site/1-basics/second.html")).contains("<math"), "the formula is rendered anyway")

        let upToDate = try project.run(["build"])
        XCTAssertTrue(upToDate.stdout.hasPrefix("Up to date"), upToDate.stdout)
        XCTAssertTrue(upToDate.stderr.contains(warning), upToDate.stderr)

        try project.write("content/1-basics/first.md", "---\ntitle: First\norder: 1\n---\n## Start\n\n$$\na = c\n$$ {#eq-ab}\n\nSee @eq-ab.\n")
        let afterEdit = try project.run(["build"])
        XCTAssertEqual(afterEdit.status, 0, afterEdit.stderr)
        XCTAssertTrue(afterEdit.stderr.contains(warning), "the unchanged page with the warning is made again: \(afterEdit.stderr)")
        XCTAssertEqual(try project.run(["build", "--strict"]).status, 1)
        let check = try project.run(["check"])
        XCTAssertTrue(check.stderr.contains(warning), check.stderr)
    }

    /// The cache keeps what earlier versions of the course needed until a build remakes every
    /// page; that build drops what it did not use, and the leftovers of earlier layouts.
    func testABuildThatRemakesEveryPageDropsWhatTheCourseNoLongerUses() throws {
        let project = try projects.make(Self.goodCourse)
        let cache = project.root.appendingPathComponent(".lossbook-cache")
        func cacheHolds(_ text: String) -> Bool {
            guard let files = FileManager.default.enumerator(at: cache.appendingPathComponent("render"), includingPropertiesForKeys: nil) else { return false }
            return files.contains { ($0 as? URL).flatMap { FileManager.default.contents(atPath: $0.path) }.map { String(decoding: $0, as: UTF8.self).contains(text) } ?? false }
        }
        let second = Self.goodCourse["content/1-basics/second.md"]!
        XCTAssertEqual(try project.run(["build"]).status, 0)
        try project.write("content/1-basics/second.md", second + "\nOld: $\\zeta_{old}$.\n")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        try project.write("content/1-basics/second.md", second + "\nNew: $\\zeta_{new}$.\n")
        let edited = try project.run(["build"])
        XCTAssertTrue(edited.stdout.hasPrefix("Built 4 pages (3 unchanged)"), edited.stdout)
        XCTAssertTrue(cacheHolds("zeta_{old}") && cacheHolds("zeta_{new}"), "a build that reuses pages keeps everything")

        let leftovers = ["pages/index.html", "computed/0123456789abcdef0123456789abcdef", "search/part-9.json",
                         "swift-run/engine-0123/libLossEngine.so", "swift-run/build-2147483646/runner", "swift-run/outputs/a.json"]
        for path in leftovers { try project.write(".lossbook-cache/" + path, "old") }
        let layout = try XCTUnwrap(project.read("templates/page.mustache"))
        try project.write("templates/page.mustache", layout.replacingOccurrences(of: "<main", with: "<!-- changed --><main"))
        let remade = try project.run(["build"])
        XCTAssertTrue(remade.stdout.hasPrefix("Built 4 pages (0 unchanged)"), remade.stdout)
        XCTAssertFalse(cacheHolds("zeta_{old}"), "the formula edited away is dropped")
        XCTAssertTrue(cacheHolds("zeta_{new}") && cacheHolds("x^2"), "what the course uses stays")
        for path in ["pages", "computed/0123456789abcdef0123456789abcdef", "search/part-9.json", "swift-run/engine-0123",
                     "swift-run/build-2147483646", "swift-run/outputs"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: cache.appendingPathComponent(path).path), path)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache.appendingPathComponent("search/part-1.json").path))

        // What stays is enough: with the site deleted, nothing is rendered again.
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("site"))
        let rebuilt = try project.run(["build"])
        XCTAssertTrue(rebuilt.stdout.contains("(0 rendered)"), rebuilt.stdout)
    }

    func testVerbosePrintsStageTimesAndPipesStayPlain() throws {
        let project = try projects.make(Self.goodCourse)
        let run = try project.run(["build", "--verbose"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for stage in ["look for changes", "load", "parse and directives", "references and links", "search index", "math, code and pages", "assets", "write"] {
            XCTAssertTrue(run.stdout.contains("  \(stage)"), run.stdout)
        }
        XCTAssertFalse(run.stderr.contains("\u{1B}"), "no terminal escapes when output is not a terminal")
    }

    func testHelpListsTheCommands() throws {
        let project = try projects.make([:])
        let run = try project.run(["--help"])
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.contains("build"), run.stdout)
        let build = try project.run(["build", "--help"])
        XCTAssertTrue(build.stdout.contains("--content"), build.stdout)
    }
}

/// `lossbook check`: the build's validation without writing anything.
final class CheckCommandTests: XCTestCase {
    func testCheckFindsEachKindOfProblemAndWritesNothing() throws {
        var files = BuildCommandTests.goodCourse
        files["content/1-basics/second.md"] = """
        ---
        title: Second
        ---
        ## Later

        Broken math $\\frac{1}{$, a [missing page](gone.md), an [anchor](first.md#nope),
        ![missing image](figure.png), an unknown @eq-none.

        ```plot
        title: P
        curves: []
        ```
        """
        let project = try TestProject(files: files)
        defer { project.remove() }
        let run = try project.run(["check"])
        XCTAssertEqual(run.status, 1)
        for expected in ["error: link to 'gone.md'", "that page has no heading or label 'nope'", "image 'figure.png' does not exist",
                         "unknown label '@eq-none'", "needs its x range"] {
            XCTAssertTrue(run.stderr.contains(expected), "missing '\(expected)' in:\n\(run.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site").path))
    }

    func testCheckPassesOnAGoodCourseAndMathErrorsAreFound() throws {
        let project = try TestProject(files: BuildCommandTests.goodCourse)
        defer { project.remove() }
        let good = try project.run(["check"])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertEqual(good.stdout, "No errors.\n")
        try project.write("content/1-basics/second.md", "---\ntitle: Second\n---\n## Later\n\n$$\n\\frac{1}{\n$$\n")
        let bad = try project.run(["check"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("content/1-basics/second.md:8:1: error: KaTeX cannot render this formula"), bad.stderr)
    }
}
