import Foundation
import LossbookTestSupport
import XCTest

/// `print: false` in the course settings leaves `print.html` out of the site (a large course
/// need not rewrite the whole course on one page at every edit); it is on by default, as mdBook's.
final class PrintSettingTests: XCTestCase {
    private let projects = TestProjects()

    override func tearDown() {
        projects.removeAll()
    }

    private static let course: [String: String] = [
        "content/index.md": "---\ntitle: A course\n---\nWelcome to $x^2$.\n",
        "content/1-a/index.md": "---\ntitle: Part A\n---\nThe part.\n",
        "content/1-a/one.md": "---\ntitle: One\n---\n## First\n\nText.\n",
    ]

    func testPrintFalseLeavesThePrintPageOutAndTurningItOnBringsItBack() throws {
        var files = Self.course
        files["lossbook.yml"] = "title: Small\nprint: false\n"
        let project = try projects.make(files)
        XCTAssertEqual(try project.run(["build"]).status, 0)
        XCTAssertNil(project.read("site/print.html"))
        XCTAssertNotNil(project.read("site/1-a/one.html"))

        // The setting is an input of the build: changing it is not "up to date".
        try project.write("lossbook.yml", "title: Small\n")
        let on = try project.run(["build"])
        XCTAssertEqual(on.status, 0, on.stderr)
        XCTAssertTrue(on.stdout.hasPrefix("Built 3 pages"), on.stdout)
        XCTAssertTrue(try XCTUnwrap(project.read("site/print.html")).contains("<article class=\"print-chapter\""))

        try project.write("lossbook.yml", "title: Small\nprint: false\n")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        XCTAssertNil(project.read("site/print.html"), "turned off again, the old print page goes")
    }

    func testAPrintSettingThatIsNotABooleanIsLocated() throws {
        var files = Self.course
        files["lossbook.yml"] = "title: Small\nprint: sometimes\n"
        let project = try projects.make(files)
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("lossbook.yml:2:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("print"), run.stderr)
        XCTAssertNil(project.read("site/index.html"))
    }
}
