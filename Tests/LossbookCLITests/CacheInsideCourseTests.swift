import Foundation
import LossbookTestSupport
import XCTest

/// A cache folder inside the content folder was read as part of the course: its files were
/// published as assets of the site, and a build that swept old cache files while copying them
/// failed with "cannot write the site … The file doesn't exist". It is refused before any work,
/// unless it is hidden (hidden names are never read as the course's).
final class CacheInsideCourseTests: XCTestCase {
    func testACacheInsideTheContentFolderIsRefusedUnlessHidden() throws {
        let project = try TestProject(files: ["content/index.md": "---\ntitle: Home\n---\nHi $x$.\n"])
        defer { project.remove() }
        for cache in ["content/cache", "content", "templates/cache"] {
            let run = try project.run(["build", "--cache", cache])
            XCTAssertEqual(run.status, 1, cache)
            XCTAssertTrue(run.stderr.contains("error: the cache folder '\(project.root.appendingPathComponent(cache).standardizedFileURL.path)' is inside the "),
                          run.stderr)
            XCTAssertTrue(run.stderr.contains("choose a folder outside it, or a hidden one, with --cache"), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site").path), "nothing was built")
        }
        let hidden = try project.run(["build", "--cache", "content/.cache"])
        XCTAssertEqual(hidden.status, 0, hidden.stderr)
        let again = try project.run(["build", "--cache", "content/.cache"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let published = try FileManager.default.subpathsOfDirectory(atPath: project.root.appendingPathComponent("site").path)
        XCTAssertFalse(published.contains { $0.contains("cache") }, "no cache file is published: \(published)")
    }
}
