import Foundation
import XCTest
@testable import LossbookSite

/// The in-place update on its own: files where folders were and folders where files were, links
/// put into the site by hand (removed, never followed), unchanged assets left alone, and when it
/// suits at all.
final class SiteUpdateTests: XCTestCase {
    private var root: URL!
    private var output: URL { root.appendingPathComponent("site") }
    private var cache: URL { root.appendingPathComponent("cache") }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("update-\(UUID().uuidString)")
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

    private func inode(_ path: String) -> UInt64? {
        var info = stat()
        return lstat(output.appendingPathComponent(path).path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    func testFilesAndFoldersTradePlacesAndHandMadeLinksGoUnfollowed() throws {
        let first = try SiteWriter(outputDirectory: output).begin()
        try first.write(["keep.html": Data("kept".utf8), "x.html/inner.html": Data("was a folder".utf8), "y": Data("was a file".utf8),
                         "assets/style.css": Data("css".utf8)])
        try first.commit(copies: [:], links: [:])
        try write("outside/precious.html", "not the site's")
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("linked").path,
                                                   withDestinationPath: root.appendingPathComponent("outside").path)
        let keptInode = inode("keep.html"), cssInode = inode("assets/style.css")

        let staging = try SiteWriter(outputDirectory: output).begin()
        XCTAssertTrue(staging.suitsInPlaceUpdate(kept: 1))
        try staging.write(["x.html": Data("now a file".utf8), "y/z.html": Data("now in a folder".utf8)])
        try write("style.css", "css")
        try staging.updateInPlace(files: [:], copies: ["assets/style.css": root.appendingPathComponent("style.css")],
                                  kept: ["keep.html"], journalIn: cache)

        var expected = ["keep.html": "kept", "x.html": "now a file", "y/z.html": "now in a folder", "assets/style.css": "css"]
        expected[OutputGuard.stampName] = OutputGuard.stampText
        let listing = SiteListing(root: output.path)
        XCTAssertEqual(Set(listing.files), Set(expected.keys))
        XCTAssertEqual(Set(listing.folders), ["y", "assets"])
        for (path, text) in expected {
            XCTAssertEqual(try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8), text, path)
        }
        XCTAssertEqual(inode("keep.html"), keptInode, "a kept file is not touched")
        XCTAssertEqual(inode("assets/style.css"), cssInode, "an asset with the same bytes is not written again")
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("outside/precious.html"), encoding: .utf8), "not the site's",
                       "a link in the site is removed, not followed")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), ["cache", "outside", "site", "style.css"],
                       "no staging folder is left")
        XCTAssertNotNil(WriteJournal.load(from: cache, output: output), "the journal stays until the caller has saved the manifest")
    }

    func testAnUnstampedSiteOrOneWithNothingKeptIsSwappedInstead() throws {
        try write("site/index.html", "someone else's")
        let staging = try SiteWriter(outputDirectory: output).begin()
        defer { staging.abandon() }
        XCTAssertFalse(staging.suitsInPlaceUpdate(kept: 10), "not lossbook's site")
        try Data(OutputGuard.stampText.utf8).write(to: output.appendingPathComponent(OutputGuard.stampName))
        XCTAssertFalse(staging.suitsInPlaceUpdate(kept: 0), "nothing kept: a new site")
        try staging.write(["a.html": Data(), "b.html": Data()])
        XCTAssertFalse(staging.suitsInPlaceUpdate(kept: 1), "more made than kept")
        XCTAssertTrue(staging.suitsInPlaceUpdate(kept: 2))
    }
}
