import Foundation
import XCTest
@testable import LossbookSite

/// The manifest in its byte framing: what is saved is read back whole, the same manifest always
/// gives the same bytes, and a file cut short, changed, of another version or program, or for
/// another output folder is not used at all.
final class OutputManifestFrameTests: XCTestCase {
    private var root: URL!
    private var site: URL { root.appendingPathComponent("site") }
    private var cache: URL { root.appendingPathComponent("cache") }
    private var file: URL { cache.appendingPathComponent(OutputManifest.fileName) }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-frame-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("1-a"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: site.appendingPathComponent("1-a/a.html"))
        try Data("b".utf8).write(to: site.appendingPathComponent("b.html"))
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    /// A summary with every field and optional filled in, with text that is not ASCII.
    static func fullSummary() -> NoteSummary {
        var reference = ReferencePass.Check(label: "eq-nll", at: SourceRange(start: SourcePosition(line: 3, column: 4),
                                                                             end: SourcePosition(line: 3, column: 10)))
        reference.endColumn = nil
        var location = SourceLocation(path: "content/1-a/é.md", line: 7, column: 2)
        location.end = SourcePosition(line: 8, column: 1)
        return NoteSummary(
            key: "0123456789abcdef0123456789abcdef",
            labels: [LabelIndex.Definition(label: "eq-nll", kind: .equation, line: 5, column: 1, tex: "\\ell(θ) = -\\log p"),
                     LabelIndex.Definition(label: "fig-huber", kind: .figure, line: 9, column: 1, htmlKey: "figure key")],
            anchors: ["", "derivation", "ümlaut"],
            references: [reference, ReferencePass.Check(label: "fig-huber", at: SourceRange(at: SourcePosition(line: 1, column: 1)))],
            links: [LinkPass.Check(image: false, destination: "../2-b/c.md#x", at: SourceRange(at: SourcePosition(line: 2, column: 3))),
                    LinkPass.Check(image: true, destination: "data/p.png", at: SourceRange(at: SourcePosition(line: 400, column: 99)))],
            diagnostics: [.warning(.mathStrict, at: location, "a “warning”\nover two lines"), .error(.renderFailed, at: nil, "")],
            figures: 3,
            sections: ["derivation": PreviewSources.Section(heading: "Derivation", paragraph: "First *paragraph*."),
                       "empty": PreviewSources.Section(heading: "Empty", paragraph: nil)])
    }

