import Foundation
import LossbookTestSupport
import XCTest

/// What an edit's build keeps from the last one (the manifest, the notes' front matter by their
/// files' signatures) never changes what it makes: after an edit, a same-size edit within the
/// clock's tick, or with the caches cut short, the site is the one a fresh build makes, and the
/// warnings of unchanged notes are reported again.
final class EditCacheTests: XCTestCase {
    private let projects = TestProjects()

    override func tearDown() {
        projects.removeAll()
    }

    private static func course(edit: String = "two") -> [String: String] {
        ["content/index.md": "---\ntitle: A course\n---\nWelcome to $x^2$, see [one](1-a/one.md#start).\n",
         "content/1-a/index.md": "---\ntitle: Part A\norder: 1\n---\nThe first part.\n",
         "content/1-a/one.md": "---\ntitle: One\norder: 1\nsubtitle: not a field\n---\n## Start\n\n$$\nx = 1\n$$ {#eq-one}\n\nSee @eq-two.\n",
         "content/1-a/two.md": "---\ntitle: Two\norder: 2\n---\n## Two\n\n$$\ny = 2\n$$ {#eq-two}\n\nThe \(edit) page, after @eq-one.\n"]
    }

    private func build(_ project: TestProject) throws -> TestProject.Run {
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return run
    }

    private func freshSite(_ files: [String: String]) throws -> [String: Data] {
        let fresh = try projects.make(files)
        _ = try build(fresh)
        return DirectorySnapshot.take(fresh.root.appendingPathComponent("site"))
    }

    private func site(_ project: TestProject) -> [String: Data] {
        DirectorySnapshot.take(project.root.appendingPathComponent("site"))
    }

