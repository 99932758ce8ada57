import Foundation
import XCTest
@testable import LossbookSite

final class RenderCacheTests: XCTestCase {
    func testEntriesSurviveAcrossInstances() throws {
        let directory = try makeTemporaryDirectory(self)
        let first = RenderCache(directory: directory, buckets: 1)
        first.store("<b>1</b>", for: "one")
        first.store("<b>2</b> é 😀", for: "two\nlines")
        first.flush()
        XCTAssertEqual(first.segmentNames.count, 1)

        let second = RenderCache(directory: directory, buckets: 1)
        XCTAssertEqual(second.value(for: "one"), "<b>1</b>")
        XCTAssertEqual(second.value(for: "two\nlines"), "<b>2</b> é 😀")
        XCTAssertNil(second.value(for: "three"))
        XCTAssertEqual(second.count, 2)
    }

    /// A loaded segment is read where it lies (mapped), not copied: another build's compaction
    /// deletes the file, and the entries already loaded must still read back whole.
    func testEntriesStayReadableAfterAnotherBuildDeletesTheirSegment() throws {
        let directory = try makeTemporaryDirectory(self)
        let seed = RenderCache(directory: directory, maxSegments: 1, buckets: 1)
        seed.store("first value ✓", for: "first")
        seed.flush()
        let reader = RenderCache(directory: directory, maxSegments: 1, buckets: 1)
        XCTAssertEqual(reader.count, 1)
        let compacting = RenderCache(directory: directory, maxSegments: 1, buckets: 1)
        compacting.store("second value", for: "second")
        compacting.flush()  // one segment too many: everything in a new one, the old deleted
        XCTAssertEqual(compacting.segmentNames.count, 1)
        XCTAssertEqual(reader.value(for: "first"), "first value ✓")
        XCTAssertNil(reader.value(for: "second"), "written after the reader loaded")
        XCTAssertEqual(RenderCache(directory: directory, buckets: 1).count, 2)
    }

    /// Keys are found by hash and compared byte for byte: keys that share long prefixes, or
    /// differ only in length, each find their own value; one in two segments counts once.
    func testEveryKeyFindsItsOwnValueAmongThousands() throws {
        let directory = try makeTemporaryDirectory(self)
        let prefix = String(repeating: "renderer 0.16.22|macros|display|", count: 4)
        let writer = RenderCache(directory: directory, buckets: 2)
        for index in 0..<3_000 {
            writer.store("<span>\(index) é</span>", for: prefix + "x_{\(index)}")
            writer.store("<span>\(index) longer</span>", for: prefix + "x_{\(index)}^2")
        }
        writer.flush()
        let again = RenderCache(directory: directory, buckets: 2)
        again.store("<span>7 é</span>", for: prefix + "x_{7}")  // already there: not written again
        again.store("new", for: "new")
        again.flush()
        let reader = RenderCache(directory: directory, buckets: 2)
        XCTAssertEqual(reader.count, 6_001)
        for index in stride(from: 0, to: 3_000, by: 7) {
            XCTAssertEqual(reader.value(for: prefix + "x_{\(index)}"), "<span>\(index) é</span>")
            XCTAssertEqual(reader.value(for: prefix + "x_{\(index)}^2"), "<span>\(index) longer</span>")
        }
        XCTAssertNil(reader.value(for: prefix + "x_{"))
        XCTAssertNil(reader.value(for: prefix + "x_{3000}"))
        XCTAssertEqual(reader.value(for: "new"), "new")
    }

    func testNothingToFlushWritesNothing() throws {
        let directory = try makeTemporaryDirectory(self)
        let cache = RenderCache(directory: directory, buckets: 1)
        XCTAssertNil(cache.value(for: "x"))
        cache.flush()
        XCTAssertEqual(cache.segmentNames, [])
    }

