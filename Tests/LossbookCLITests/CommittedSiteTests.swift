import Foundation
import LossbookTestSupport
import XCTest

/// site/ is committed so the course can be read without building; it must always equal a fresh
/// build of content/ and templates/.
final class CommittedSiteTests: XCTestCase {
    func testCommittedSiteEqualsAFreshBuild() throws {
        let repository = TestProject.repositoryRoot
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-fresh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try TestProject.run(TestProject.binary, ["build", "--output", output.path], in: repository)
        XCTAssertEqual(run.status, 0, run.stderr)
        let fresh = DirectorySnapshot.take(output)
        let committed = DirectorySnapshot.take(repository.appendingPathComponent("site"))
        let differences = DirectorySnapshot.differences(committed, fresh)
        XCTAssertEqual(differences, [], "site/ is out of date; run `make site` and commit site/. Differing files: \(differences.joined(separator: ", "))")
    }
}
