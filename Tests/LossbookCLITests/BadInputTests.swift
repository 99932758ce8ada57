import Foundation
import LossbookTestSupport
import XCTest

/// The catalogue of bad inputs: each gives one clear `path:line:col: error:`, exit status 1, and
/// leaves the last good site byte-identical.
final class BadInputTests: XCTestCase {
    private var project: TestProject!
    private var goodSite: [String: Data] = [:]

    override func setUpWithError() throws {
        project = try TestProject(files: BuildCommandTests.goodCourse)
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        goodSite = DirectorySnapshot.take(project.root.appendingPathComponent("site"))
    }

    override func tearDown() {
        project.remove()
    }

    /// Builds with one more file (or a changed one) and checks the message, the status and the site.
    private func expectFailure(_ path: String, _ text: String?, data: Data? = nil, message: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        if let text { try project.write(path, text) }
        if let data { try project.write(path, data) }
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 1, "exit status", file: file, line: line)
        XCTAssertTrue(run.stderr.contains(message), "expected '\(message)' in:\n\(run.stderr)", file: file, line: line)
        let after = DirectorySnapshot.take(project.root.appendingPathComponent("site"))
        XCTAssertEqual(DirectorySnapshot.differences(goodSite, after), [], "site/ changed", file: file, line: line)
    }

    func testMalformedFrontMatter() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: [a\n---\n", message: "content/1-basics/x.md:2:1: error: invalid YAML")
    }

    func testFrontMatterThatNeverCloses() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n\nbody\n", message: "content/1-basics/x.md:1:1: error: front matter opened here is never closed")
    }

    func testWrongTypedField() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\norder: soon\n---\n", message: "content/1-basics/x.md:3:8: error: field 'order' of front matter must be a whole number, found 'soon'")
    }

    func testUnclosedDisplayMath() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\ntext\n\n$$\nx^2\n", message: "content/1-basics/x.md:6:1: error: display math opened with '$$' is never closed")
    }

    func testTeXThatKaTeXRejects() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\nSee $\\fracc{1}{2}$.\n", message: "content/1-basics/x.md:4:6: error: KaTeX cannot render this formula")
    }

    func testUnknownDirective() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n```lsos\nloss: mse\n```\n", message: "content/1-basics/x.md:4:1: error: unknown directive 'lsos' (did you mean 'loss'?)")
    }

    func testDirectiveWithBadArguments() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n```plot\ntitle: P\nx: {min: 2, max: 1}\ncurves: [{loss: nope}]\n```\n",
                          message: "content/1-basics/x.md:6:4: error: the x range is empty")
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n```loss\nloss: mse\nargs: {input: [1], target: [1, 2]}\n```\n",
                          message: "content/1-basics/x.md:5:1: error: loss 'mse':")
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n```plot\ntitle: P\nx: {min: -1, max: 1}\ncurves: [{loss: nope}]\n```\n",
                          message: "content/1-basics/x.md:7:10: error: unknown loss 'nope'")
    }

    func testUnknownAndDuplicateLabels() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\nAs @eq-nothing shows.\n", message: "content/1-basics/x.md:4:4: error: reference to unknown label '@eq-nothing'")
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n$$\nb\n$$ {#eq-ab}\n", message: "error: label 'eq-ab' is already used at content/1-basics/first.md:7:3")
    }

    func testLinksToMissingPagesAnchorsAndImages() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n[a](nope.md)\n", message: "content/1-basics/x.md:4:1: error: link to 'nope.md', which is not a note of the course")
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n[a](first.md#nope)\n", message: "content/1-basics/x.md:4:1: error: link to 'first.md#nope': that page has no heading or label 'nope'")
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n![a](plot.png)\n", message: "content/1-basics/x.md:4:1: error: image 'plot.png' does not exist in the content folder")
    }

    func testPathsThatLeaveTheContentFolder() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n[p](../../../etc/passwd)\n", message: "content/1-basics/x.md:4:1: error: refused: '../../../etc/passwd' leads outside the content folder")
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n![p](/etc/passwd)\n", message: "content/1-basics/x.md:4:1: error: refused: '/etc/passwd' is an absolute path")
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/1-basics/x.md"))
        try FileManager.default.createSymbolicLink(atPath: project.root.appendingPathComponent("content/1-basics/secret.md").path, withDestinationPath: "/etc/hostname")
        try expectFailure("content/1-basics/secret.md", nil, message: "content/1-basics/secret.md:1:1: error: refused: '1-basics/secret.md' is a link to '/etc/hostname', outside the content folder")
    }

    func testTwoFilesWithTheSameOutputPath() throws {
        try expectFailure("content/1-basics/first.html", "<p>clash</p>", message: "content/1-basics/first.html:1:1: error: this file would be written to 1-basics/first.html in the site")
    }

    func testFileThatIsNotUTF8() throws {
        try expectFailure("content/1-basics/x.md", nil, data: Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x3A, 0xFF, 0x0A]), message: "content/1-basics/x.md:2:3: error: the file is not valid UTF-8")
    }

    func testEmptyFile() throws {
        try expectFailure("content/1-basics/x.md", "", message: "content/1-basics/x.md:1:1: error: the file is empty; a note must start with front matter")
    }

    func testDeepNesting() throws {
        try expectFailure("content/1-basics/x.md", "---\ntitle: A\n---\n" + String(repeating: "> ", count: 10_000) + "x\n",
                          message: "content/1-basics/x.md:4:")
        let run = try project.run(["build"])
        XCTAssertTrue(run.stderr.contains("nested more than 64 levels deep"), run.stderr)
    }

    func testTemplateWithASyntaxError() throws {
        try expectFailure("templates/page.mustache", "{{#parts}}\n<p>{{title}</p>\n", message: "templates/page.mustache:")
        let run = try project.run(["build"])
        XCTAssertTrue(run.stderr.contains("error: template syntax error"), run.stderr)
    }

    func testOutputFolderThatCannotBeWritten() throws {
        try project.write("blocked", "a file, not a folder")
        let run = try project.run(["build", "--output", "blocked/site"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("lossbook: error: cannot write the site"), run.stderr)
    }

    func testTenMegabyteFileBuilds() throws {
        var text = "---\ntitle: Big\n---\n"
        let paragraph = String(repeating: "A loss is an assumption about the data, with $x_i$ inline. ", count: 20) + "\n\n"
        while text.utf8.count < 10_000_000 { text += paragraph }
        try project.write("content/1-basics/big.md", text)
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
    }
}
