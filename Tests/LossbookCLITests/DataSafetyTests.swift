import Foundation
import LossbookTestSupport
import XCTest

/// Nothing of the author's is ever lost, and no failure is published as success: `--output`
/// that would replace the project, the swap of the site, and errors of pages made from reused parts.
final class DataSafetyTests: XCTestCase {
    private let projects = TestProjects()

    override func tearDown() {
        projects.removeAll()
    }

    private func project(_ files: [String: String] = DataSafetyTests.course) throws -> TestProject {
        try projects.make(files)
    }

    static let course: [String: String] = [
        "content/index.md": "---\ntitle: A course\n---\nWelcome to $x^2$.\n",
        "content/first.md": "---\ntitle: First\norder: 1\n---\n## Start\n\nSome text.\n",
        "notes.txt": "the author's own notes\n",
    ]

    // MARK: - 1. What --output may replace

    /// Every path a build must refuse, with the words its error must contain; the refused path
    /// and everything in the project are untouched and nothing is written.
    func testOutputThatWouldReplaceTheAuthorsWorkIsRefusedBeforeAnyWork() throws {
        let project = try project()
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try project.write(".git/HEAD", "ref: refs/heads/main\n")
        try project.write("other/keep.txt", "keep me\n")
        try project.write("withgit/.git/HEAD", "ref\n")
        try project.write("withgit/index.html", "mine\n")
        let cases: [(output: String, words: String)] = [
            ("content", "it is the content folder"),
            ("content/", "it is the content folder"),
            ("./content/../content", "it is the content folder"),
            ("templates", "it is the templates folder"),
            (".lossbook-cache", "it is the cache folder"),
            (".", "it is the project folder"),
            (project.root.path, "it is the project folder"),
            ("..", "it contains the"),
            ("notes.txt", "it is a file, not a folder"),
            ("other", "not empty and was not written by lossbook"),
            ("withgit", "holds a .git folder"),
            ("content/site", "inside the content folder"),
            ("templates/out", "inside the templates folder"),
            (".lossbook-cache/site", "inside the cache folder"),
            ("/", "root of the file system"),
        ]
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent(".lossbook-cache"), withIntermediateDirectories: true)
        let before = DirectorySnapshot.take(project.root)
        for (output, words) in cases {
            let run = try project.run(["build", "--output", output])
            XCTAssertEqual(run.status, 1, "--output \(output) must fail")
            XCTAssertTrue(run.stderr.contains("error: refusing to write the site to '"), "--output \(output): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(words), "--output \(output): expected '\(words)' in \(run.stderr)")
            XCTAssertEqual(DirectorySnapshot.differences(before, DirectorySnapshot.take(project.root)), [], "--output \(output) changed the project")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site").path))
    }

    func testSymbolicLinkOutputIsRefused() throws {
        let project = try project()
        try project.write("elsewhere/mine.txt", "mine\n")
        try FileManager.default.createSymbolicLink(atPath: project.root.appendingPathComponent("site").path, withDestinationPath: "elsewhere")
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("is a symbolic link"), run.stderr)
        XCTAssertEqual(project.read("elsewhere/mine.txt"), "mine\n")
    }