    private static func json(_ notes: [String: NoteSummary]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(notes), as: UTF8.self)
    }

    private func manifest() -> OutputManifest {
        var bare = Self.fullSummary()
        bare.sections = nil
        bare.labels = []
        return OutputManifest(output: site, keys: ["1-a/a.html": "key a", "b.html": "key b", "gone.html": "key c"],
                              notes: ["1-a/a.md": Self.fullSummary(), "b.md": bare])
    }

    func testEveryFieldOfEverySummaryAndSignatureIsReadBack() throws {
        // A field added to a summary must be framed too (NoteSummaryFrame.swift): counted here.
        XCTAssertEqual(Mirror(reflecting: Self.fullSummary().fields).children.count, 8)
        XCTAssertEqual(Mirror(reflecting: Self.fullSummary().labels[0]).children.count, 7, "html is not kept; the rest are")
        XCTAssertEqual(Mirror(reflecting: Self.fullSummary().links[0]).children.count, 6)
        XCTAssertEqual(Mirror(reflecting: Self.fullSummary().references[0]).children.count, 5)
        XCTAssertEqual(Mirror(reflecting: Self.fullSummary().diagnostics[0]).children.count, 4)
        XCTAssertEqual(Mirror(reflecting: Self.fullSummary().diagnostics[0].location!).children.count, 4)

        let written = manifest()
        written.save(to: cache)
        let read = try XCTUnwrap(OutputManifest.load(from: cache, output: site))
        XCTAssertEqual(read.output, written.output)
        XCTAssertEqual(read.keys, written.keys)
        XCTAssertEqual(read.signatures, written.signatures)
        XCTAssertEqual(read.signatures.count, 2, "a file that is not in the site has no signature")
        XCTAssertEqual(try Self.json(read.notes), try Self.json(written.notes))
        XCTAssertNil(read.notes["1-a/a.md"]?.references[0].endColumn, "an absent end stays absent")
        XCTAssertNotNil(read.reusable("1-a/a.html", key: "key a", in: site))
    }

    func testTheManifestReadInTheBackgroundIsTheOneReadInPlaceOrNone() throws {
        XCTAssertNil(ManifestLoad(cacheDirectory: cache, output: site).wait(), "none saved yet")
        manifest().save(to: cache)
        let background = try XCTUnwrap(ManifestLoad(cacheDirectory: cache, output: site).wait())
        XCTAssertEqual(background.framed(), try XCTUnwrap(OutputManifest.load(from: cache, output: site)).framed())
        XCTAssertNil(ManifestLoad(cacheDirectory: cache, output: root).wait(), "another output folder's")
        let data = try Data(contentsOf: file)
        try data.prefix(data.count - 1).write(to: file)
        XCTAssertNil(ManifestLoad(cacheDirectory: cache, output: site).wait(), "cut short")
        XCTAssertNil(ManifestLoad(cacheDirectory: nil, output: site).wait())
    }

    func testTheSameManifestGivesTheSameBytes() throws {
        let first = manifest().framed()
        var other = manifest()
        // Built in another order, the dictionaries hash differently: the bytes do not change.
        other.keys = Dictionary(uniqueKeysWithValues: other.keys.sorted { $0.key > $1.key })
        XCTAssertEqual(first, other.framed())
        XCTAssertEqual(first, try OutputManifest(framed: first).framed())
    }

    func testAManifestCutShortChangedOrForeignIsNotUsed() throws {
        manifest().save(to: cache)
        let whole = try Data(contentsOf: file)
        XCTAssertNotNil(OutputManifest.load(from: cache, output: site))
        XCTAssertNil(OutputManifest.load(from: cache, output: root.appendingPathComponent("elsewhere")), "another output folder")
        for length in [0, 1, 10, whole.count / 2, whole.count - 17, whole.count - 1] {
            try whole.prefix(length).write(to: file)
            XCTAssertNil(OutputManifest.load(from: cache, output: site), "cut to \(length) bytes")
        }
        for offset in [0, 30, whole.count / 3, whole.count / 2, whole.count - 20, whole.count - 1] {
            var changed = whole
            changed[offset] ^= 0x20
            try changed.write(to: file)
            XCTAssertNil(OutputManifest.load(from: cache, output: site), "byte \(offset) changed")
        }
        try (whole + Data([0])).write(to: file)
        XCTAssertNil(OutputManifest.load(from: cache, output: site), "a byte too many")

        // Another version or program, with a valid digest: the header says no.
        for (name, version) in [(OutputManifest.frameName, OutputManifest.frameVersion + 1), ("lossbook other cache", OutputManifest.frameVersion)] {
            var out = ByteFrame.Writer(name: name, version: version)
            out.string(site.standardizedFileURL.path)
            out.integer(0)
            out.integer(0)
            try out.finished().write(to: file)
            XCTAssertNil(OutputManifest.load(from: cache, output: site), "\(name) \(version)")
        }
        // A valid frame whose counts run past its end.
        var out = ByteFrame.Writer(name: OutputManifest.frameName, version: OutputManifest.frameVersion)
        out.string(site.standardizedFileURL.path)
        out.integer(1 << 40)
        try out.finished().write(to: file)
        XCTAssertNil(OutputManifest.load(from: cache, output: site))
    }

    func testSavingRemovesTheJSONManifestOfEarlierVersions() throws {
        let old = cache.appendingPathComponent("output-manifest.json")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: old)
        manifest().save(to: cache)
        XCTAssertFalse(FileManager.default.fileExists(atPath: old.path))
    }

    func testKnownSignaturesAreRecordedWithoutLookingAtTheFile() throws {
        let seen = OutputManifest.Signature(size: 1, seconds: 2, nanoseconds: 3, inode: 4)
        let manifest = OutputManifest(output: site, keys: ["b.html": "key b", "1-a/a.html": "key a"], notes: [:], known: ["b.html": seen])
        XCTAssertEqual(manifest.signatures["b.html"], seen)
        XCTAssertEqual(manifest.signatures["1-a/a.html"], OutputManifest.Signature(of: site.appendingPathComponent("1-a/a.html").path))
    }

    func testTheChecksumChangesWithAnyOneBitAndWithTheLength() {
        let bytes = (0..<37).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let sum = bytes.withUnsafeBytes { ByteFrame.checksum($0) }
        for index in bytes.indices {
            for bit in 0..<8 {
                var changed = bytes
                changed[index] ^= 1 << bit
                XCTAssertNotEqual(changed.withUnsafeBytes { ByteFrame.checksum($0) }, sum, "byte \(index), bit \(bit)")
            }
        }
        XCTAssertNotEqual((bytes + [0]).withUnsafeBytes { ByteFrame.checksum($0) }, sum, "a zero byte more")
        XCTAssertNotEqual(bytes.dropLast().withUnsafeBytes { ByteFrame.checksum($0) }, sum)
    }

    /// Bytes that pass the checksum but are otherwise anything (a damaged file re-summed, another
    /// writer's bug): read or refused, never a crash.
    func testChangedBytesWithAValidChecksumAreReadOrRefusedNeverACrash() throws {
        var reads = NoteReads(content: root, displayPrefix: "content", started: 1)
        reads.entries["a.md"] = NoteReads.Entry(
            signature: NoteReads.Signature(device: 1, inode: 2, size: 3, modified: 4, changed: 5),
            frontMatter: FrontMatter(title: "A", description: "d", order: 2), diagnostics: Self.fullSummary().diagnostics,
            bodyOffset: 20, bodyFirstLine: 4, bodyDigest: "digest")
        for (whole, name) in [(manifest().framed(), OutputManifest.frameName), (reads.framed(), NoteReads.frameName)] {
            try readOrRefuse(whole, header: Array(name.utf8).count + 1)
        }
    }

    private func readOrRefuse(_ whole: Data, header: Int) throws {
        let body = [UInt8](whole.dropLast(8))
        var generator = SystemRandomNumberGenerator()
        func resummed(_ bytes: [UInt8]) -> Data {
            var data = Data(bytes)
            let sum = bytes.withUnsafeBytes { ByteFrame.checksum($0) }
            withUnsafeBytes(of: sum.littleEndian) { data.append(contentsOf: $0) }
            return data
        }
        for _ in 0..<2000 {
            var bytes = body
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: header..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) { bytes = Array(bytes.prefix(Int.random(in: header..<bytes.count, using: &generator))) }
            _ = try? OutputManifest(framed: resummed(bytes))
            _ = try? NoteReads(framed: resummed(bytes))
        }
        XCTAssertTrue((try? OutputManifest(framed: resummed(body))) != nil || (try? NoteReads(framed: resummed(body))) != nil,
                      "the unchanged bytes still read")
    }
}