    func testAnEditAfterNotesAreTrustedGivesTheFreshSiteAndTheWarningsAgain() throws {
        let project = try projects.make(Self.course())
        // Older than a build's start by more than the granularity: the first build's reads vouch for them.
        Thread.sleep(forTimeInterval: Double(3_200_000_000) / 1e9)
        let first = try build(project)
        XCTAssertTrue(first.stderr.contains("content/1-a/one.md:4:1: warning:"), first.stderr)
        for name in ["note-reads.bin", "output-manifest.bin"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: project.root.appendingPathComponent(".lossbook-cache/\(name)").path))
        }

        let edited = Self.course(edit: "second")
        try project.write("content/1-a/two.md", edited["content/1-a/two.md"]!)
        let second = try build(project)
        XCTAssertTrue(second.stdout.hasPrefix("Built 4 pages (3 unchanged)"), second.stdout)
        XCTAssertEqual(second.stderr, first.stderr, "the unchanged note's warning, from its kept read")
        XCTAssertEqual(DirectorySnapshot.differences(site(project), try freshSite(edited)), [])
    }

    /// print.html: an edit takes the kept pages' parts from the last print page, where the cache
    /// says they lie, only while that file is as the last build wrote it (its signature in the
    /// manifest); a build that changes nothing the print page reads keeps it whole.
    func testThePrintPageTakesKeptPartsFromTheLastOneOnlyAsItWasWritten() throws {
        let project = try projects.make(Self.course())
        _ = try build(project)
        let path = project.root.appendingPathComponent("site/print.html").path
        /// Replaces `old` by `new` (as long) inside the file, in place: same inode and size;
        /// with `keepTimes`, its modification time is put back too.
        func tamper(_ old: String, _ new: String, keepTimes: Bool) throws {
            var before = stat()
            XCTAssertEqual(lstat(path, &before), 0)
            let text = try XCTUnwrap(project.read("site/print.html"))
            let at = try XCTUnwrap(text.utf8.firstRange(of: Array(old.utf8)), "\(old) in print.html")
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try handle.seek(toOffset: UInt64(text.utf8.distance(from: text.utf8.startIndex, to: at.lowerBound)))
            try handle.write(contentsOf: Data(new.utf8))
            try handle.close()
            if keepTimes {
                var times = [before.st_atim, before.st_mtim]
                XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
            }
        }
        // one.md's part, changed behind the build's back but with the signature as written: the
        // edit of two.md takes one.md's part from the file, changed bytes and all.
        try tamper("Start</a>", "Stxrt</a>", keepTimes: true)
        try project.write("content/1-a/two.md", Self.course(edit: "second")["content/1-a/two.md"]!)
        _ = try build(project)
        XCTAssertTrue(project.read("site/print.html")?.contains("Stxrt</a>") ?? false, "one.md's part was read from the last print page")

        // Changed with its time: not believed, and the print page is the fresh build's.
        try tamper("Stxrt</a>", "Styrt</a>", keepTimes: false)
        let third = Self.course(edit: "third")
        try project.write("content/1-a/two.md", third["content/1-a/two.md"]!)
        _ = try build(project)
        XCTAssertEqual(DirectorySnapshot.differences(site(project), try freshSite(third)), [])

        // A build with nothing the print page reads changed (a note touched, not edited) keeps it.
        var before = stat(), after = stat()
        XCTAssertEqual(lstat(path, &before), 0)
        Thread.sleep(forTimeInterval: 0.02)
        try project.write("content/1-a/two.md", third["content/1-a/two.md"]!)
        let touched = try build(project)
        XCTAssertEqual(lstat(path, &after), 0)
        XCTAssertEqual(after.st_ino, before.st_ino, "print.html kept: \(touched.stdout)")
        XCTAssertEqual(DirectorySnapshot.differences(site(project), try freshSite(third)), [])
    }

    /// The 404 page and the contents script read only what every page reads: an edit to a
    /// page's text keeps them (the same files), a new title makes both again.
    func testTheNotFoundPageAndContentsScriptAreKeptUntilTheOutlineChanges() throws {
        let project = try projects.make(Self.course())
        _ = try build(project)
        let files = ["site/404.html", "site/assets/contents.js"]
        func inodes() -> [ino_t] {
            files.map { path in
                var info = stat()
                XCTAssertEqual(lstat(project.root.appendingPathComponent(path).path, &info), 0, path)
                return info.st_ino
            }
        }
        let before = inodes()
        var edited = Self.course(edit: "second")
        try project.write("content/1-a/two.md", edited["content/1-a/two.md"]!)
        let second = try build(project)
        XCTAssertTrue(second.stdout.hasPrefix("Built 4 pages (3 unchanged)"), second.stdout)
        XCTAssertEqual(inodes(), before, "kept from the last site, not written again")

        edited["content/1-a/two.md"] = edited["content/1-a/two.md"]!.replacingOccurrences(of: "title: Two", with: "title: Renamed")
        try project.write("content/1-a/two.md", edited["content/1-a/two.md"]!)
        _ = try build(project)
        for path in files { XCTAssertTrue(project.read(path)?.contains("Renamed") ?? false, path) }
        XCTAssertEqual(DirectorySnapshot.differences(site(project), try freshSite(edited)), [])
    }

    func testASameSizeEditThatKeepsTheModificationTimeIsSeen() throws {
        let project = try projects.make(Self.course(edit: "aaaa"))
        let two = project.root.appendingPathComponent("content/1-a/two.md")
        Thread.sleep(forTimeInterval: Double(3_200_000_000) / 1e9)
        var before = stat()
        XCTAssertEqual(lstat(two.path, &before), 0)
        _ = try build(project)
        // Same size; the modification time set back to what it was (as `touch -d` or a tool that
        // keeps times would): the change time, which nothing sets back, still tells.
        let edited = Self.course(edit: "bbbb")
        try project.write("content/1-a/two.md", edited["content/1-a/two.md"]!)
        var times = [before.st_atim, before.st_mtim]
        XCTAssertEqual(utimensat(AT_FDCWD, two.path, &times, 0), 0)
        _ = try build(project)
        XCTAssertTrue(project.read("site/1-a/two.html")?.contains("The bbbb page") ?? false)
        XCTAssertEqual(DirectorySnapshot.differences(site(project), try freshSite(edited)), [])
    }

    func testCachesCutShortOrForeignMakeTheSiteAfresh() throws {
        let project = try projects.make(Self.course())
        _ = try build(project)
        let cache = project.root.appendingPathComponent(".lossbook-cache")
        for name in ["output-manifest.bin", "note-reads.bin"] {
            let url = cache.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            try data.prefix(data.count / 2).write(to: url)
        }
        let edited = Self.course(edit: "third")
        try project.write("content/1-a/two.md", edited["content/1-a/two.md"]!)
        let run = try build(project)
        XCTAssertTrue(run.stdout.hasPrefix("Built 4 pages (0 unchanged)"), run.stdout)
        XCTAssertEqual(DirectorySnapshot.differences(site(project), try freshSite(edited)), [])

        // Another program's (here: another framing's) manifest is not read either.
        let url = cache.appendingPathComponent("output-manifest.bin")
        var data = try Data(contentsOf: url)
        data.replaceSubrange(0..<8, with: Data("notours!".utf8))
        try data.write(to: url)
        try project.write("content/1-a/two.md", Self.course(edit: "fifth")["content/1-a/two.md"]!)
        let again = try build(project)
        XCTAssertTrue(again.stdout.hasPrefix("Built 4 pages (0 unchanged)"), again.stdout)
    }

    /// The references page lists the pages citing each key, the unchanged ones' from the keys
    /// their last read kept (their text is not read); the edited note's new citation and warning
    /// and the unchanged note's warning are those of a fresh build.
    func testCitationsKeptForUnchangedNotesAndWarningsAreThoseOfAFreshBuild() throws {
        var files = Self.course()
        files["content/references.bib"] = """
        @article{huber1964, author = {Huber, Peter J.}, title = {Robust Estimation}, journal = {AMS}, year = 1964}
        @inproceedings{zhang2018, author = {Zhang, Zhilu}, title = {Generalized Cross Entropy}, year = 2018}
        """
        files["content/1-a/one.md"]! += "\nAs @huber1964 shows.\n"
        files["content/refs.md"] = "---\ntitle: References\norder: 9\n---\n```bibliography\n```\n"
        let project = try projects.make(files)
        Thread.sleep(forTimeInterval: Double(3_200_000_000) / 1e9)
        _ = try build(project)
        files["content/1-a/two.md"] = "---\ntitle: Two\norder: 2\nsubtitle: new\n---\n## Two\n\n$$\ny = 3\n$$ {#eq-two}\n\nAfter @zhang2018 and @huber1964.\n"
        try project.write("content/1-a/two.md", files["content/1-a/two.md"]!)
        let edit = try build(project)
        XCTAssertTrue(edit.stdout.hasPrefix("Built 5 pages"), edit.stdout)
        let fresh = try projects.make(files)
        let freshRun = try build(fresh)
        XCTAssertEqual(edit.stderr, freshRun.stderr)
        XCTAssertTrue(edit.stderr.contains("content/1-a/one.md:4:1: warning:") && edit.stderr.contains("content/1-a/two.md:4:1: warning:"), edit.stderr)
        XCTAssertEqual(DirectorySnapshot.differences(site(project), DirectorySnapshot.take(fresh.root.appendingPathComponent("site"))), [])
        let references = project.read("site/refs.html") ?? ""
        XCTAssertTrue(references.contains("1-a/two.html#ref-zhang2018") && references.contains("1-a/one.html#ref-huber1964"), references)
    }

    /// A note that did not change but whose page must be made again (a label it references was
    /// renumbered by another note's edit) has its body read late, and its page is the fresh
    /// build's; an edit without a new formula renders none (node is not started).
    func testAnUnchangedNoteRemadeForAnotherNotesEditGivesTheFreshPageAndAProseEditRendersNoFormula() throws {
        var files = Self.course()
        let project = try projects.make(files)
        Thread.sleep(forTimeInterval: Double(3_200_000_000) / 1e9)
        _ = try build(project)
        // A new equation before eq-two: eq-two's number changes, and one.md, which refers to it,
        // must be made again although its file did not change.
        files["content/1-a/two.md"] = "---\ntitle: Two\norder: 2\n---\n## Two\n\n$$\nz = 0\n$$ {#eq-zero}\n\n$$\ny = 2\n$$ {#eq-two}\n\nThe two page, after @eq-one and @eq-zero.\n"
        try project.write("content/1-a/two.md", files["content/1-a/two.md"]!)
        let renumbered = try build(project)
        XCTAssertFalse(renumbered.stdout.contains("(3 unchanged)"), "one.md is made again: \(renumbered.stdout)")
        XCTAssertEqual(DirectorySnapshot.differences(site(project), try freshSite(files)), [])

        files["content/1-a/two.md"]! += "More prose, no formula.\n"
        try project.write("content/1-a/two.md", files["content/1-a/two.md"]!)
        let prose = try build(project)
        XCTAssertTrue(prose.stdout.contains("(0 rendered)"), prose.stdout)
        XCTAssertEqual(DirectorySnapshot.differences(site(project), try freshSite(files)), [])
    }
}
