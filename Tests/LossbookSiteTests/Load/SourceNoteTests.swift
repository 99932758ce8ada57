import XCTest
@testable import LossbookSite

/// A note's fields are kept in one shared box (copies are cheap): changing a copy must leave the
/// original as it was, and the paths made from the note's path must follow the change.
final class SourceNoteTests: XCTestCase {
    private let note = SourceNote(relativePath: "2-derivations/deep/regression.md", displayPath: "content/2-derivations/deep/regression.md",
                                  frontMatter: FrontMatter(title: "Regression"), body: "Body.\n", bodyFirstLine: 4)

    func testPathsAreMadeFromTheNotesPath() {
        XCTAssertEqual(note.outputPath, "2-derivations/deep/regression.html")
        XCTAssertEqual(note.partFolder, "2-derivations")
        let top = SourceNote(relativePath: "index.md", displayPath: "content/index.md", frontMatter: FrontMatter(title: "Home"),
                             body: "", bodyFirstLine: 1)
        XCTAssertEqual(top.outputPath, "index.html")
        XCTAssertEqual(top.partFolder, "")
    }

    func testChangingACopyLeavesTheOriginalAsItWas() {
        var changed = note
        changed.relativePath = "1-a/other.md"
        changed.body = "Other.\n"
        changed.frontMatter.title = "Other"
        XCTAssertEqual(changed.outputPath, "1-a/other.html")
        XCTAssertEqual(changed.partFolder, "1-a")
        XCTAssertEqual(changed.body, "Other.\n")
        XCTAssertEqual(changed.bodyDigest, SourceNote.digest(of: "Other.\n"))
        XCTAssertEqual(changed.frontMatter.title, "Other")
        XCTAssertEqual(changed.displayPath, note.displayPath)
        XCTAssertEqual(note.outputPath, "2-derivations/deep/regression.html")
        XCTAssertEqual(note.body, "Body.\n")
        XCTAssertEqual(note.frontMatter.title, "Regression")
        XCTAssertNotEqual(changed, note)
        var same = changed
        same.bodyFirstLine = changed.bodyFirstLine
        XCTAssertEqual(same, changed)
        XCTAssertEqual(Set([same, changed]).count, 1)
    }
}
