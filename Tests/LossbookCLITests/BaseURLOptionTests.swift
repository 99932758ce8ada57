import Foundation
import LossbookTestSupport
import XCTest

/// `--base-url`: validated before anything is built.
final class BaseURLOptionTests: XCTestCase {
    func testARelativeBaseURLIsRejected() throws {
        let project = try TestProject(files: ["content/index.md": "---\ntitle: T\n---\nText.\n"])
        defer { project.remove() }
        let run = try project.run(["build", "--base-url", "example.org/course"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("--base-url must be an absolute http(s) URL"), run.stderr)
        XCTAssertNil(project.read("site/index.html"))
        let good = try project.run(["build", "--base-url", "https://example.org/course"])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertEqual(project.read("site/sitemap.xml")?.contains("<loc>https://example.org/course/</loc>"), true)
    }
}
