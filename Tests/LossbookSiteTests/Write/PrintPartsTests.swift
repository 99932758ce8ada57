import Foundation
import XCTest
@testable import LossbookSite

/// `.lossbook-cache/print-parts.bin`: where each page's part lies in the print page the last build
/// wrote. Believed only for the print page the manifest vouches for, as it was written; a part is
/// placed only where its bytes are found as they are.
final class PrintPartsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("print-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    func testTheIndexReadsBackAndRefusesDamage() throws {
        let parts = PrintParts(key: "k", ranges: ["b": 10..<20, "a": 0..<0, "é": 5..<7])
        let framed = parts.framed()
        let read = try PrintParts(framed: framed)
        XCTAssertEqual(read.key, "k")
        XCTAssertEqual(read.ranges, parts.ranges)
        XCTAssertEqual(PrintParts(key: "k", ranges: parts.ranges).framed(), framed, "the same index gives the same bytes")
        for cut in [0, 8, framed.count / 2, framed.count - 1] {
            XCTAssertThrowsError(try PrintParts(framed: framed.prefix(cut)), "cut to \(cut) bytes")
        }
        var flipped = framed
        flipped[framed.count / 2] ^= 0x40
        XCTAssertThrowsError(try PrintParts(framed: flipped))
    }

    func testPartsArePlacedWhereTheirBytesAre() throws {
        let template = try PageTemplate(parsing: """
            {{{lead}}}{{#chapters}}<article id="{{anchor}}">{{{extra}}}{{{html}}}</article>{{/chapters}}<footer>{{{html}}}</footer>
            """)
        let one = Array("<p>é one</p>".utf8), two = Array("<p>two</p>".utf8), empty: [UInt8] = []
        let context: TemplateContext = [
            "lead": .markup(two),  // the second part's bytes before the first part: not taken for it
            "html": .markup(one),
            "chapters": .list([.object(["anchor": "a", "html": .markup(one), "extra": .markup(Array("<i>".utf8))]),
                               .object(["anchor": "b", "html": .markup(two)]),
                               .object(["anchor": "c", "html": .markup(empty)])]),
        ]
        let (page, slots) = template.renderData(context, partials: [:], capacity: 64)
        let placed = PrintPage.placements(of: [("a.html", one), ("b.html", two), ("c.html", empty)], in: page, slots: slots)
        for (path, html) in [("a.html", one), ("b.html", two), ("c.html", empty)] {
            let range = try XCTUnwrap(placed[path], path)
            XCTAssertEqual(Array(page[range]), html, path)
        }
        XCTAssertLessThan(placed["a.html"]!.lowerBound, placed["b.html"]!.lowerBound, "in order, after the lead")
        XCTAssertGreaterThan(placed["a.html"]!.lowerBound, 2 + two.count, "the lead's copy of the second part is not the first part's place")

        // An indented partial changes a part's bytes: it is not placed.
        let indented = try PageTemplate(parsing: "<article>\n  {{> body}}\n</article>\n")
        let multiline = Array("<p>a</p>\n<p>b</p>".utf8)
        let (other, otherSlots) = indented.renderData(["html": .markup(multiline)], partials: ["body": try PageTemplate(parsing: "{{{html}}}\n")],
                                                      capacity: 64)
        XCTAssertEqual(PrintPage.placements(of: [("a.html", multiline)], in: other, slots: otherSlots), [:])
    }

    func testAPartIsReadOnlyFromTheFileAsItWasWritten() throws {
        let path = folder.path + "/print.html"
        try Data("<html>héllo, world</html>".utf8).write(to: URL(fileURLWithPath: path))
        let signature = try XCTUnwrap(OutputManifest.Signature(of: path))
        let ranges = ["hello": 6..<13, "out": 20..<40, "empty": 3..<3]
        let reader = try XCTUnwrap(PrintParts.Reader(path: path, signature: signature, ranges: ranges))
        XCTAssertEqual(reader.part(named: "hello").map { String(decoding: $0, as: UTF8.self) }, "héllo,")
        XCTAssertEqual(reader.part(named: "empty"), [])
        XCTAssertNil(reader.part(named: "out"), "a range past the end gives nothing")
        XCTAssertNil(reader.part(named: "missing"))

        var changed = signature
        changed.nanoseconds += 1
        XCTAssertNil(PrintParts.Reader(path: path, signature: changed, ranges: ranges), "another signature: not this file")
        XCTAssertNil(PrintParts.Reader(path: folder.path + "/none.html", signature: signature, ranges: ranges))
        XCTAssertNil(PrintParts.Reader(path: folder.path, signature: signature, ranges: ranges), "a folder is not a print page")
    }

    func testTheLastPrintPageIsBelievedOnlyUnderTheManifestsKey() throws {
        let output = folder.appendingPathComponent("site"), cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("<p>one</p><p>two</p>".utf8).write(to: output.appendingPathComponent(PrintPage.path))
        PrintParts.save(PrintParts(key: "key-1", ranges: ["one": 0..<10, "two": 10..<20]), in: cache)
        var manifest = OutputManifest(output: output, keys: [PrintPage.path: "key-1"], notes: [:])
        let reader = try XCTUnwrap(PrintParts.lastPrintPage(cacheDirectory: cache, manifest: manifest, output: output))
        XCTAssertEqual(reader.part(named: "two"), Array("<p>two</p>".utf8))

        // The manifest vouches for another print page (a build saved its ranges, then failed).
        manifest.keys[PrintPage.path] = "key-2"
        XCTAssertNil(PrintParts.lastPrintPage(cacheDirectory: cache, manifest: manifest, output: output))
        manifest.keys[PrintPage.path] = "key-1"
        // The print page was replaced since the manifest was saved.
        Thread.sleep(forTimeInterval: 0.01)
        try Data("<p>ONE</p><p>TWO</p>".utf8).write(to: output.appendingPathComponent(PrintPage.path))
        XCTAssertNil(PrintParts.lastPrintPage(cacheDirectory: cache, manifest: manifest, output: output))
        XCTAssertNil(PrintParts.lastPrintPage(cacheDirectory: cache, manifest: nil, output: output))

        // Saving no index (the print page has no key) removes the last one.
        PrintParts.save(nil, in: cache)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.appendingPathComponent(PrintParts.fileName).path))
    }

    func testTheFolderOfEarlierVersionsIsRemoved() throws {
        let legacy = folder.appendingPathComponent(PrintParts.legacyFolder)
        try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: legacy.appendingPathComponent("0123.html"))
        PrintParts.removeLegacyFolder(in: folder)
        XCTAssertEqual(files(), [])
        PrintParts.removeLegacyFolder(in: folder)  // nothing there: nothing happens
    }

    func testAtomicFileFromBytesReplacesTheTarget() throws {
        let path = folder.path + "/x.html"
        try Data("old contents, longer".utf8).write(to: URL(fileURLWithPath: path))
        try Array("new".utf8).withUnsafeBytes { try AtomicFile.write($0, toPath: path) }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual(files(), ["x.html"])
        XCTAssertThrowsError(try Array("x".utf8).withUnsafeBytes { try AtomicFile.write($0, toPath: folder.path + "/missing/y.html") })
        XCTAssertEqual(files(), ["x.html"])
    }
}
