import Foundation
import LossbookTestSupport
import XCTest

/// An edit's build updates the site in place (the changed files renamed into it, what the site
/// no longer has removed) rather than swapping a whole new folder in; a write killed halfway is
/// repaired by the next build, and a build with a content error changes nothing.
final class InPlaceWriteTests: XCTestCase {
    private let projects = TestProjects()

    override func tearDown() {
        projects.removeAll()
    }

    private static func chapter(_ title: String, _ order: Int, _ text: String) -> String {
        "---\ntitle: \(title)\norder: \(order)\n---\n## \(title)\n\n\(text)\n\n$$\n\\ell_{\(order)} = x^{\(order)}\n$$\n"
    }

    /// Two parts of three chapters: an edit of one chapter's text keeps most of the site.
    private static func course(edit: String = "") -> [String: String] {
        var files = ["content/index.md": "---\ntitle: A course\n---\nWelcome to $x^2$.\n",
                     "content/1-a/index.md": "---\ntitle: Part A\norder: 1\n---\nThe first part.\n",
                     "content/2-b/index.md": "---\ntitle: Part B\norder: 2\n---\nThe second part.\n"]
        for (part, folder) in ["1-a", "2-b"].enumerated() {
            for number in 1...3 {
                let text = part == 0 && number == 2 ? "The second chapter. \(edit)" : "Chapter \(number) of part \(part + 1)."
                files["content/\(folder)/c\(number).md"] = chapter("Chapter \(folder) \(number)", number, text)
            }
        }
        return files
    }

    private func inode(_ url: URL) -> UInt64? {
        var info = stat()
        return lstat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    private func freshSite(of files: [String: String]) throws -> [String: Data] {
        let fresh = try projects.make(files)
        let run = try fresh.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return DirectorySnapshot.take(fresh.root.appendingPathComponent("site"))
    }

    func testAnEditUpdatesTheSiteInPlaceAndANewTemplateSwapsAWholeSiteIn() throws {
        let project = try projects.make(Self.course())
        let site = project.root.appendingPathComponent("site")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        let folder = inode(site), kept = inode(site.appendingPathComponent("2-b/c1.html"))
        let edited = inode(site.appendingPathComponent("1-a/c2.html"))
        // A stray file and folder put into the site by hand go, as they went with the swap.
        try project.write("site/.stray", "not ours")
        try project.write("site/extra/deep/page.html", "not ours")

        for (path, text) in Self.course(edit: "Now edited.") { try project.write(path, text) }
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("Built 9 pages (8 unchanged)"), run.stdout)
        XCTAssertEqual(inode(site), folder, "the site folder itself stays: updated in place")
        XCTAssertEqual(inode(site.appendingPathComponent("2-b/c1.html")), kept, "an unchanged page is not touched")
        XCTAssertNotEqual(inode(site.appendingPathComponent("1-a/c2.html")), edited, "the edited page is a new file, renamed in")
        XCTAssertNil(project.read("site/.stray"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("extra").path))
        XCTAssertNil(project.read(".lossbook-cache/write-journal.json"), "the journal goes once the manifest is saved")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix(".site") }
        XCTAssertEqual(leftovers, [])
        XCTAssertEqual(DirectorySnapshot.differences(DirectorySnapshot.take(site), try freshSite(of: Self.course(edit: "Now edited."))), [])

        // Every page made again: a new folder is swapped in whole.
        let template = try XCTUnwrap(project.read("templates/page.mustache"))
        try project.write("templates/page.mustache", template + "\n<!-- changed -->\n")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        XCTAssertNotEqual(inode(site), folder, "a site made again is swapped in")
    }

    func testAContentErrorLeavesTheSiteByteIdenticalAfterAnInPlaceUpdate() throws {
        let project = try projects.make(Self.course())
        let site = project.root.appendingPathComponent("site")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        for (path, text) in Self.course(edit: "Edited once.") { try project.write(path, text) }
        XCTAssertEqual(try project.run(["build"]).status, 0)
        let before = DirectorySnapshot.take(site)
        let inodes = before.keys.map { inode(site.appendingPathComponent($0)) }
        try project.write("content/1-a/c2.md", "---\ntitle: Chapter 1-a 2\norder: 2\n---\n$$\nunclosed\n")
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("error: display math opened with '$$' is never closed"), run.stderr)
        XCTAssertEqual(DirectorySnapshot.differences(before, DirectorySnapshot.take(site)), [])
        XCTAssertEqual(before.keys.map { inode(site.appendingPathComponent($0)) }, inodes, "not one file replaced")
        XCTAssertNil(project.read(".lossbook-cache/write-journal.json"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix(".site") }
        XCTAssertEqual(leftovers, [])
    }

    /// The build is killed (SIGKILL, from inside, after N changes to the site) at each point of
    /// its write in turn; the next build finds the journal and makes the site equal to a fresh
    /// build's, and its own journal is gone after it.
    func testAWriteKilledAtAnyPointIsRepairedByTheNextBuild() throws {
        let project = try projects.make(Self.course())
        let site = project.root.appendingPathComponent("site")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        var killedAt: [Int] = []
        var changes = 1
        while changes < 20 {
            let edit = "Edit number \(changes): $\\ell_{\(changes)}$."
            for (path, text) in Self.course(edit: edit) { try project.write(path, text) }
            // Something to remove too: a stray file in a folder of its own.
            try project.write("site/stray/file.html", "not ours")
            let killed = try project.run(["build"], environment: ["LOSSBOOK_KILL_WRITE_AFTER": String(changes)])
            if killed.status == 0 {
                // The write had fewer changes than that: it finished.
                XCTAssertNil(project.read(".lossbook-cache/write-journal.json"))
                break
            }
            XCTAssertEqual(killed.status, SIGKILL, "killed by SIGKILL after \(changes) changes: \(killed.stderr)")
            killedAt.append(changes)
            XCTAssertNotNil(project.read(".lossbook-cache/write-journal.json"), "a killed write leaves its journal")
            let repaired = try project.run(["build"])
            XCTAssertEqual(repaired.status, 0, repaired.stderr)
            XCTAssertNil(project.read(".lossbook-cache/write-journal.json"))
            let differences = DirectorySnapshot.differences(DirectorySnapshot.take(site), try freshSite(of: Self.course(edit: edit)))
            XCTAssertEqual(differences, [], "after a write killed at change \(changes)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix(".site") }
            XCTAssertEqual(leftovers, [], "the killed build's staging folder is swept")
            changes += 1
        }
        XCTAssertGreaterThanOrEqual(killedAt.count, 4, "the write had several changes to interrupt: \(killedAt)")
    }
}
