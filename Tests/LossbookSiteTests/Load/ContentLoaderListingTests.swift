import Foundation
import XCTest
@testable import LossbookSite

/// Which files of the content folder the loader reads: hidden files and folders are skipped, a
/// link to a file is read (and refused when it leads outside), a link to a folder or to nothing
/// is not followed; notes come sorted by path.
final class ContentLoaderListingTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func testHiddenEntriesAreSkippedAndLinksToFilesOnlyAreRead() throws {
        let note = "---\ntitle: T\n---\nText.\n"
        try write("content/b.md", note)
        try write("content/1-a/a.md", note)
        try write("content/1-a/figure.svg", "<svg/>")
        try write("content/.hidden.md", note)
        try write("content/.git/config.md", note)
        try write("content/1-a/.draft/x.md", note)
        try write("elsewhere/outside.md", note)
        try write("content/real/inside.md", note)
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(atPath: root.appendingPathComponent("content/linked.md").path, withDestinationPath: "real/inside.md")
        try fileManager.createSymbolicLink(atPath: root.appendingPathComponent("content/away.md").path,
                                           withDestinationPath: root.appendingPathComponent("elsewhere/outside.md").path)
        try fileManager.createSymbolicLink(atPath: root.appendingPathComponent("content/folder-link").path, withDestinationPath: "real")
        try fileManager.createSymbolicLink(atPath: root.appendingPathComponent("content/broken.md").path, withDestinationPath: "missing.md")

        let (content, problems) = ContentLoader(contentDirectory: root.appendingPathComponent("content"), displayPrefix: "content").load()
        XCTAssertEqual(content.notes.map(\.relativePath), ["1-a/a.md", "b.md", "linked.md", "real/inside.md"])
        XCTAssertEqual(content.assets, ["1-a/figure.svg"])
        XCTAssertEqual(problems.map(\.location?.path), ["content/away.md"], "a link out of the content folder is refused")
    }

    func testANoteIsReadWholeWhateverItsSize() throws {
        for size in [0, 1, 4095, 4096, 70_000] {
            let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let url = root.appendingPathComponent("file-\(size)")
            try bytes.write(to: url)
            XCTAssertEqual(ContentLoader.contents(of: url.path), bytes, "\(size) bytes")
        }
        XCTAssertNil(ContentLoader.contents(of: root.appendingPathComponent("missing").path))
    }
}
