import Foundation
import XCTest
@testable import LossbookSite

/// `.lossbook-cache/print/`: a page's part of the print page is made once per page key and
/// place, kept as a file, and read back by the next build instead of being made again.
final class PrintChunkCacheTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("print-cache-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    func testAPartIsWrittenOnceAndReadBackByTheNextBuild() throws {
        let part = Array("<h1 id=\"p1-top\">é</h1>".utf8)
        var first = PrintChunkCache(directory: folder, pageKeys: ["a.html": "key-a", "b.html": "key-b"])
        XCTAssertEqual(first.chunk(for: "a.html", prefix: "p1-", make: { part }), part)
        XCTAssertEqual(first.chunk(for: "b.html", prefix: "p2-", make: { nil }), nil, "a page without a part keeps nothing")
        let written = files()
        XCTAssertEqual(written.count, 1, "\(written)")
        XCTAssertTrue(written[0].hasSuffix(".html") && !written[0].hasPrefix("."), "no temporary file is left: \(written)")
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(written[0])), Data(part))

        var second = PrintChunkCache(directory: folder, pageKeys: ["a.html": "key-a"])
        XCTAssertEqual(second.chunk(for: "a.html", prefix: "p1-", make: { XCTFail("made again"); return nil }), part)
        // Another key (the page changed) or another place in the course makes it again.
        var third = PrintChunkCache(directory: folder, pageKeys: ["a.html": "key-a2"])
        XCTAssertEqual(third.chunk(for: "a.html", prefix: "p1-", make: { Array("new".utf8) }), Array("new".utf8))
        third.sweep()
        XCTAssertEqual(files().count, 1, "the part no page used is removed")
        var fourth = PrintChunkCache(directory: folder, pageKeys: ["a.html": "key-a2"])
        XCTAssertEqual(fourth.chunk(for: "a.html", prefix: "p1-", make: { nil }), Array("new".utf8))
    }

    func testAtomicFileFromBytesReplacesTheTarget() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.path + "/x.html"
        try Data("old contents, longer".utf8).write(to: URL(fileURLWithPath: path))
        try Array("new".utf8).withUnsafeBytes { try AtomicFile.write($0, toPath: path) }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual(files(), ["x.html"])
        XCTAssertThrowsError(try Array("x".utf8).withUnsafeBytes { try AtomicFile.write($0, toPath: folder.path + "/missing/y.html") })
        XCTAssertEqual(files(), ["x.html"])
    }
}
