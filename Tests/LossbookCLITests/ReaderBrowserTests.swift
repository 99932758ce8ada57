import Foundation
import LossbookTestSupport
import XCTest

/// The reader features in headless Chromium, from file://: arrow keys, previews on hover and on
/// focus (closed by Escape and by leaving), citations and glossary links that land, the printable
/// course. Screenshots go to screenshots/reader/ (git-ignored) for people to look at.
final class ReaderBrowserTests: XCTestCase {
    nonisolated(unsafe) private static var fixture: TestProject?
    nonisolated(unsafe) private static var buildError: String?

    override class func setUp() {
        super.setUp()
        do {
            let project = try TestProject(files: ReaderFeaturesTests.files)
            fixture = project
            let run = try project.run(["build"])
            if run.status != 0 { buildError = "the fixture course did not build:\n\(run.stderr)" }
        } catch {
            buildError = "cannot create the fixture course: \(error)"
        }
    }

    override class func tearDown() {
        fixture?.remove()
        fixture = nil
        super.tearDown()
    }

    private func url(_ page: String) throws -> String {
        if let error = Self.buildError { XCTFail(error); throw BrowserError(error) }
        return try XCTUnwrap(Self.fixture).root.appendingPathComponent("site/\(page)").absoluteString
    }

    private func withBrowser<T>(_ body: (BrowserSession) throws -> T) throws -> T {
        let browser = try BrowserSession.launch()
        defer { browser.close() }
        return try body(browser)
    }

    func testArrowKeysGoToThePreviousAndNextChapter() throws {
        let answer = try withBrowser { try $0.run("arrows", ["url": try url("1-a/two.html")]) }
        XCTAssertEqual(answer["problems"] as? [String], [])
        XCTAssertTrue((answer["start"] as? String)?.hasSuffix("/1-a/two.html") == true)
        XCTAssertTrue((answer["shifted"] as? String)?.hasSuffix("/1-a/two.html") == true, "Shift+→ is left alone")
        XCTAssertTrue((answer["inField"] as? String)?.hasSuffix("/1-a/two.html") == true, "→ in the search field moves the caret")
        XCTAssertTrue((answer["next"] as? String)?.hasSuffix("/1-a/glossary.html") == true, "\(answer)")
        XCTAssertTrue((answer["back"] as? String)?.hasSuffix("/1-a/two.html") == true, "\(answer)")
        XCTAssertTrue((answer["previous"] as? String)?.hasSuffix("/1-a/one.html") == true, "\(answer)")
    }

