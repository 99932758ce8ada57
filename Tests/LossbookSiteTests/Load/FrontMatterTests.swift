import XCTest
@testable import LossbookSite

final class FrontMatterTests: XCTestCase {
    private func read(_ text: String) -> (FrontMatter?, [String]) {
        switch FrontMatterParser.split(text, path: "n.md") {
        case .failure(let diagnostic): return (nil, [diagnostic.description])
        case .success(let split):
            let (frontMatter, diagnostics) = FrontMatterParser.read(split, path: "n.md")
            return (frontMatter, diagnostics.map(\.description))
        }
    }

    func testAllFields() {
        let (frontMatter, problems) = read("---\ntitle: Gaussian → MSE\ndescription: One line.\norder: 3\ndraft: true\n---\nbody")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(frontMatter, FrontMatter(title: "Gaussian → MSE", description: "One line.", order: 3, draft: true))
    }

    func testBodyStartsAfterTheClosingLine() throws {
        guard case .success(let split) = FrontMatterParser.split("---\ntitle: A\n---\nfirst body line", path: "n.md") else {
            return XCTFail("no split")
        }
        XCTAssertEqual(split.bodyFirstLine, 4)
        XCTAssertEqual(split.body, "first body line")
    }

    func testMissingFrontMatter() {
        XCTAssertEqual(read("# Just a heading").1,
                       ["n.md:1:1: error: a note must start with front matter: a line '---', then 'title: …', then a line '---'"])
    }

    func testEmptyFile() {
        XCTAssertTrue(read("").1.first?.contains("the file is empty") ?? false)
    }

    func testUnclosedFrontMatter() {
        XCTAssertEqual(read("---\ntitle: A\nbody").1,
                       ["n.md:1:1: error: front matter opened here is never closed; end it with a line '---'"])
    }

    func testMalformedYAMLPointsIntoTheFile() {
        let problems = read("---\ntitle: A\norder: [1, 2\n---\n").1
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].hasPrefix("n.md:4:") || problems[0].hasPrefix("n.md:3:"), problems[0])
        XCTAssertTrue(problems[0].contains("error: invalid YAML"), problems[0])
    }

    func testMissingTitle() {
        XCTAssertEqual(read("---\norder: 1\n---\n").1, ["n.md:2:1: error: front matter is missing the required field 'title'"])
    }

    func testWrongTypes() {
        let problems = read("---\ntitle: A\norder: first\ndraft: maybe\n---\n").1
        XCTAssertEqual(problems, [
            "n.md:3:8: error: field 'order' of front matter must be a whole number, found 'first'",
            "n.md:4:8: error: field 'draft' of front matter must be true or false, found 'maybe'",
        ])
    }

    func testTitleMustBeAString() {
        XCTAssertEqual(read("---\ntitle: [a, b]\n---\n").1, ["n.md:2:8: error: field 'title' of front matter must be a string, found a list"])
    }

    func testUnknownFieldIsAWarningWithSuggestion() {
        let (frontMatter, problems) = read("---\ntitle: A\ndescripton: typo\n---\n")
        XCTAssertNotNil(frontMatter)
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].hasPrefix("n.md:3:1: warning: unknown field 'descripton' in front matter (did you mean 'description'?)"), problems[0])
    }

    func testDuplicateField() {
        XCTAssertTrue(read("---\ntitle: A\ntitle: B\n---\n").1.contains { $0.contains("appears twice") })
    }
}
