import Foundation
import XCTest
@testable import LossbookSite

/// The stamp that lets a build with nothing changed stop early: it must notice every change of
/// what a build reads and of what it left in the output folder, and nothing else.
final class BuildStampTests: XCTestCase {
    private var root: URL!
    private var options: BuildOptions!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("stamp-\(UUID().uuidString)")
        for path in ["content/1-part/a.md", "content/index.md", "templates/page.mustache", "site/index.html"] {
            try write(path, "text of \(path)")
        }
        options = BuildOptions(contentDirectory: root.appendingPathComponent("content"),
                               templatesDirectory: root.appendingPathComponent("templates"),
                               outputDirectory: root.appendingPathComponent("site"),
                               cacheDirectory: root.appendingPathComponent("cache"))
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private var inputs: String { BuildStamp.inputSignature(of: options) }

    func testEveryChangeToAnInputChangesTheSignature() throws {
        let start = inputs
        XCTAssertEqual(inputs, start, "nothing changed, nothing differs")
        var seen: Set<String> = [start]
        func changed(_ what: String, file: StaticString = #filePath, line: UInt = #line) {
            let now = inputs
            XCTAssertTrue(seen.insert(now).inserted, "\(what) left the signature as it was", file: file, line: line)
        }
        try write("content/1-part/a.md", "text of content/1-part/a.md, edited")
        changed("a note edited")
        try write("content/1-part/b.md", "new")
        changed("a note added")
        try FileManager.default.moveItem(at: root.appendingPathComponent("content/1-part/b.md"), to: root.appendingPathComponent("content/1-part/c.md"))
        changed("a note renamed")
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/1-part/c.md"))
        changed("a note deleted")
        try write("content/2-part/index.md", "a part")
        changed("a part added")
        try write("templates/page.mustache", "a longer page template")
        changed("a template edited")
        try write("content/image.png", "an asset")
        changed("an asset added")
        options.includeDrafts = true
        changed("drafts included")
        options.mathDelimiters = .dollarsAndBrackets
        changed("math delimiters")
        options.address = SiteAddress("https://example.org/")
        changed("a base URL")
        options.contentDisplayPath = "./content"
        changed("the content folder's display name")
    }

    func testTheOutputSignatureSeesEditsStrayFilesAndDeletions() throws {
        let site = root.appendingPathComponent("site")
        var seen: Set<String> = [BuildStamp.outputSignature(of: site)]
        XCTAssertEqual(BuildStamp.outputSignature(of: site), seen.first)
        try write("site/index.html", "edited by hand, longer")
        XCTAssertTrue(seen.insert(BuildStamp.outputSignature(of: site)).inserted, "a page edited")
        try write("site/stray.html", "stray")
        XCTAssertTrue(seen.insert(BuildStamp.outputSignature(of: site)).inserted, "a stray file")
        try FileManager.default.removeItem(at: site.appendingPathComponent("index.html"))
        XCTAssertTrue(seen.insert(BuildStamp.outputSignature(of: site)).inserted, "a page deleted")
        try FileManager.default.removeItem(at: site)
        XCTAssertTrue(seen.insert(BuildStamp.outputSignature(of: site)).inserted, "the site deleted")
    }

    func testAStampHoldsOnlyWhileInputsAndOutputAreAsSaved() throws {
        let site = root.appendingPathComponent("site")
        let warning = Diagnostic.warning(.glossaryUnknown, at: SourceLocation(path: "content/index.md", line: 2, column: 3), "a warning")
        BuildStamp.save(in: options.cacheDirectory, inputs: "inputs-1", output: site, pages: 7, warnings: [warning])
        let stamp = try XCTUnwrap(BuildStamp.current(in: options.cacheDirectory, inputs: "inputs-1", output: site))
        XCTAssertEqual(stamp.pages, 7)
        XCTAssertEqual(stamp.warnings, [warning], "the warnings are kept to be reported again")
        XCTAssertNil(BuildStamp.current(in: options.cacheDirectory, inputs: "inputs-2", output: site), "other inputs")
        XCTAssertNil(BuildStamp.current(in: nil, inputs: "inputs-1", output: site), "no cache, no stamp")
        try write("site/index.html", "changed output, longer")
        XCTAssertNil(BuildStamp.current(in: options.cacheDirectory, inputs: "inputs-1", output: site), "the output changed")

        BuildStamp.save(in: options.cacheDirectory, inputs: "inputs-1", output: site, pages: 7, warnings: [])
        XCTAssertNotNil(BuildStamp.current(in: options.cacheDirectory, inputs: "inputs-1", output: site))
        BuildStamp.remove(in: options.cacheDirectory)
        XCTAssertNil(BuildStamp.current(in: options.cacheDirectory, inputs: "inputs-1", output: site), "removed")

        BuildStamp.save(in: options.cacheDirectory, inputs: "inputs-1", output: site, pages: 7, warnings: [])
        try write("cache/\(BuildStamp.fileName)", "{ damaged")
        XCTAssertNil(BuildStamp.current(in: options.cacheDirectory, inputs: "inputs-1", output: site), "a damaged stamp is no stamp")
    }
}
