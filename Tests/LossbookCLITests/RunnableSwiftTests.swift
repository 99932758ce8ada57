import Foundation
import LossbookTestSupport
import XCTest

/// `swift run` blocks: compiled against LossEngine and run at build time, like a user's build.
final class RunnableSwiftTests: XCTestCase {
    /// One cache for all runs of this test class, so LossEngine is compiled once.
    private static let cache = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-test-swift-run-cache")
    private var projects: [TestProject] = []

    override func tearDown() {
        projects.forEach { $0.remove() }
    }

    private func build(_ body: String) throws -> (TestProject, TestProject.Run) {
        let project = try TestProject(files: ["content/index.md": "---\ntitle: Runs\n---\n" + body])
        projects.append(project)
        let run = try project.run(["build", "--cache", Self.cache.path])
        return (project, run)
    }

    func testOutputIsShownAndCachedOnTheSecondBuild() throws {
        let code = "let r = try LossCatalog.evaluate(\"mse\", args: [\"input\": EngineValue([3.0]), \"target\": EngineValue([0.0])])\nprint(\"mse =\", r.value.doubleValue ?? .nan)\n"
        let (project, run) = try build("```swift run\n" + code + "```\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        let page = try XCTUnwrap(project.read("site/index.html"))
        XCTAssertTrue(page.contains("<samp>mse = 9.0\n</samp>"), page)
        XCTAssertTrue(page.contains("hljs-keyword"), "the code is shown highlighted")
        // Another project with the same block and cache: its output is taken from the cache.
        let (other, again) = try build("Again.\n\n```swift run\n" + code + "```\n")
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("1 computed results (1 cached)"), again.stdout)
        XCTAssertTrue(try XCTUnwrap(other.read("site/index.html")).contains("<samp>mse = 9.0\n</samp>"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: Self.cache.appendingPathComponent("swift-run").path)
        XCTAssertEqual(leftovers.filter { $0.hasPrefix("build-") }, [], "build folders are removed once their blocks ran")
    }

    func testCompileErrorPointsAtTheLineInTheNote() throws {
        let (_, run) = try build("Text.\n\n```swift run\nprint(1)\nlet x: Int = \"no\"\n```\n")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content/index.md:8:14: error: Swift block does not compile: cannot convert value of type 'String' to specified type 'Int'"), run.stderr)
    }

    func testCrashIsReportedWithItsReason() throws {
        let (_, run) = try build("```swift run\nlet a: [Int] = []\nprint(a[1])\n```\n")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content/index.md:4:1: error: the Swift block crashed"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Fatal error: Index out of range"), run.stderr)
    }

    func testEndlessLoopIsStoppedAtTheTimeLimit() throws {
        let (_, run) = try build("```swift run\nvar n = 0\nwhile n >= 0 { n &+= 1 }\n```\n")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content/index.md:4:1: error: the Swift block ran longer than 10 s and was stopped"), run.stderr)
    }
}
