import Foundation
import XCTest
@testable import LossbookSite

/// The journal of an in-place write: while it is there, the manifest's entries for the paths it
/// names are forgotten (those files may be old, new or gone), whatever their signatures say; an
/// unreadable journal makes nothing reusable; another output's journal changes nothing.
final class WriteJournalTests: XCTestCase {
    private var root: URL!
    private var site: URL { root.appendingPathComponent("site") }
    private var cache: URL { root.appendingPathComponent("cache") }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("1-a"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: site.appendingPathComponent("1-a/a.html"))
        try Data("b".utf8).write(to: site.appendingPathComponent("b.html"))
        OutputManifest(output: site, keys: ["1-a/a.html": "key a", "b.html": "key b"], notes: [:]).save(to: cache)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    func testTheJournalsPathsAreNotReusedUntilItIsRemoved() throws {
        XCTAssertNotNil(OutputManifest.load(from: cache, output: site)?.reusable("1-a/a.html", key: "key a", in: site))
        try WriteJournal(output: site, paths: ["1-a/a.html", "gone.html"]).save(in: cache)
        let manifest = try XCTUnwrap(OutputManifest.load(from: cache, output: site))
        XCTAssertNil(manifest.reusable("1-a/a.html", key: "key a", in: site), "named by the journal: made again")
        XCTAssertNotNil(manifest.reusable("b.html", key: "key b", in: site), "not named: reused")
        WriteJournal.remove(in: cache)
        XCTAssertNotNil(OutputManifest.load(from: cache, output: site)?.reusable("1-a/a.html", key: "key a", in: site))
    }

    func testAnUnreadableJournalMakesEverythingAgainAndAnotherOutputsChangesNothing() throws {
        try Data("{\"output\": \"".utf8).write(to: cache.appendingPathComponent(WriteJournal.fileName))
        XCTAssertNil(OutputManifest.load(from: cache, output: site), "a journal cut short puts every file in doubt")
        try WriteJournal(output: root.appendingPathComponent("elsewhere"), paths: ["b.html"]).save(in: cache)
        XCTAssertNotNil(OutputManifest.load(from: cache, output: site)?.reusable("b.html", key: "key b", in: site))
    }
}
