import Foundation
import LossbookTestSupport
import XCTest

/// Files whose names are one character long, at the top of the content folder: Foundation's
/// NSString path functions trap on such paths, which crashed `lossbook build` (signal 4) while
/// loading the content and again while writing the site.
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
}
