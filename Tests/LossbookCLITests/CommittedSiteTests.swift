import Foundation
import LossbookTestSupport
import XCTest

/// site/ is committed so the course can be read without building; it must always equal a fresh
/// build of content/ and templates/: one from nothing, with a new cache, so that nothing the
/// repository's own .lossbook-cache holds (a stale formula, a computed value of an older engine)
/// can make the two agree when a build from nothing would not.
final class CommittedSiteTests: XCTestCase {
    func testCommittedSiteEqualsAFreshBuild() throws {
        let repository = TestProject.repositoryRoot
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-fresh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("site"), cache = scratch.appendingPathComponent("cache")
        // Run in the repository: the footers' dates come from its git history, as for site/.
        let run = try TestProject.run(TestProject.binary, ["build", "--output", output.path, "--cache", cache.path], in: repository)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("(0 unchanged)"), "the build started from nothing: \(run.stdout)")
        let fresh = DirectorySnapshot.take(output)
        let committed = DirectorySnapshot.take(repository.appendingPathComponent("site"))
        let differences = DirectorySnapshot.differences(committed, fresh)
        XCTAssertEqual(differences, [], "site/ is out of date; run `make site` and commit site/. Differing files: \(differences.joined(separator: ", "))")
    }
}