    func testPreviewsOpenOnHoverAndFocusAndClose() throws {
        for width in [390, 1280] {
            let directory = TestProject.repositoryRoot.appendingPathComponent("screenshots/reader")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let answer = try withBrowser {
                try $0.run("previews", [
                    "url": try url("1-a/one.html"), "width": width,
                    "hover": ["citation": "a.citation", "footnote": ".footnote-ref a", "equation": "a.xref"],
                    "focus": ["glossary": "main a[href*='#gloss-']", "citationByKeyboard": "a.citation"],
                    "screenshot": directory.appendingPathComponent("preview-one-\(width).png").path,
                    "screenshotHover": "main a[href*='#gloss-']",
                ])
            }
            let context = "at \(width) px"
            XCTAssertEqual(answer["problems"] as? [String], [], context)
            let citation = try XCTUnwrap(answer["citation"] as? [String: Any])
            XCTAssertEqual(citation["open"] as? Bool, true, context)
            XCTAssertTrue((citation["text"] as? String)?.contains("Robust Estimation of a Location Parameter") == true, "\(citation)")
            XCTAssertEqual(citation["ids"] as? Int, 0, "the copy repeats no id")
            XCTAssertEqual(citation["describedBy"] as? Bool, true, "the link is described by the popup")
            XCTAssertEqual(citation["afterLeave"] as? Bool, false, "leaving closes it \(context)")
            XCTAssertLessThanOrEqual(citation["right"] as? Double ?? .infinity, Double(citation["width"] as? Int ?? 0), "inside the window \(context)")
            let footnote = try XCTUnwrap(answer["footnote"] as? [String: Any])
            XCTAssertTrue((footnote["text"] as? String)?.contains("Because a parabola is smooth") == true, "\(footnote)")
            let equation = try XCTUnwrap(answer["equation"] as? [String: Any])
            XCTAssertGreaterThan(equation["katex"] as? Int ?? 0, 0, "the equation is rendered in its preview: \(equation)")
            let glossary = try XCTUnwrap(answer["glossary"] as? [String: Any])
            XCTAssertEqual(glossary["open"] as? Bool, true, "focus opens the preview \(context)")
            XCTAssertTrue((glossary["text"] as? String)?.contains("Negative log-likelihood (NLL). The loss") == true, "\(glossary)")
            XCTAssertGreaterThan(glossary["katex"] as? Int ?? 0, 0, "the definition's math is rendered")
            XCTAssertEqual(glossary["afterEscape"] as? Bool, false, "Escape closes it \(context)")
            let keyboard = try XCTUnwrap(answer["citationByKeyboard"] as? [String: Any])
            XCTAssertEqual(keyboard["open"] as? Bool, true)
            XCTAssertEqual(keyboard["afterEscape"] as? Bool, false)
        }
        // An equation of another page: previewed from the copy the build put in the page.
        let other = try withBrowser { try $0.run("previews", ["url": try url("1-a/two.html"), "hover": ["equation": "a.xref"]]) }
        let equation = try XCTUnwrap(other["equation"] as? [String: Any])
        XCTAssertEqual(equation["open"] as? Bool, true, "\(other)")
        XCTAssertGreaterThan(equation["katex"] as? Int ?? 0, 0, "\(equation)")
        XCTAssertTrue((equation["text"] as? String)?.contains("(1.1)") == true, "with its number: \(equation)")
    }

    /// A section and a page of another page: previewed from the copies the build put in the
    /// linking page (nothing fetched, from file://), on hover and on focus, closed by Escape.
    func testPreviewsOfOtherPagesSectionsAndPages() throws {
        for width in [390, 1280] {
            let context = "at \(width) px"
            let section = try withBrowser {
                try $0.run("previews", ["url": try url("1-a/two.html"), "width": width,
                                        "hover": ["section": "main a[href$='one.html#robust-losses']"],
                                        "focus": ["sectionByKeyboard": "main a[href$='one.html#robust-losses']"]])
            }
            XCTAssertEqual(section["problems"] as? [String], [], context)
            let hovered = try XCTUnwrap(section["section"] as? [String: Any], "\(section)")
            XCTAssertEqual(hovered["open"] as? Bool, true, "hovering opens it \(context): \(section)")
            // The heading and the first paragraph, read out of place: no citation mark, no footnote
            // mark, the glossary link as text, the cross-reference as "Equation (1.1)" with its math.
            XCTAssertEqual(hovered["text"] as? String,
                           "Robust losses The Huber loss is quadratic near zero. Its negative log-likelihood is Equation (1.1).", "\(hovered)")
            XCTAssertEqual(hovered["afterLeave"] as? Bool, false, "leaving closes it \(context)")
            XCTAssertLessThanOrEqual(hovered["right"] as? Double ?? .infinity, Double(hovered["width"] as? Int ?? 0), "inside the window \(context)")
            let focused = try XCTUnwrap(section["sectionByKeyboard"] as? [String: Any])
            XCTAssertEqual(focused["open"] as? Bool, true, "focus opens it \(context)")
            XCTAssertEqual(focused["describedBy"] as? Bool, true)
            XCTAssertEqual(focused["afterEscape"] as? Bool, false, "Escape closes it \(context)")
        }
        let home = try withBrowser {
            try $0.run("previews", ["url": try url("index.html"), "hover": ["page": "main a[href$='one.html']"],
                                    "focus": ["pageByKeyboard": "main a[href$='one.html']"]])
        }
        let page = try XCTUnwrap(home["page"] as? [String: Any], "\(home)")
        XCTAssertEqual(page["open"] as? Bool, true, "\(home)")
        XCTAssertEqual(page["text"] as? String, "One", "a page is previewed by its title (and description)")
        let keyboard = try XCTUnwrap(home["pageByKeyboard"] as? [String: Any])
        XCTAssertEqual(keyboard["afterEscape"] as? Bool, false)
    }