    /// A new folder, an empty one and one lossbook wrote (stamped) are replaced; the stamp is in the site.
    func testNewEmptyAndStampedOutputsAreReplaced() throws {
        let project = try project()
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        for output in ["fresh/site", "empty"] {
            let run = try project.run(["build", "--output", output])
            XCTAssertEqual(run.status, 0, "\(output): \(run.stderr)")
            XCTAssertNotNil(project.read("\(output)/index.html"))
            XCTAssertNotNil(project.read("\(output)/.lossbook-site"), "the stamp is written")
        }
        // A stamped site, even with a file added by hand, is ours to replace.
        try project.write("empty/stray.html", "old\n")
        let again = try project.run(["build", "--output", "empty"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertNil(project.read("empty/stray.html"))
        // A forged or edited stamp is not enough.
        try project.write("forged/.lossbook-site", "anything\n")
        try project.write("forged/data.csv", "1,2\n")
        let forged = try project.run(["build", "--output", "forged"])
        XCTAssertEqual(forged.status, 1)
        XCTAssertEqual(project.read("forged/data.csv"), "1,2\n")
    }

    /// A site from before the stamp (lossbook's own 404 page, search index and contents script) is
    /// replaced once, and carries the stamp from then on.
    func testUnstampedSiteOfAnEarlierLossbookIsReplaced() throws {
        let project = try project()
        XCTAssertEqual(try project.run(["build"]).status, 0)
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("site/.lossbook-site"))
        try project.write("site/old-page.html", "old\n")
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertNil(project.read("site/old-page.html"))
        XCTAssertNotNil(project.read("site/.lossbook-site"))
    }

    /// `serve` shares the rule, and refuses before it listens.
    func testServeRefusesTheContentFolder() throws {
        let project = try project()
        let before = DirectorySnapshot.take(project.root)
        let run = try project.run(["serve", "--output", "content", "--port", "0"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("refusing to write the site to '") && run.stderr.contains("it is the content folder"), run.stderr)
        XCTAssertEqual(DirectorySnapshot.differences(before, DirectorySnapshot.take(project.root)), [])
    }

    // MARK: - 12. Leftovers of killed builds

    /// Staging and retired folders of a dead process are removed on the next build; those of a
    /// live process, or that are not lossbook's, are left alone.
    func testLeftoversOfKilledBuildsAreSwept() throws {
        let project = try project()
        XCTAssertEqual(try project.run(["build"]).status, 0)
        let dead: Int32 = 2_147_483_000
        let stamp = try XCTUnwrap(project.read("site/.lossbook-site"))
        try project.write(".site.staging-\(dead)/.lossbook-site", stamp)
        try project.write(".site.staging-\(dead)/index.html", "half\n")
        try project.write(".site.previous-\(dead + 1)/.lossbook-site", stamp)
        try project.write(".site.staging-\(dead + 2)/mine.txt", "not lossbook's\n")
        let live = ProcessInfo.processInfo.processIdentifier
        try project.write(".site.staging-\(live)/.lossbook-site", stamp)
        try project.write("content/first.md", "---\ntitle: First\norder: 1\n---\n## Start\n\nChanged.\n")
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: project.root.path)
        XCTAssertFalse(names.contains(".site.staging-\(dead)"))
        XCTAssertFalse(names.contains(".site.previous-\(dead + 1)"))
        XCTAssertEqual(project.read(".site.staging-\(dead + 2)/mine.txt"), "not lossbook's\n")
        XCTAssertTrue(names.contains(".site.staging-\(live)"), "a live process's folder is left")
    }

    /// A build killed between the two renames of a file system without an exchange left no site
    /// and the old one under its retired name: the next build puts it back before it starts, so a
    /// failing build still leaves the last good site in place.
    func testRetiredSiteIsPutBackWhenTheOutputIsMissing() throws {
        let project = try project()
        XCTAssertEqual(try project.run(["build"]).status, 0)
        let dead: Int32 = 2_147_483_000
        try FileManager.default.moveItem(at: project.root.appendingPathComponent("site"),
                                         to: project.root.appendingPathComponent(".site.previous-\(dead)"))
        try project.write("content/first.md", "---\ntitle: First\norder: 1\n---\n$$\nnever closed\n")
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 1)
        XCTAssertNotNil(project.read("site/first.html"), "the last good site is back")
        XCTAssertNil(project.read(".site.previous-\(dead)/first.html"))
    }

    // MARK: - 5. Errors of pages made again from reused parts

    /// The runnable Swift tests' cache, so LossEngine is compiled once for both classes.
    private static let swiftCache = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-test-swift-run-cache")

