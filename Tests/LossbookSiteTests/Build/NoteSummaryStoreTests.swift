import Foundation
import XCTest
@testable import LossbookSite

/// The notes' summaries live in bucket files beside the manifest: an edit rewrites only the file
/// of the note whose summary changed, and a damaged file costs only its own notes' summaries.
final class NoteSummaryStoreTests: XCTestCase {
    private var root: URL!
    private var cache: URL { root.appendingPathComponent("cache") }
    private var folder: URL { cache.appendingPathComponent(NoteSummaryStore.folderName) }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("summary-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    private func summaries(_ count: Int, key: String = "k") -> [String: NoteSummary] {
        var result: [String: NoteSummary] = [:]
        for index in 0..<count {
            var summary = OutputManifestFrameTests.fullSummary()
            summary.key = "\(key)-\(index)"
            result["part/page-\(index).md"] = summary
        }
        return result
    }

    private func inode(_ bucket: Int) -> UInt64? {
        var info = stat()
        guard lstat(folder.appendingPathComponent(NoteSummaryStore.fileName(bucket)).path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    private func json(_ notes: [String: NoteSummary]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(notes), as: UTF8.self)
    }

    func testSummariesAreReadBackWholeFromTheirBuckets() throws {
        let written = summaries(300)
        NoteSummaryStore.save(written, previous: nil, to: cache)
        let read = NoteSummaryStore.load(from: cache)
        XCTAssertEqual(try json(read.summaries), try json(written))
        XCTAssertEqual(read.buckets.values.map(\.count).reduce(0, +), 300)
        for (bucket, paths) in read.buckets {
            XCTAssertTrue(paths.allSatisfy { NoteSummaryStore.bucket(of: $0) == bucket })
        }
        XCTAssertGreaterThan(read.buckets.count, NoteSummaryStore.bucketCount / 2, "spread over the buckets")
        XCTAssertEqual(NoteSummaryStore.bucket(of: "part/page-1.md"), NoteSummaryStore.bucket(of: "part/page-1.md"))
    }

    func testAnEditRewritesOnlyTheBucketOfTheChangedSummaryAndARemovedNoteGoes() throws {
        var notes = summaries(300)
        NoteSummaryStore.save(notes, previous: nil, to: cache)
        let before = (0..<NoteSummaryStore.bucketCount).map(inode)
        let previous = NoteSummaryStore.load(from: cache)
        notes = previous.summaries
        notes["part/page-7.md"]?.figures += 1
        NoteSummaryStore.save(notes, previous: previous, to: cache)
        let after = (0..<NoteSummaryStore.bucketCount).map(inode)
        let changed = Set((0..<NoteSummaryStore.bucketCount).filter { before[$0] != after[$0] })
        XCTAssertEqual(changed, [NoteSummaryStore.bucket(of: "part/page-7.md")])
        XCTAssertEqual(NoteSummaryStore.load(from: cache).summaries["part/page-7.md"]?.figures, notes["part/page-7.md"]?.figures)

        // A note removed: its bucket is rewritten without it; a bucket left empty is removed.
        let again = NoteSummaryStore.load(from: cache)
        var fewer = again.summaries
        fewer["part/page-8.md"] = nil
        NoteSummaryStore.save(fewer, previous: again, to: cache)
        XCTAssertNil(NoteSummaryStore.load(from: cache).summaries["part/page-8.md"])
        XCTAssertEqual(NoteSummaryStore.load(from: cache).summaries.count, 299)
        NoteSummaryStore.save([:], previous: NoteSummaryStore.load(from: cache), to: cache)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    /// A summary's fields are one shared box: a changed copy leaves the original as it was, and
    /// a summary made again with the same fields equals the kept one, so no bucket is rewritten.
    func testACopyIsIndependentAndEqualFieldsMakeEqualSummaries() throws {
        let kept = OutputManifestFrameTests.fullSummary()
        var changed = kept
        changed.anchors.append("new")
        XCTAssertEqual(kept.anchors, ["", "derivation", "ümlaut"])
        XCTAssertEqual(changed.anchors.last, "new")
        XCTAssertNotEqual(changed, kept)
        XCTAssertEqual(OutputManifestFrameTests.fullSummary(), kept)

        NoteSummaryStore.save(summaries(50), previous: nil, to: cache)
        let before = (0..<NoteSummaryStore.bucketCount).map(inode)
        let previous = NoteSummaryStore.load(from: cache)
        var notes = previous.summaries
        notes["part/page-3.md"] = NoteSummary(try XCTUnwrap(notes["part/page-3.md"]).fields)
        NoteSummaryStore.save(notes, previous: previous, to: cache)
        XCTAssertEqual((0..<NoteSummaryStore.bucketCount).map(inode), before)
    }

    func testADamagedOrForeignBucketCostsOnlyItsOwnSummaries() throws {
        NoteSummaryStore.save(summaries(300), previous: nil, to: cache)
        let whole = NoteSummaryStore.load(from: cache)
        let victim = NoteSummaryStore.bucket(of: "part/page-3.md")
        let url = folder.appendingPathComponent(NoteSummaryStore.fileName(victim))
        let data = try Data(contentsOf: url)
        for damaged in [data.prefix(data.count / 2), data.prefix(0)] + [{ var d = data; d[d.count / 2] ^= 1; return d }()] {
            try damaged.write(to: url)
            let read = NoteSummaryStore.load(from: cache)
            XCTAssertNil(read.buckets[victim])
            XCTAssertNil(read.summaries["part/page-3.md"])
            XCTAssertEqual(read.summaries.count, whole.summaries.count - whole.buckets[victim]!.count)
        }
        // A whole file in the wrong place (another bucket's) is not read either.
        let other = (victim + 1) % NoteSummaryStore.bucketCount
        try Data(contentsOf: folder.appendingPathComponent(NoteSummaryStore.fileName(other))).write(to: url)
        XCTAssertNil(NoteSummaryStore.load(from: cache).buckets[victim])
        // The next save writes the lost bucket again.
        NoteSummaryStore.save(whole.summaries, previous: NoteSummaryStore.load(from: cache), to: cache)
        XCTAssertEqual(try json(NoteSummaryStore.load(from: cache).summaries), try json(whole.summaries))
    }

    func testTheManifestCarriesItsSummariesThroughTheStore() throws {
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        let notes = summaries(20)
        OutputManifest(output: site, keys: ["a.html": "key"], notes: notes).save(to: cache)
        let read = try XCTUnwrap(OutputManifest.load(from: cache, output: site))
        XCTAssertEqual(try json(read.notes), try json(notes))
        // Without its manifest the summaries are not used (as before: everything afresh).
        try FileManager.default.removeItem(at: cache.appendingPathComponent(OutputManifest.fileName))
        XCTAssertNil(OutputManifest.load(from: cache, output: site))
    }
}
