import Foundation
import XCTest
@testable import LossbookSite

/// The swap of a new site into the output folder: one exchange where the file system has it,
/// two renames where it does not, and never a moment without a whole site in the exchange case.
final class SiteWriterSwapTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("swap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    private func writeSite(_ text: String, exchanges: Bool) throws {
        let writer = SiteWriter(outputDirectory: root.appendingPathComponent("site"), exchanges: exchanges)
        let staging = try writer.begin()
        try staging.write(["index.html": Data(text.utf8)])
        try staging.commit(copies: [:], links: [:])
    }

    func testExchangeSwapsTwoFoldersInOneStep() throws {
        let first = root.appendingPathComponent("a"), second = root.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: second, withIntermediateDirectories: true)
        try Data("A".utf8).write(to: first.appendingPathComponent("f"))
        try Data("B".utf8).write(to: second.appendingPathComponent("f"))
        XCTAssertEqual(AtomicExchange.exchange(first.path, second.path), .exchanged)
        XCTAssertEqual(try String(contentsOf: first.appendingPathComponent("f"), encoding: .utf8), "B")
        XCTAssertEqual(try String(contentsOf: second.appendingPathComponent("f"), encoding: .utf8), "A")
        XCTAssertEqual(AtomicExchange.exchange(first.path, root.appendingPathComponent("missing").path), .failed(ENOENT))
    }

    func testBothSwapsReplaceTheSiteAndLeaveNothingBeside() throws {
        for exchanges in [true, false] {
            try writeSite("one", exchanges: exchanges)
            try writeSite("two", exchanges: exchanges)
            let site = root.appendingPathComponent("site")
            XCTAssertEqual(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8), "two")
            XCTAssertTrue(OutputGuard.isStamped(site), "the site carries the stamp")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["site"], "exchanges: \(exchanges)")
            try FileManager.default.removeItem(at: site)
        }
    }

    func testStaleFolderNamesAreThisOutputsOnly() {
        let stale = StaleFolders(output: root.appendingPathComponent("site"))
        XCTAssertEqual(stale.parse(".site.staging-123")?.pid, 123)
        XCTAssertEqual(stale.parse(".site.previous-9")?.kind, "previous")
        XCTAssertNil(stale.parse(".site.staging-12x"))
        XCTAssertNil(stale.parse(".site.staging--1"))
        XCTAssertNil(stale.parse(".other.staging-1"))
        XCTAssertNil(stale.parse("site.staging-1"))
    }
}