    /// A figure of another page is copied whole, and its popup is wide enough to show it (an SVG
    /// has no width of its own: a popup that shrinks to fit would show one letter per line).
    func testPreviewOfAFigureOfAnotherPage() throws {
        var files = ReaderFeaturesTests.files
        files["content/1-a/one.md"]! += "\n\n```plot\nlabel: fig-mse\ntitle: Squared error\ncaption: A parabola.\nx: {min: -2, max: 2}\ncurves:\n  - {loss: mse}\n```\n"
        files["content/1-a/two.md"]! += "\nThe curve of @fig-mse.\n"
        let project = try TestProject(files: files)
        defer { project.remove() }
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let page = project.root.appendingPathComponent("site/1-a/two.html").absoluteString
        for width in [390, 1280] {
            let answer = try withBrowser {
                try $0.run("previews", ["url": page, "width": width, "hover": ["figure": "main a.xref[href*='#fig-mse']"],
                                        "focus": ["figureByKeyboard": "main a.xref[href*='#fig-mse']"]])
            }
            let figure = try XCTUnwrap(answer["figure"] as? [String: Any], "\(answer)")
            XCTAssertEqual(figure["open"] as? Bool, true, "\(answer)")
            XCTAssertTrue((figure["text"] as? String)?.hasPrefix("Squared error The plot: x from −2 to 2") == true, "the plot itself: \(figure)")
            let popupWidth = (figure["right"] as? Double ?? 0) - (figure["left"] as? Double ?? 0)
            XCTAssertGreaterThan(popupWidth, 300, "the figure gets the popup's full width at \(width) px: \(figure)")
            XCTAssertEqual((answer["figureByKeyboard"] as? [String: Any])?["afterEscape"] as? Bool, false)
        }
    }

    func testCitationsAndGlossaryLinksResolve() throws {
        let answer = try withBrowser { try $0.run("resolve", ["url": try url("1-a/one.html")]) }
        XCTAssertEqual(answer["problems"] as? [String], [])
        XCTAssertEqual(answer["citations"] as? Int, 1)
        XCTAssertEqual(answer["unresolvedCitations"] as? [String], [])
        XCTAssertEqual(answer["backs"] as? Int, 1)
        XCTAssertEqual(answer["unresolvedBacks"] as? Int, 0)
        XCTAssertEqual(answer["glossaryTargets"] as? [String], ["DFN:Negative log-likelihood (NLL)."])
    }

    func testPrintPageHasEveryChapter() throws {
        let answer = try withBrowser { try $0.run("printPage", ["url": try url("print.html")]) }
        XCTAssertEqual(answer["problems"] as? [String], [])
        XCTAssertEqual(answer["chapters"] as? [String], ["A small course", "Part A", "1 One", "2 Two", "3 Glossary"])
        XCTAssertEqual(answer["contents"] as? Int, 5)
        XCTAssertGreaterThanOrEqual(answer["katex"] as? Int ?? 0, 2, "the equation and the glossary's formula")
        XCTAssertEqual(answer["katexErrors"] as? Int, 0)
        XCTAssertEqual(answer["brokenLinks"] as? [String], [])
        XCTAssertEqual(answer["breakBefore"] as? String, "page", "each page of the course starts a new sheet")
    }

    /// A page with its footer and citations, and the printable course, at 390 px and 1280 px.
    func testScreenshots() throws {
        let directory = TestProject.repositoryRoot.appendingPathComponent("screenshots/reader")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var shots: [[String: Any]] = []
        for (width, height) in [(390, 844), (1280, 900)] {
            for theme in ["light", "dark"] {
                shots.append(["url": try url("1-a/one.html"), "width": width, "height": height, "theme": theme, "scrollTo": ".references",
                              "path": directory.appendingPathComponent("one-references-\(width)-\(theme).png").path])
            }
            shots.append(["url": try url("print.html"), "width": width, "height": height,
                          "path": directory.appendingPathComponent("print-\(width).png").path])
        }
        let answer = try withBrowser { try $0.run("screenshots", ["shots": shots]) }
        XCTAssertEqual((answer["written"] as? [String])?.count, shots.count)
    }
}