    /// A template edit remakes the page of a note whose summary is reused: the note is expanded
    /// again "late", and with swiftc gone since the last build its runnable block cannot run. That
    /// error must fail the build as it does a build from nothing, not vanish with the block's output.
    func testPageRemadeFromAReusedSummaryReportsItsBlocksErrors() throws {
        let project = try project(["content/index.md": "---\ntitle: Runs\n---\n```swift run\nprint(\"made late\")\n```\n"])
        let cache = ["--cache", Self.swiftCache.path]
        let first = try project.run(["build"] + cache)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(try XCTUnwrap(project.read("site/index.html")).contains("made late"))
        let head = try XCTUnwrap(project.read("templates/head.mustache"))
        try project.write("templates/head.mustache", head + "\n")
        let withoutSwift = try project.run(["build"] + cache, environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(withoutSwift.status, 1, withoutSwift.stdout)
        XCTAssertTrue(withoutSwift.stderr.contains("content/index.md:4:1: error: cannot run Swift blocks: swiftc is not on PATH"), withoutSwift.stderr)
        XCTAssertTrue(try XCTUnwrap(project.read("site/index.html")).contains("made late"), "the last good site stays")
        // With swiftc back, the same build succeeds, and the error is not replayed from the summary.
        let again = try project.run(["build"] + cache)
        XCTAssertEqual(again.status, 0, again.stderr)
    }

    /// A cached engine library cut short (a killed copy, a full disk) is compiled again, and the
    /// block that needs it runs, instead of failing at link time.
    func testTruncatedCachedEngineLibraryIsCompiledAgain() throws {
        let project = try project(["content/index.md": "---\ntitle: Runs\n---\n```swift run\nprint(\"first\")\n```\n"])
        let cache = ["--cache", Self.swiftCache.path]
        // A copy of lossbook in a folder of its own inside the checkout's .build, with its
        // resources but no prebuilt engine beside it, compiles the engine from its sources into
        // the cache: that cached library is the one this test cuts short.
        let products = TestProject.binary.deletingLastPathComponent()
        let bare = products.appendingPathComponent("bare-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: bare) }
        try FileManager.default.createDirectory(at: bare, withIntermediateDirectories: true)
        let lossbook = bare.appendingPathComponent("lossbook")
        try FileManager.default.copyItem(at: TestProject.binary, to: lossbook)
        let resources = "lossbook_LossbookSite.resources"
        try FileManager.default.copyItem(at: products.appendingPathComponent(resources), to: bare.appendingPathComponent(resources))
        func build() throws -> TestProject.Run { try TestProject.run(lossbook, ["build"] + cache, in: project.root) }
        let first = try build()
        XCTAssertEqual(first.status, 0, first.stderr)
        let runs = Self.swiftCache.appendingPathComponent("swift-run")
        let engines = try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasPrefix("engine-") && !$0.contains(".") }
        guard engines.count == 1 else { return XCTFail("expected one engine compiled from sources in the cache: \(engines)") }
        let library = runs.appendingPathComponent(engines[0]).appendingPathComponent("libLossEngine.so")
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: library.path)[.size] as? Int)
        let handle = try FileHandle(forWritingTo: library)
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        // A block never run before (the build's own id in it), so it must be compiled and linked.
        let unique = UUID().uuidString
        try project.write("content/index.md", "---\ntitle: Runs\n---\n```swift run\nprint(\"\(unique)\")\n```\n")
        let run = try build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(try XCTUnwrap(project.read("site/index.html")).contains(unique))
        XCTAssertGreaterThan(try XCTUnwrap(FileManager.default.attributesOfItem(atPath: library.path)[.size] as? Int), size / 2, "compiled again")
    }

    // MARK: - 10. Line endings

    /// A note saved with Windows (CRLF) or old Mac (CR) line endings reads as the same note with
    /// LF: it builds to the same page, and a broken one gets the same errors at the same columns.
    func testCRLFAndCRNotesReadAsLF() throws {
        let good = "---\ntitle: Lines\norder: 1\n---\nText with $x$.\n\n$$\na = b\n$$ {#eq-KEY}\n\nSee @eq-KEY.\n\n"
            + "```check\nclaim: nine\nequal: [9, {expr: \"3*3\"}]\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
        let bad = "---\ntitle: Broken\norder: 2\n---\nSee @eq-missing and [gone](nowhere.md).\n\n"
            + "```check\nclaim: c\nequal: [1]\n```\n\n  $$\n  never closed\n"
        var files = ["content/index.md": "---\ntitle: Home\n---\nHome.\n"]
        for (name, ending) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
            files["content/\(name)/good.md"] = good.replacingOccurrences(of: "KEY", with: name).replacingOccurrences(of: "\n", with: ending)
            files["content/\(name)/bad.md"] = bad.replacingOccurrences(of: "\n", with: ending)
        }
        let project = try project(files)
        let checked = try project.run(["check"])
        XCTAssertEqual(checked.status, 1)
        func errors(of name: String) -> [String] {
            checked.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("content/\(name)/") }
                .map { $0.replacingOccurrences(of: "content/\(name)/", with: "content/X/") }
        }
        XCTAssertEqual(errors(of: "lf").count, 4, checked.stderr)
        XCTAssertTrue(errors(of: "lf").allSatisfy { $0.hasPrefix("content/X/bad.md:") }, checked.stderr)
        XCTAssertEqual(errors(of: "crlf"), errors(of: "lf"))
        XCTAssertEqual(errors(of: "cr"), errors(of: "lf"))
        // Without the broken notes the course builds, and the three pages are the same.
        for name in ["lf", "crlf", "cr"] { try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/\(name)/bad.md")) }
        let built = try project.run(["build"])
        XCTAssertEqual(built.status, 0, built.stderr)
        let page = try XCTUnwrap(project.read("site/lf/good.html"))
        XCTAssertTrue(page.contains("href=\"#eq-lf\""), "the reference is resolved")
        for name in ["crlf", "cr"] {
            let other = try XCTUnwrap(project.read("site/\(name)/good.html"))
            XCTAssertTrue(other.contains("href=\"#eq-\(name)\""), "\(name): the reference is resolved")
            XCTAssertTrue(other.contains("<table"), "\(name): the table is read")
            XCTAssertTrue(other.contains("nine (9)."), "\(name): the check ran")
        }
    }

    // MARK: - 13. Messages that name the cause and the path

    func testCacheThatIsAFileIsNamedAsTheCause() throws {
        let project = try project()
        try project.write(".lossbook-cache", "not a folder\n")
        for command in ["build", "check"] {
            let run = try project.run([command])
            XCTAssertEqual(run.status, 1)
            XCTAssertTrue(run.stderr.hasPrefix("lossbook: error: the cache folder '\(project.root.path)/.lossbook-cache' is a file, not a folder"), run.stderr)
            XCTAssertFalse(run.stderr.contains("NSCocoaErrorDomain"), run.stderr)
        }
        let below = try project.run(["build", "--cache", ".lossbook-cache/inner"])
        XCTAssertTrue(below.stderr.contains("'\(project.root.path)/.lossbook-cache' is a file, not a folder"), below.stderr)
        XCTAssertEqual(project.read(".lossbook-cache"), "not a folder\n")
    }

    /// /sys refuses new folders even to root, so this holds whoever runs the tests.
    func testUnwritableOutputNamesThePath() throws {
        let project = try project()
        let run = try project.run(["build", "--output", "/sys/lossbook-test-site"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("cannot write the site next to '/sys/lossbook-test-site'"), run.stderr)
        XCTAssertTrue(run.stderr.contains("('/sys/.lossbook-test-site.staging-"), "the path the system refused: \(run.stderr)")
    }

    /// An infinite plot range is named as such, once, without a knock-on complaint about 'curves'.
    func testInfinitePlotRangeIsOneClearError() throws {
        for (range, words) in [("{min: -.inf, max: 3}", ["6:4: error: the x axis's min must be a finite number, found -inf"]),
                               ("{min: -.inf, max: .inf}", ["6:4: error: the x axis's max must be a finite number, found inf",
                                                            "6:4: error: the x axis's min must be a finite number, found -inf"]),
                               ("{min: -1, max: 1e400}", ["6:4: error: the x axis's max must be a finite number, found inf"]),
                               ("{min: .nan, max: 1}", ["6:10: error: field 'min' of the x axis must be a number, found '.nan'"])] {
            let project = try project(["content/index.md": "---\ntitle: P\n---\n```plot\ntitle: T\nx: \(range)\ncurves:\n  - {loss: mse, target: 0}\n```\n"])
            let run = try project.run(["check"])
            XCTAssertEqual(run.status, 1)
            let errors = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
            XCTAssertEqual(errors, words.map { "content/index.md:\($0)"[...] }, run.stderr)
        }
    }

    // MARK: - 11. File names that mean something in a URL

    /// Notes named with a space, `?`, `%`, `#` and `\\` get links that a browser follows to them:
    /// every generated href is percent-encoded, and the link checker reads a link as a browser
    /// does (the path ends at `?` or `#`, then is decoded).
    func testOddFileNamesGetLinksThatResolve() throws {
        let names = ["a b", "what?", "100%", "c#", "back\\slash", "naïve"]
        let encoded = ["a%20b", "what%3F", "100%25", "c%23", "back%5Cslash", "na%C3%AFve"]
        var files = ["content/index.md": "---\ntitle: Home\n---\n"
            + "[1](a%20b.md) [2](what%3F.md) [3](100%25.md) [4](c%23.md) [5](back%5Cslash.md) [6](<a b.md>) [7](na%C3%AFve.md#top) [8](back\\slash.md)\n"]
        for (number, name) in names.enumerated() {
            files["content/part/\(name).md"] = "---\ntitle: Page \(number)\norder: \(number + 1)\n---\n## Top\n\n[home](../index.md) [self](\(encoded[number]).md)\n"
            files["content/\(name).md"] = "---\ntitle: Top \(number)\n---\n## Top\n\nText.\n"
        }
        let project = try project(files)
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let site = project.root.appendingPathComponent("site")
        var checked = 0
        for page in ["index.html"] + names.map({ "part/\($0).html" }) {
            let html = try XCTUnwrap(project.read("site/\(page)"), page)
            let folder = (page as NSString).deletingLastPathComponent
            for match in html.matches(of: /href="([^"]*)"/) {
                let href = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
                guard !href.hasPrefix("#"), !href.contains(":") else { continue }
                let (path, _, _) = (String(href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]), 0, 0)
                XCTAssertFalse(path.contains("?") || path.contains(" ") || path.contains("\\"), "\(page): unencoded href '\(href)'")
                let decoded = try XCTUnwrap(path.removingPercentEncoding, href)
                let target = URL(fileURLWithPath: folder.isEmpty ? decoded : "\(folder)/\(decoded)", relativeTo: site).standardizedFileURL
                XCTAssertTrue(FileManager.default.fileExists(atPath: target.path), "\(page): '\(href)' leads nowhere (\(target.path))")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 40)
        let home = try XCTUnwrap(project.read("site/index.html"))
        for href in ["a%20b.html", "what%3F.html", "100%25.html", "c%23.html", "back%5Cslash.html", "na%C3%AFve.html#top"] {
            XCTAssertTrue(home.contains("href=\"\(href)\""), "\(href) in \(home)")
        }
        // Written as a browser reads it, `what?.md` asks for `what`: refused, not a 404.
        try project.write("content/index.md", "---\ntitle: Home\n---\n[q](what?.md) [h](c#.md)\n")
        let refused = try project.run(["check"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("content/index.md:4:1: error: link to 'what', which does not exist in the content folder"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("content/index.md:4:15: error: link to 'c', which does not exist in the content folder"), refused.stderr)
    }

    // MARK: - 14. Math delimiters

    /// By default `\\(` and `\\[` are escapes (the note builds, no formula); a course that opts in
    /// gets math; a misspelt setting is refused.
    func testBracketMathIsAnOption() throws {
        let project = try project(["content/index.md": "---\ntitle: Home\n---\n\\[not a link](/foo) and \\(x^2\\).\n\n    \\[\\]\n"])
        let plain = try project.run(["build"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let page = try XCTUnwrap(project.read("site/index.html"))
        XCTAssertTrue(page.contains("[not a link](/foo) and (x^2)."), page)
        XCTAssertFalse(page.contains("<math"))
        try project.write("content/index.md", "---\ntitle: Home\n---\nInline \\(x^2\\).\n")
        let opted = try project.run(["build", "--math-delimiters", "dollars-and-brackets"])
        XCTAssertEqual(opted.status, 0, opted.stderr)
        XCTAssertTrue(try XCTUnwrap(project.read("site/index.html")).contains("<math"))
        let wrong = try project.run(["build", "--math-delimiters", "latex"])
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.stderr.contains("--math-delimiters must be 'dollars' or 'dollars-and-brackets'"), wrong.stderr)
    }

    // MARK: - Further cases: files as they come

    /// An empty note, a BOM with CRLF, a name with a newline, a one-line note of 2 MB, and an
    /// empty --output: each builds or is refused with a located, one-line error.
    func testHostileFilesAndNames() throws {
        let project = try project(["content/index.md": "---\ntitle: Home\n---\nHome.\n"])
        try project.write("content/bom.md", Data([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: Bom\r\n---\r\nText $x$.\r\n".utf8)))
        try project.write("content/long.md", "---\ntitle: Long\n---\n" + String(repeating: "word ", count: 400_000) + "\n")
        try project.write("content/empty.md", "")
        try project.write("content/new\nline.md", "---\ntitle: NL\n---\nx\n")
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        XCTAssertEqual(errors, [
            "content/empty.md:1:1: error: the file is empty; a note must start with front matter: a line '---', then 'title: …', then a line '---'",
            "content/new\\u{a}line.md:1:1: error: the file name contains a control character (shown as \\u{…}); rename the file",
        ], run.stderr)
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/empty.md"))
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/new\nline.md"))
        let built = try project.run(["build"])
        XCTAssertEqual(built.status, 0, built.stderr)
        XCTAssertTrue(try XCTUnwrap(project.read("site/bom.html")).contains("<math"))
        let empty = try project.run(["build", "--output", ""])
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.stderr.contains("it is the project folder"), empty.stderr)
    }
}