    func testCompactionMergesSegments() throws {
        let directory = try makeTemporaryDirectory(self)
        for build in 0..<6 {
            let cache = RenderCache(directory: directory, maxSegments: 4, buckets: 1)
            cache.store("value \(build)", for: "key \(build)")
            cache.flush()
            XCTAssertLessThanOrEqual(cache.segmentNames.count, 4)
        }
        let cache = RenderCache(directory: directory, maxSegments: 4, buckets: 1)
        XCTAssertEqual(cache.count, 6)
        for build in 0..<6 { XCTAssertEqual(cache.value(for: "key \(build)"), "value \(build)") }
    }

    func testOverlappingBuildsKeepEachOthersEntries() throws {
        let directory = try makeTemporaryDirectory(self)
        let seed = RenderCache(directory: directory, maxSegments: 2, buckets: 1)
        seed.store("s", for: "seed")
        seed.flush()

        // Both builds load the same state, then write concurrently.
        let a = RenderCache(directory: directory, maxSegments: 2, buckets: 1)
        let b = RenderCache(directory: directory, maxSegments: 2, buckets: 1)
        XCTAssertEqual(a.value(for: "seed"), "s")
        XCTAssertEqual(b.value(for: "seed"), "s")
        a.store("a", for: "from a")
        b.store("b", for: "from b")
        a.flush()
        b.flush()  // compacts (3 segments > 2): must not delete a's new segment

        let after = RenderCache(directory: directory, buckets: 1)
        XCTAssertEqual(after.value(for: "seed"), "s")
        XCTAssertEqual(after.value(for: "from a"), "a")
        XCTAssertEqual(after.value(for: "from b"), "b")
    }

    func testDamagedSegmentsAreSkipped() throws {
        let directory = try makeTemporaryDirectory(self)
        let cache = RenderCache(directory: directory, buckets: 1)
        cache.store("good", for: "k1")
        cache.store("also good", for: "k2")
        cache.flush()
        let name = cache.segmentNames[0]
        let url = directory.appendingPathComponent(name)
        var bytes = try Data(contentsOf: url)
        // The index (two entries of 16 bytes and its 24-byte tail), then into the second record.
        bytes.removeLast(2 * 16 + 24 + 3)
        try bytes.write(to: url)
        try Data("not a segment".utf8).write(to: directory.appendingPathComponent("00/seg-garbage.lbc"))
        try Data("half".utf8).write(to: directory.appendingPathComponent("00/.tmp-left-over"))

        let reloaded = RenderCache(directory: directory, buckets: 1)
        XCTAssertEqual(reloaded.count, 1)
        XCTAssertEqual(reloaded.value(for: "k1"), "good", "records before the damage are kept")
        XCTAssertNil(reloaded.value(for: "k2"))
    }

    /// Segments written before they had an index are read record by record.
    func testASegmentWithoutAnIndexIsRead() throws {
        let directory = try makeTemporaryDirectory(self)
        let folder = directory.appendingPathComponent("00")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("lossbook-render-cache 1\n2 5\nk1value3 9\nkey2é value".utf8).write(to: folder.appendingPathComponent("seg-old.lbc"))
        let cache = RenderCache(directory: directory, buckets: 1)
        XCTAssertEqual(cache.value(for: "k1"), "value")
        XCTAssertEqual(cache.value(for: "key"), "2é value")
        XCTAssertEqual(cache.count, 2)
    }

