import XCTest
@testable import LossbookSite

/// A course's templates folder over the default theme, file by file.
final class ThemeOverrideTests: XCTestCase {
    private func folder(_ files: [String: String]) throws -> URL {
        let directory = try makeTemporaryDirectory(self)
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return directory
    }

    func testACourseFileReplacesTheThemesFileOfTheSameName() throws {
        let theme = try folder(["page.mustache": "theme page {{> footer}}", "home.mustache": "theme home", "404.mustache": "theme 404",
                                "footer.mustache": "theme footer"])
        let course = try folder(["footer.mustache": "course footer {{licence}}"])
        let set = try TemplateSet.load(from: course, displayPrefix: "templates", theme: theme).get()
        XCTAssertEqual(set.render("page", ["licence": "MIT"]), "theme page course footer MIT")
        XCTAssertEqual(set.render("home", [:]), "theme home")
        // Without the override, the theme's footer.
        let plain = try TemplateSet.load(from: course.appendingPathComponent("missing"), displayPrefix: "templates", theme: theme).get()
        XCTAssertEqual(plain.render("page", [:]), "theme page theme footer")
        XCTAssertNotEqual(set.fingerprint, plain.fingerprint)
    }

    func testErrorsNameTheFileThatHasThem() throws {
        let theme = try folder(["page.mustache": "p", "home.mustache": "h", "404.mustache": "n"])
        let course = try folder(["page.mustache": "{{#open}}"])
        guard case .failure(let failure) = TemplateSet.load(from: course, displayPrefix: "templates", theme: theme) else {
            return XCTFail("a broken override must fail")
        }
        XCTAssertEqual(failure.diagnostics.map(\.location?.path), ["templates/page.mustache"])
        guard case .failure(let missing) = TemplateSet.load(from: course.appendingPathComponent("none"), displayPrefix: "templates", theme: nil) else {
            return XCTFail("no templates at all must fail")
        }
        XCTAssertTrue(missing.diagnostics.allSatisfy { $0.message.hasSuffix("and no default theme was found") }, "\(missing.diagnostics)")
    }

    func testTheCheckoutsTemplatesAreTheDefaultThemeOnlyForAProgramInItsBuildFolder() {
        let inside = SourceCheckout.root.appendingPathComponent(".build/release/lossbook")
        XCTAssertEqual(TemplateSet.defaultTheme(executable: inside)?.standardizedFileURL,
                       SourceCheckout.root.appendingPathComponent("templates").standardizedFileURL)
        XCTAssertNil(TemplateSet.defaultTheme(executable: URL(fileURLWithPath: "/nonexistent-prefix/bin/lossbook")),
                     "an installed lossbook never uses a checkout it happens to have been built from")
    }
}
