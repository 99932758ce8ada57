import Foundation
@testable import LossbookSite
import LossbookTestSupport
import XCTest

/// `GitHead` must change whenever the history `git log` walks could (a commit, a checkout, a
/// branch packed into `packed-refs` must not look like a change), and must find the repository of
/// a worktree through its `.git` file.
final class GitHeadTests: XCTestCase {
    private var project: TestProject!
    private let git = URL(fileURLWithPath: "/usr/bin/git")

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: git.path) else { throw XCTSkip("git is not installed") }
        project = try TestProject(files: ["content/a.md": "one\n"], copyTemplates: false)
    }

    override func tearDown() {
        project?.remove()
    }

    private func run(_ arguments: [String], in folder: URL? = nil) throws {
        let environment = ["GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
                           "GIT_COMMITTER_EMAIL": "t@example.org"]
        let result = try TestProject.run(git, arguments, in: folder ?? project.root, environment: environment)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    private func fingerprint(_ folder: String = "content") -> String? {
        GitHead.fingerprint(of: project.root.appendingPathComponent(folder), environment: [:])
    }

    func testOutsideARepositoryThereIsNoHistory() {
        XCTAssertEqual(fingerprint(), "no repository")
    }

    func testACommitACheckoutAndANewBranchChangeItAndPackingRefsDoesNot() throws {
        try run(["init", "-q", "-b", "main"])
        let unborn = try XCTUnwrap(fingerprint())
        try run(["add", "content"])
        try run(["commit", "-q", "-m", "one"])
        let first = try XCTUnwrap(fingerprint())
        XCTAssertNotEqual(first, unborn)
        XCTAssertEqual(fingerprint(), first, "nothing happened")

        try project.write("content/a.md", "two\n")
        try run(["commit", "-q", "-am", "two"])
        let second = try XCTUnwrap(fingerprint())
        XCTAssertNotEqual(second, first)

        try run(["pack-refs", "--all"])
        XCTAssertEqual(fingerprint(), second, "the same commit, read from packed-refs")

        try run(["checkout", "-q", "HEAD~1"])
        XCTAssertNotEqual(fingerprint(), second, "detached at the first commit")
        try run(["checkout", "-q", "main"])
        XCTAssertEqual(fingerprint(), second)

        try run(["commit", "-q", "--amend", "-m", "two, reworded"])
        XCTAssertNotEqual(fingerprint(), second, "an amended commit is another commit")
    }

    func testAWorktreeIsFoundThroughItsGitFile() throws {
        try run(["init", "-q", "-b", "main"])
        try run(["add", "content"])
        try run(["commit", "-q", "-m", "one"])
        try run(["worktree", "add", "-q", "-b", "other", "tree"])
        let tree = try XCTUnwrap(fingerprint("tree/content"))
        XCTAssertTrue(tree.hasPrefix(project.root.appendingPathComponent(".git/worktrees/tree").standardizedFileURL.path), tree)
        try project.write("tree/content/a.md", "changed in the worktree\n")
        try run(["commit", "-q", "-am", "other"], in: project.root.appendingPathComponent("tree"))
        XCTAssertNotEqual(fingerprint("tree/content"), tree)
    }

    func testALinkedContentFolderBelongsToTheRepositoryOfItsTarget() throws {
        try project.write("elsewhere/content/a.md", "one\n")
        let elsewhere = project.root.appendingPathComponent("elsewhere")
        try run(["init", "-q", "-b", "main"], in: elsewhere)
        try run(["add", "content"], in: elsewhere)
        try run(["commit", "-q", "-m", "one"], in: elsewhere)
        try run(["init", "-q", "-b", "main"])
        try FileManager.default.createSymbolicLink(at: project.root.appendingPathComponent("linked"),
                                                   withDestinationURL: elsewhere.appendingPathComponent("content"))
        let linked = try XCTUnwrap(fingerprint("linked"))
        XCTAssertEqual(linked, fingerprint("elsewhere/content"))
        try project.write("elsewhere/content/a.md", "two\n")
        try run(["commit", "-q", "-am", "two"], in: elsewhere)
        XCTAssertNotEqual(fingerprint("linked"), linked, "a commit in the target's repository is seen")
    }

    func testGitVariablesArePartOfIt() {
        let folder = project.root.appendingPathComponent("content")
        XCTAssertNotEqual(GitHead.fingerprint(of: folder, environment: ["GIT_DIR": "/elsewhere"]),
                          GitHead.fingerprint(of: folder, environment: [:]))
    }
}
