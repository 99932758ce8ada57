import Foundation
import LossbookTestSupport
import XCTest

/// Paths one character long: Foundation's NSString `deletingLastPathComponent` traps on them,
/// which crashed `lossbook build` (signal 4) while loading the content, writing the site and
/// reading a settings file given as `--config c`.
final class ShortPathTests: XCTestCase {
    func testOneCharacterFileNamesAreAssetsLikeAnyOther() throws {
        let project = try TestProject(files: [
            "content/index.md": "---\ntitle: T\n---\nSee [the data](x) and [the other](é).\n",
            "content/x": "data",
            "content/é": "other",
            "content/a/b": "nested",
        ])
        defer { project.remove() }
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(project.read("site/x"), "data")
        XCTAssertEqual(project.read("site/é"), "other")
        XCTAssertEqual(project.read("site/a/b"), "nested")
    }

    func testAOneCharacterSettingsFileIsRead() throws {
        let project = try TestProject(files: [
            "c": "title: Settings in c\ncontent: notes\n",
            "s/c": "title: Settings in s/c\ncontent: ../notes\n",
            "notes/index.md": "---\ntitle: Home\n---\nHi.\n",
        ])
        defer { project.remove() }
        let run = try project.run(["build", "--config", "c"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(project.read("site/index.html")?.contains("Settings in c") ?? false, "the settings were used")
        let nested = try project.run(["build", "--config", "s/c", "--output", "other"])
        XCTAssertEqual(nested.status, 0, nested.stderr)
        XCTAssertTrue(project.read("other/index.html")?.contains("Settings in s/c") ?? false, "a folder relative to the settings file")
    }
}
