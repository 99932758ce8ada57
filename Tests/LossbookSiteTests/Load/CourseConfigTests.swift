import XCTest
@testable import LossbookSite

final class CourseConfigTests: XCTestCase {
    private func problems(_ text: String) -> [String] {
        switch CourseConfig.parse(text, path: "lossbook.yml") {
        case .success: return []
        case .failure(let failure): return failure.diagnostics.map(\.description)
        }
    }

    func testEveryKeyIsRead() throws {
        let text = """
        title: Losses
        subtitle: From first principles
        authors: [Ada, Grace]
        description: A course.
        language: pt-BR
        licence: CC BY 4.0
        repository: https://example.org/me/losses
        base-url: https://example.org/losses/
        macros: tex/macros.tex
        content: notes
        templates: theme
        output: public
        """
        let config = try CourseConfig.parse(text, path: "lossbook.yml").get()
        XCTAssertEqual(config.title, "Losses")
        XCTAssertEqual(config.subtitle, "From first principles")
        XCTAssertEqual(config.authors, ["Ada", "Grace"])
        XCTAssertEqual(config.description, "A course.")
        XCTAssertEqual(config.language, "pt-BR")
        XCTAssertEqual(config.licence, "CC BY 4.0")
        XCTAssertEqual(config.repository, "https://example.org/me/losses")
        XCTAssertEqual(config.baseURL, "https://example.org/losses/")
        XCTAssertEqual([config.macros, config.content, config.templates, config.output], ["tex/macros.tex", "notes", "theme", "public"])
    }

    func testAnEmptyFileIsAnEmptyConfig() throws {
        XCTAssertEqual(try CourseConfig.parse("# nothing yet\n", path: "lossbook.yml").get(), CourseConfig())
    }

    func testLicenseIsAcceptedAsASpellingOfLicence() throws {
        XCTAssertEqual(try CourseConfig.parse("license: MIT\n", path: "lossbook.yml").get().licence, "MIT")
        XCTAssertEqual(problems("licence: MIT\nlicense: MIT\n"),
                       ["lossbook.yml:2:1: error: 'licence' and 'license' are the same setting; keep one"])
    }

    func testAnUnknownKeyIsLocatedWithASuggestion() {
        let found = problems("title: Losses\nrepo: https://example.org/x\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("lossbook.yml:2:1: error: unknown field 'repo' in the course settings"), found[0])
        XCTAssertTrue(problems("titel: Losses\n")[0].contains("(did you mean 'title'?)"), problems("titel: Losses\n")[0])
    }

    func testEveryProblemIsReportedAtItsValue() {
        XCTAssertEqual(problems("title: Losses\nlanguage: english language\nrepository: github.com/me\nauthors: {a: 1}\n"), [
            "lossbook.yml:4:10: error: field 'authors' of the course settings must be a list of strings, found a mapping",
            "lossbook.yml:2:11: error: 'english language' is not a language tag such as 'en' or 'pt-BR'",
            "lossbook.yml:3:13: error: 'repository' must be an absolute http(s) URL without query or fragment, got 'github.com/me'",
        ])
        XCTAssertEqual(problems("title: ''\n"), ["lossbook.yml:1:8: error: the title is empty"])
        XCTAssertEqual(problems("output: ' '\n"), ["lossbook.yml:1:9: error: 'output' is an empty path"])
    }

    func testSyntaxErrorsAndNonMappingsAreLocated() {
        XCTAssertTrue(problems("title: [unclosed\n").first?.hasPrefix("lossbook.yml:") ?? false)
        XCTAssertEqual(problems("- a\n- b\n"),
                       ["lossbook.yml:1:1: error: the course settings must be a mapping of 'field: value' lines, found a list"])
    }

    func testDepthAndSizeAreLimited() throws {
        let deep = "title: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
        XCTAssertEqual(problems(deep), ["lossbook.yml:1:24: error: nested more than 16 levels deep; the course settings are one level of 'key: value' lines"])
        var indented = "a:\n"
        for level in 1...20 { indented += String(repeating: "  ", count: level) + "k\(level):\n" }
        XCTAssertTrue(problems(indented).first?.contains("nested more than 16 levels deep") ?? false)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("lossbook.yml")
        try Data(("description: " + String(repeating: "x", count: CourseConfig.maximumBytes)).utf8).write(to: file)
        guard case .failure(let failure) = CourseConfig.load(from: file, displayPath: "lossbook.yml") else { return XCTFail("too large") }
        XCTAssertEqual(failure.diagnostics.map(\.id), [.configTooLarge])
    }

    func testTheFingerprintFollowsWhatPagesShow() throws {
        let a = try CourseConfig.parse("title: A\nlicence: MIT\n", path: "x").get()
        let b = try CourseConfig.parse("title: A\nlicence: CC0\n", path: "x").get()
        let c = try CourseConfig.parse("title: A\nlicence: MIT\noutput: elsewhere\n", path: "x").get()
        XCTAssertNotEqual(a.fingerprint, b.fingerprint)
        XCTAssertEqual(a.fingerprint, c.fingerprint, "folders do not reach the pages")
    }
}