    /// An index that cannot be trusted whole (its counts do not add up) is ignored and the
    /// records are read one by one; one whose entries point at the wrong places costs lookups
    /// (the key is compared in full), never a wrong value.
    func testADamagedIndexNeverGivesAWrongValue() throws {
        let directory = try makeTemporaryDirectory(self)
        let writer = RenderCache(directory: directory, buckets: 1)
        writer.store("first", for: "a")
        writer.store("second", for: "b")
        writer.flush()
        let url = directory.appendingPathComponent(writer.segmentNames[0])
        let original = try Data(contentsOf: url)

        var miscounted = original
        miscounted[miscounted.count - 24] &+= 1  // the number of entries
        try miscounted.write(to: url)
        let scanned = RenderCache(directory: directory, buckets: 1)
        XCTAssertEqual(scanned.value(for: "a"), "first")
        XCTAssertEqual(scanned.value(for: "b"), "second")

        var swapped = original
        let entries = swapped.count - 24 - 32
        // Each entry's place (bytes 8-15) moved to the other entry: every hash now points at
        // the other key's record.
        let first = swapped.subdata(in: entries + 8..<entries + 16), second = swapped.subdata(in: entries + 24..<entries + 32)
        swapped.replaceSubrange(entries + 8..<entries + 16, with: second)
        swapped.replaceSubrange(entries + 24..<entries + 32, with: first)
        try swapped.write(to: url)
        let misled = RenderCache(directory: directory, buckets: 1)
        XCTAssertNil(misled.value(for: "a"))
        XCTAssertNil(misled.value(for: "b"))
        XCTAssertEqual(misled.count, 2, "counting reads the records themselves")
        XCTAssertEqual(misled.value(for: "a"), "first", "and finds them from then on")

        // Places outside the file, or before the records, find nothing (and read nothing there).
        for place: UInt64 in [UInt64.max, 1 << 40, UInt64(swapped.count), 3] {
            var outside = original
            withUnsafeBytes(of: place.littleEndian) { bytes in
                outside.replaceSubrange(entries + 8..<entries + 16, with: bytes)
                outside.replaceSubrange(entries + 24..<entries + 32, with: bytes)
            }
            try outside.write(to: url)
            let lost = RenderCache(directory: directory, buckets: 1)
            XCTAssertNil(lost.value(for: "a"), "\(place)")
            XCTAssertNil(lost.value(for: "b"), "\(place)")
            XCTAssertEqual(lost.count, 2)
        }
    }

    func testKeysSpreadOverBucketsAndALookupReadsOnlyItsBucket() throws {
        let directory = try makeTemporaryDirectory(self)
        let writer = RenderCache(directory: directory, buckets: 16)
        for number in 0..<200 { writer.store("html \(number)", for: "formula \(number)") }
        writer.flush()
        let folders = Set(writer.segmentNames.map { $0.prefix(2) })
        XCTAssertEqual(folders.count, 16, "200 keys fill every one of 16 buckets")

        let reader = RenderCache(directory: directory, buckets: 16)
        XCTAssertEqual(reader.value(for: "formula 7"), "html 7")
        XCTAssertEqual(reader.bucketsInUse, 1, "one lookup reads one bucket")
        for number in 0..<200 { XCTAssertEqual(reader.value(for: "formula \(number)"), "html \(number)") }
        XCTAssertEqual(reader.count, 200)
    }

    func testMemoryOnlyCache() {
        let cache = RenderCache(directory: nil)
        cache.store("v", for: "k")
        cache.flush()
        XCTAssertEqual(cache.value(for: "k"), "v")
        XCTAssertEqual(cache.segmentNames, [])
    }
}

final class RenderCacheLivePrefixTests: XCTestCase {
    func testEntriesOfAnOlderRendererAreDroppedAtCompaction() throws {
        let directory = try makeTemporaryDirectory(self)
        let old = RenderCache(directory: directory, livePrefix: "v1|", buckets: 1)
        old.store("old", for: "v1|x")
        old.flush()

        let new = RenderCache(directory: directory, maxSegments: 1, livePrefix: "v2|", buckets: 1)
        XCTAssertNil(new.value(for: "v1|x"), "not loaded")
        new.store("new", for: "v2|x")
        new.flush()  // compacts: only live entries are written
        XCTAssertEqual(new.segmentNames.count, 1)

        let reader = RenderCache(directory: directory, livePrefix: "", buckets: 1)
        XCTAssertEqual(reader.count, 1)
        XCTAssertEqual(reader.value(for: "v2|x"), "new")
    }
}

