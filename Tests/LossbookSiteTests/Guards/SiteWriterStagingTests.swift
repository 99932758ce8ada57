import Foundation
import XCTest
@testable import LossbookSite

/// The site is written beside the output folder and swapped in whole: until `commit` the old
/// site is untouched; `abandon` and every failure leave it as it was and nothing beside it.
final class SiteWriterStagingTests: XCTestCase {
    private var root: URL!
    private var output: URL { root.appendingPathComponent("site") }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    private func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    }

    private func files(_ folder: URL) -> [String: String] {
        var result: [String: String] = [:]
        let base = folder.standardizedFileURL.path + "/"
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [:] }
        for case let url as URL in enumerator {
            var isFolder: ObjCBool = false
            let path = url.standardizedFileURL.path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                result[String(path.dropFirst(base.count))] = (try? String(contentsOf: url, encoding: .utf8)) ?? "?"
            }
        }
        return result
    }

    private func writeOldSite() throws {
        let staging = try SiteWriter(outputDirectory: output).begin()
        try staging.write(["index.html": Data("old".utf8), "a/page.html": Data("old page".utf8)])
        try staging.commit(copies: [:], links: [:])
    }

    func testNothingChangesUntilCommitThenTheWholeSiteAtOnce() throws {
        try writeOldSite()
        let old = files(output)
        let staging = try SiteWriter(outputDirectory: output).begin()
        XCTAssertEqual(try entries(), [".site.staging-\(ProcessInfo.processInfo.processIdentifier)", "site"], "staged beside the output")
        XCTAssertTrue(OutputGuard.isStamped(staging.folder), "the staging folder is marked as lossbook's from the start")
        try staging.write(["index.html": Data("new".utf8)])
        try staging.write(["b/c/deep.html": Data("deep".utf8), "b/other.html": Data("other".utf8)])
        XCTAssertEqual(files(output), old, "writes go to the staging folder only")

        let asset = root.appendingPathComponent("asset.css")
        try Data("css".utf8).write(to: asset)
        let kept = output.appendingPathComponent("a/page.html")
        try staging.commit(copies: ["assets/style.css": asset], links: ["a/page.html": kept])
        var expected = ["index.html": "new", "b/c/deep.html": "deep", "b/other.html": "other",
                        "assets/style.css": "css", "a/page.html": "old page"]
        expected[OutputGuard.stampName] = OutputGuard.stampText
        XCTAssertEqual(files(output), expected)
        XCTAssertEqual(try entries(), ["asset.css", "site"], "no staging or retired folder is left")
    }

    func testAnUnchangedPageIsLinkedNotCopied() throws {
        try writeOldSite()
        let before = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("a/page.html").path)
        let staging = try SiteWriter(outputDirectory: output).begin()
        try staging.commit(copies: [:], links: ["a/page.html": output.appendingPathComponent("a/page.html")])
        let after = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("a/page.html").path)
        XCTAssertEqual(before[.systemFileNumber] as? Int, after[.systemFileNumber] as? Int, "the same file, hard-linked")
        XCTAssertEqual(files(output)["a/page.html"], "old page")
        XCTAssertNil(files(output)["index.html"], "what the new site does not have is gone")
    }

    func testAbandonLeavesTheOldSiteAndNothingBeside() throws {
        try writeOldSite()
        let old = files(output)
        let staging = try SiteWriter(outputDirectory: output).begin()
        try staging.write(["index.html": Data("half".utf8)])
        staging.abandon()
        XCTAssertEqual(files(output), old)
        XCTAssertEqual(try entries(), ["site"])
    }

    func testAFailedWriteAbandonsTheStagingFolder() throws {
        try writeOldSite()
        let old = files(output)
        let staging = try SiteWriter(outputDirectory: output).begin()
        // "x" is a file, so "x/y.html" cannot be written.
        XCTAssertThrowsError(try staging.write(["x": Data("file".utf8), "x/y.html": Data("page".utf8)])) { error in
            let message = (error as? BuildFailure)?.diagnostics.first?.message ?? ""
            XCTAssertTrue(message.hasPrefix("cannot write the site into '"), message)
        }
        XCTAssertEqual(files(output), old)
        XCTAssertEqual(try entries(), ["site"])
    }

    func testAFailedCommitLeavesTheOldSite() throws {
        try writeOldSite()
        let old = files(output)
        let staging = try SiteWriter(outputDirectory: output).begin()
        try staging.write(["index.html": Data("new".utf8)])
        XCTAssertThrowsError(try staging.commit(copies: ["gone.css": root.appendingPathComponent("missing.css")], links: [:]))
        XCTAssertEqual(files(output), old)
        XCTAssertEqual(try entries(), ["site"])
    }

    func testTheFirstSiteIsMovedIntoPlace() throws {
        let staging = try SiteWriter(outputDirectory: output).begin()
        try staging.write(["index.html": Data("first".utf8)])
        try staging.commit(copies: [:], links: [:])
        XCTAssertEqual(files(output)["index.html"], "first")
        XCTAssertEqual(try entries(), ["site"])
    }
}