/// Segments written today must read as the documented layout, which older and newer builds read.
final class RenderCacheSegmentLayoutTests: XCTestCase {
    func testASegmentIsWrittenInItsDocumentedLayout() throws {
        let directory = try makeTemporaryDirectory(self)
        let cache = RenderCache(directory: directory, buckets: 1)
        cache.store("value", for: "k1")
        cache.store("é ℓ", for: "key two")
        cache.store(String(repeating: "x", count: 1234), for: "k3")
        cache.flush()
        let folder = directory.appendingPathComponent("00")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lbc") }
        XCTAssertEqual(names.count, 1)
        let bytes = try Data(contentsOf: folder.appendingPathComponent(names[0]))
        let records = Array("lossbook-render-cache 1\n2 5\nk1value7 6\nkey twoé ℓ2 1234\nk3\(String(repeating: "x", count: 1234))".utf8)
        XCTAssertEqual(Array(bytes.prefix(records.count)), records)
        XCTAssertEqual(RenderCache(directory: directory, buckets: 1).value(for: "key two"), "é ℓ")
    }
}

final class RenderCacheSweepTests: XCTestCase {
    func testSweepKeepsWhatWasUsedSinceTheReset() throws {
        let directory = try makeTemporaryDirectory(self)
        let earlier = RenderCache(directory: directory, buckets: 4)
        for key in ["a", "b", "c", "d"] { earlier.store("value of \(key)", for: key) }
        earlier.flush()

        let build = RenderCache(directory: directory, buckets: 4)
        XCTAssertEqual(build.value(for: "a"), "value of a")
        XCTAssertNil(build.value(for: "zz"))
        build.store("value of e", for: "e")
        XCTAssertEqual(build.sweep(), 3, "b, c and d were not used")

        let next = RenderCache(directory: directory, buckets: 4)
        XCTAssertEqual(next.count, 2)
        XCTAssertEqual(next.value(for: "a"), "value of a")
        XCTAssertEqual(next.value(for: "e"), "value of e", "new entries are written by the sweep")
        XCTAssertLessThanOrEqual(next.segmentNames.count, 2, "one segment per bucket that holds anything")

        next.resetUsage()
        XCTAssertEqual(next.value(for: "e"), "value of e")
        let before = next.segmentNames
        XCTAssertEqual(next.sweep(), 1)
        XCTAssertNotEqual(next.segmentNames, before)
        XCTAssertNil(next.value(for: "a"), "a dropped entry is gone, though this cache had read it before")
        XCTAssertEqual(next.value(for: "e"), "value of e")
        XCTAssertEqual(RenderCache(directory: directory, buckets: 4).count, 1)
    }

    func testASweepThatDropsNothingRewritesNothing() throws {
        let directory = try makeTemporaryDirectory(self)
        let first = RenderCache(directory: directory, buckets: 1)
        first.store("x", for: "k")
        first.flush()
        let names = first.segmentNames
        let second = RenderCache(directory: directory, buckets: 1)
        XCTAssertEqual(second.value(for: "k"), "x")
        XCTAssertEqual(second.sweep(), 0)
        XCTAssertEqual(second.segmentNames, names)
    }

    func testSweepDropsAnOlderRenderersEntries() throws {
        let directory = try makeTemporaryDirectory(self)
        let old = RenderCache(directory: directory, livePrefix: "v1|", buckets: 1)
        old.store("old", for: "v1|x")
        old.flush()
        let new = RenderCache(directory: directory, livePrefix: "v2|", buckets: 1)
        new.store("new", for: "v2|x")
        XCTAssertEqual(new.sweep(), 0, "nothing live was dropped")
        let reader = RenderCache(directory: directory, livePrefix: "", buckets: 1)
        XCTAssertEqual(reader.count, 1)
        XCTAssertEqual(reader.value(for: "v2|x"), "new")
    }
}
