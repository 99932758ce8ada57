import Foundation
import LossbookTestSupport
import XCTest

/// The built course in a real browser (headless Chromium from file://): pages load cleanly at
/// phone and desktop widths, math and plots render, search, highlighting, the theme switch and
/// slider figures work with the keyboard, and screenshots are left in `screenshots/` (git-ignored)
/// for people to look at. The course is a small fixture, independent of content/.
final class BrowserTests: XCTestCase {
    /// Built once for the whole class; removed in `tearDown()` of the class.
    nonisolated(unsafe) private static var fixture: TestProject?
    nonisolated(unsafe) private static var buildError: String?

    static let files: [String: String] = [
        "content/index.md": #"""
        ---
        title: A small course
        description: Losses from likelihoods, in miniature.
        ---
        Every loss is an assumption about noise, written $-\log p(y \mid x)$.

        ## How to read it

        Start with [the Huber chapter](1-basics/huber.md).
        """#,
        "content/1-basics/index.md": """
        ---
        title: Basics
        order: 1
        ---
        The first part of the course.
        """,
        "content/1-basics/huber.md": #"""
        ---
        title: The Huber loss
        order: 1
        ---
        The Huber loss is quadratic for small residuals and linear for large ones, so a single outlier
        cannot dominate the gradient. Its threshold is $\delta > 0$.

        ## Definition

        $$
        \ell_\delta(a) = \begin{cases} \frac{1}{2} a^2 & |a| \le \delta \\ \delta \left(|a| - \frac{1}{2}\delta\right) & \text{otherwise} \end{cases}
        $$ {#eq-huber}

        Equation @eq-huber joins a parabola and two lines smoothly at $\pm\delta$.

        ### Its gradient

        The gradient is clipped: $\partial \ell / \partial a = \operatorname{clip}(a, -\delta, \delta)$.

        ```plot
        label: fig-huber
        title: Huber against squared error
        caption: Quadratic near zero, linear beyond δ.
        x: {label: residual, min: -3, max: 3}
        y: {label: loss}
        curves:
          - {loss: huber, args: {delta: 1}, label: Huber}
          - {loss: mse}
        ```

        ## In code

        ```swift
        func huber(_ a: Double, delta: Double = 1) -> Double {
            // quadratic inside, linear outside
            let r = abs(a)
            return r <= delta ? 0.5 * a * a : delta * (r - 0.5 * delta)
        }
        ```

        > [!TIP]
        > Choose the threshold near the noise level of the clean data.

        ## Wide things

        | loss | formula | behaviour for large residuals | gradient bound | distribution | notes on robustness and tuning |
        |------|---------|-------------------------------|----------------|--------------|--------------------------------|
        | squared error | $a^2$ | grows quadratically without any bound at all | none | normal | sensitive to every outlier in the data set |
        | Huber | $\ell_\delta(a)$ | grows linearly once past the threshold | $\delta$ | Huber density | one parameter to tune, the threshold |

        $$
        L(\theta) = \sum_{i=1}^{N} \left[ \frac{(y_i - \mu_\theta(x_i))^2}{2 \sigma_\theta(x_i)^2} + \frac{1}{2}\log\left(2\pi\sigma_\theta(x_i)^2\right) + \lambda \lVert \theta \rVert_2^2 + \gamma \lVert \theta \rVert_1 \right]
        $$
        """#,
        "content/1-basics/slider.md": #"""
        ---
        title: A slider figure
        order: 2
        ---
        Move the slider to change the threshold of the Huber loss.

        <figure class="plot plot-slider" id="fig-slider"><div class="plot-frame" data-value="0.5" hidden><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" role="img" aria-labelledby="s0t s0d"><title id="s0t">δ = 0.5</title><desc id="s0d">A narrow quadratic region.</desc><path d="M0,10L50,45L100,10" fill="none" stroke="var(--plot-c1)"/></svg></div><div class="plot-frame" data-value="1"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" role="img" aria-labelledby="s1t s1d"><title id="s1t">δ = 1</title><desc id="s1d">The standard threshold.</desc><path d="M0,15L50,45L100,15" fill="none" stroke="var(--plot-c1)"/></svg></div><div class="plot-frame" data-value="2" hidden><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" role="img" aria-labelledby="s2t s2d"><title id="s2t">δ = 2</title><desc id="s2d">A wide quadratic region.</desc><path d="M0,20L50,45L100,20" fill="none" stroke="var(--plot-c1)"/></svg></div><div class="plot-slider-controls"><label>δ = <output>1</output><input type="range" class="plot-slider-input" min="0" max="2" step="1" value="1" aria-label="δ for the Huber loss"></label></div><figcaption><strong>The Huber loss for three thresholds.</strong></figcaption></figure>

        The figure above shows one frame at a time.
        """#,
        // Issue 16: what a phone reader meets. A reference table as cards, a wide table, a
        // density/NLL pair, \ell_{\min}, a two-view figure, a slider, an exercise whose solution
        // holds the only "quokka" of the course.
        "content/1-basics/phone.md": #"""
        ---
        title: Reading on a phone
        order: 3
        ---
        The residual is $a = \hat y - y$, and the best constant loss is $\ell_{\min}$. "Quoted" -- dashed.

        ## Reference

        | loss | assumed distribution of $y$ given $x$ | the output estimates | how it breaks when the data disagree |
        |---|---|---|---|
        | mean squared error | normal, fixed variance | conditional mean | a few far points dominate the sum |
        | mean absolute error | Laplace, fixed scale | conditional median | steps keep a constant size near the optimum |

        {.cards}

        | loss | formula | behaviour for large residuals | slope bound   | distribution | notes on robustness and tuning |
        |------|---------|-------------------------------|----------------|--------------|--------------------------------|
        | squared error | $a^2$ | grows quadratically without any bound at all | none | normal | sensitive to every far point in the data set |

        ## A pair

        $$
        P(y \mid \mu, \sigma^2) = \frac{1}{\sqrt{2\pi\sigma^2}} \exp\left(-\frac{(y - \mu)^2}{2\sigma^2}\right), \qquad -\log P(y \mid \mu, \sigma^2) = \frac{(y - \mu)^2}{2\sigma^2} + \tfrac{1}{2}\log(2\pi\sigma^2).
        $$ {#eq-pair}

        ```plot
        label: fig-views
        title: Laplace against Gaussian, two views
        x: {label: residual a, min: -5, max: 5}
        views: [linear, log]
        curves:
          - {density: normal, params: {loc: 0, scale: 1}, label: Gaussian density}
          - {density: laplace, params: {loc: 0, scale: 0.7071067811865476}, label: Laplace density}
        ```

        ```plot
        label: fig-delta
        title: Huber as its threshold changes
        x: {label: residual a, min: -3, max: 3}
        y: {label: loss, min: 0, max: 4}
        curves:
          - {loss: huber, args: {delta: 1}, label: Huber}
          - {loss: mae, label: MAE}
        rules: [{x: 1, label: δ, follows: slider}]
        slider: {parameter: delta, values: [0.5, 1, 2], initial: 1, label: δ}
        ```

        ## Practice

        > [!EXERCISE] A robust fit
        > Which loss keeps the line in place?
        >
        > > [!SOLUTION]
        > > The absolute loss: a quokka far from the line pulls it with a bounded force.
        """#,
    ]

    /// `figure.plot` elements each page must show: its plot directives plus hand-written figures.
    static var expectedPlots: [String: Int] {
        var result = ["404.html": 0]
        for (path, text) in files where path.hasPrefix("content/") && path.hasSuffix(".md") {
            let page = String(path.dropFirst("content/".count).dropLast(".md".count)) + ".html"
            result[page] = text.components(separatedBy: "```plot\n").count - 1
                + text.components(separatedBy: "<figure class=\"plot").count - 1
        }
        return result
    }

    override class func setUp() {
        super.setUp()
        do {
            let project = try TestProject(files: files)
            fixture = project
            // Read from file://, so without --base-url (its 404 page would load assets from the web);
            // a second build with it is checked for the sitemap.
            for arguments in [["build"], ["build", "--output", "published", "--base-url", "https://example.org/course"]] {
                let run = try project.run(arguments)
                if run.status != 0 { buildError = "the fixture course did not build:\n\(run.stderr)" }
            }
        } catch {
            buildError = "cannot create the fixture course: \(error)"
        }
    }

    override class func tearDown() {
        fixture?.remove()
        fixture = nil
        super.tearDown()
    }

    private func site() throws -> URL {
        if let error = Self.buildError { XCTFail(error); throw BrowserError(error) }
        return try XCTUnwrap(Self.fixture).root.appendingPathComponent("site")
    }

    private func url(_ page: String) throws -> String {
        try site().appendingPathComponent(page).absoluteString
    }

    private func withBrowser<T>(_ body: (BrowserSession) throws -> T) throws -> T {
        let browser = try BrowserSession.launch()
        defer { browser.close() }
        return try body(browser)
    }

    func testEveryPageLoadsCleanlyAtPhoneAndDesktopWidths() throws {
        let site = try site()
        let pages = SiteBuilderFiles.html(in: site)
        XCTAssertEqual(Set(pages), Set(Self.expectedPlots.keys))
        XCTAssertEqual(Self.expectedPlots["1-basics/huber.html"], 1)
        XCTAssertEqual(Self.expectedPlots["1-basics/slider.html"], 1)
        for width in [360, 1280] {
            let answer = try withBrowser { try $0.run("pages", ["urls": try pages.map { try url($0) }, "width": width, "height": 800]) }
            let results = try XCTUnwrap(answer["pages"] as? [[String: Any]])
            XCTAssertEqual(results.count, pages.count)
            for (page, result) in zip(pages, results) {
                let context = "\(page) at \(width) px"
                XCTAssertEqual(result["problems"] as? [String], [], "console errors or failed requests on \(context)")
                XCTAssertEqual(result["h1"] as? Int, 1, "one h1 on \(context)")
                XCTAssertEqual(result["headingSkips"] as? [String], [], "heading levels skipped on \(context)")
                XCTAssertEqual(result["rawTeX"] as? [String], [], "raw TeX visible on \(context)")
                XCTAssertEqual(result["katexErrors"] as? Int, 0, context)
                XCTAssertEqual(result["horizontalOverflow"] as? Int, 0,
                               "the page scrolls sideways on \(context): \(result["overflowers"] ?? "")")
                XCTAssertEqual(result["plots"] as? Int, Self.expectedPlots[page], "plots on \(context)")
                XCTAssertEqual(result["plotsWithTitleAndDesc"] as? Int, result["plotSVGs"] as? Int, "every plot has a title and desc on \(context)")
                XCTAssertEqual(result["skipLink"] as? Bool, true, context)
                XCTAssertEqual(result["imagesBroken"] as? [String], [], context)
            }
            let huber = try XCTUnwrap(results.first { ($0["url"] as? String)?.hasSuffix("huber.html") == true })
            XCTAssertGreaterThanOrEqual(huber["mathML"] as? Int ?? 0, 5, "formulas carry MathML for screen readers")
        }
    }

    func testSearchFindsAPassageAndHighlightsItOnTheTargetPage() throws {
        let answer = try withBrowser { try $0.run("search", ["url": try url("index.html"), "query": "outliers gradient"]) }
        XCTAssertEqual(answer["focused"] as? String, "search-input", "the / key focuses the search field")
        XCTAssertEqual(answer["problems"] as? [String], [])
        let results = try XCTUnwrap(answer["results"] as? [[String: Any]])
        let first = try XCTUnwrap(results.first, "no results; status: \(answer["status"] ?? "")")
        XCTAssertEqual(first["title"] as? String, "The Huber loss")
        XCTAssertTrue((first["snippet"] as? String)?.contains("a single outlier") == true, "\(first)")
        XCTAssertEqual(Set((first["marks"] as? [String]) ?? []), ["outlier", "gradient"], "plural query words match singular text")
        XCTAssertTrue((first["href"] as? String)?.hasPrefix("1-basics/huber.html?highlight=outliers%20gradient") == true, "\(first)")
        let target = try XCTUnwrap(answer["target"] as? [String: Any])
        XCTAssertEqual(target["resultFocused"] as? Bool, true, "ArrowDown moves into the results")
        XCTAssertTrue((target["url"] as? String)?.contains("huber.html?highlight=") == true)
        let marks = (target["marks"] as? [String]) ?? []
        XCTAssertTrue(marks.contains("outlier") && marks.contains("gradient"), "\(marks)")
        XCTAssertTrue((target["bar"] as? String)?.contains("highlighted") == true)

        // A heading is its own result, linking to its anchor.
        let heading = try withBrowser { try $0.run("search", ["url": try url("1-basics/slider.html"), "query": "gradi"]) }
        let headingResults = try XCTUnwrap(heading["results"] as? [[String: Any]])
        XCTAssertTrue(headingResults.contains { ($0["href"] as? String)?.hasSuffix("huber.html?highlight=gradi#its-gradient") == true },
                      "\(headingResults)")
    }

    func testThemeToggleSwitchesRestylesAndPersists() throws {
        let answer = try withBrowser { try $0.run("theme", ["url": try url("1-basics/huber.html")]) }
        XCTAssertEqual(answer["problems"] as? [String], [])
        let before = try XCTUnwrap(answer["before"] as? [String: Any])
        let after = try XCTUnwrap(answer["after"] as? [String: Any])
        let reloaded = try XCTUnwrap(answer["reloaded"] as? [String: Any])
        let back = try XCTUnwrap(answer["back"] as? [String: Any])
        let followsSystem = try XCTUnwrap(answer["followsSystem"] as? [String: Any])
        XCTAssertEqual(followsSystem["label"] as? String, "Switch to light theme", "a dark system preference is followed")
        XCTAssertEqual(followsSystem["background"] as? String, after["background"] as? String)
        XCTAssertEqual(before["label"] as? String, "Switch to dark theme")
        XCTAssertEqual(after["theme"] as? String, "dark")
        XCTAssertEqual(after["stored"] as? String, "dark")
        XCTAssertEqual(after["label"] as? String, "Switch to light theme")
        XCTAssertNotEqual(before["background"] as? String, after["background"] as? String)
        XCTAssertNotEqual(before["plotText"] as? String, after["plotText"] as? String, "plots restyle")
        XCTAssertNotNil(before["keyword"] as? String, "the fixture's code is highlighted")
        XCTAssertNotEqual(before["keyword"] as? String, after["keyword"] as? String, "code restyles")
        XCTAssertEqual(reloaded["theme"] as? String, "dark", "the choice survives a reload")
        XCTAssertEqual(reloaded["background"] as? String, after["background"] as? String)
        XCTAssertEqual(back["theme"] as? String, "light")
        XCTAssertEqual(back["label"] as? String, "Switch to dark theme")
    }

    func testSliderFigureSwitchesFramesFromTheKeyboard() throws {
        let answer = try withBrowser { try $0.run("slider", ["url": try url("1-basics/slider.html")]) }
        XCTAssertEqual(answer["problems"] as? [String], [])
        let initial = try XCTUnwrap(answer["initial"] as? [String: Any])
        XCTAssertEqual(initial["frames"] as? Int, 3)
        XCTAssertEqual(initial["visible"] as? [String], ["1"])
        XCTAssertEqual(initial["controlsShown"] as? Bool, true)
        let right = try XCTUnwrap(answer["right"] as? [String: Any])
        XCTAssertEqual(right["visible"] as? [String], ["2"])
        XCTAssertEqual(right["output"] as? String, "2")
        let home = try XCTUnwrap(answer["home"] as? [String: Any])
        XCTAssertEqual(home["visible"] as? [String], ["0.5"])
        XCTAssertEqual(home["output"] as? String, "0.5")
    }

    func testPagesWorkWithoutJavaScript() throws {
        let answer = try withBrowser { try $0.run("noscript", ["url": try url("1-basics/slider.html")]) }
        XCTAssertEqual(answer["scripted"] as? Bool, false)
        XCTAssertEqual(answer["visibleFrames"] as? [String], ["1"], "the default frame shows")
        XCTAssertEqual(answer["sliderControls"] as? Bool, false, "a slider that cannot work is not shown")
        XCTAssertEqual(answer["sidebar"] as? Bool, true, "the contents are reachable on a phone")
        XCTAssertEqual(answer["sidebarToggle"] as? Bool, false)
        XCTAssertEqual(answer["search"] as? Bool, false)
        XCTAssertEqual(answer["themeToggle"] as? Bool, false)
    }

    func testNotFoundPageSuggestsPagesLikeTheMissingAddress() throws {
        // A server shows 404.html at the missing address; here a copy plays that role.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-404-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: try site(), to: copy)
        try FileManager.default.copyItem(at: copy.appendingPathComponent("404.html"), to: copy.appendingPathComponent("huber-loss.html"))
        let answer = try withBrowser {
            try $0.run("evaluate", ["url": copy.appendingPathComponent("huber-loss.html").absoluteString,
                                    "waitFor": "document.querySelectorAll('#not-found-results a').length > 0",
                                    "expression": "[...document.querySelectorAll('#not-found-results a')].map(a => a.getAttribute('href'))"])
        }
        XCTAssertEqual(answer["problems"] as? [String], [])
        let links = (answer["value"] as? [String]) ?? []
        XCTAssertEqual(links.first, "1-basics/huber.html?highlight=huber%20loss", "\(links)")
    }

    func testKeyboardReachesTheSkipLinkAndTheSidebarOnAPhone() throws {
        let answer = try withBrowser { try $0.run("keyboard", ["url": try url("1-basics/huber.html")]) }
        XCTAssertEqual(answer["problems"] as? [String], [])
        let first = (answer["first"] as? String ?? "").split(separator: "|").map(String.init)
        XCTAssertEqual(first.first, "skip-link", "Tab reaches the skip link first")
        XCTAssertEqual(first.count > 1 ? first[1] : nil, "solid", "focus is visible")
        XCTAssertGreaterThanOrEqual(Double(first.count > 2 ? first[2] : "-1") ?? -1, 0, "the focused skip link is on screen")
        let opened = try XCTUnwrap(answer["opened"] as? [String: Any])
        XCTAssertEqual(opened["expanded"] as? String, "true")
        XCTAssertEqual(opened["visible"] as? String, "visible")
        XCTAssertEqual(opened["focusInSidebar"] as? Bool, true)
        let closed = try XCTUnwrap(answer["closed"] as? [String: Any])
        XCTAssertEqual(closed["expanded"] as? String, "false")
        XCTAssertEqual(closed["visible"] as? String, "hidden")
        XCTAssertEqual(closed["focus"] as? String, "sidebar-toggle", "Escape returns focus to the button")
    }

    // MARK: - Issue 16: reading on a phone

    /// At 390 px every figure text renders at 11 px or more and nothing of a figure is cut; at
    /// both widths and in both themes every table and equation wider than the column sits in a
    /// named, focusable scroll box with an edge cue; card tables label their cells; a
    /// \qquad pair breaks onto two lines on the phone and not on the desktop.
    func testFiguresTablesAndEquationsReadOnAPhone() throws {
        let pages = SiteBuilderFiles.html(in: try site())
        for width in [390, 1280] {
            for theme in ["light", "dark"] {
                let answer = try withBrowser {
                    try $0.run("phone", ["urls": try pages.map { try url($0) }, "width": width, "height": 844, "theme": theme], timeout: 240)
                }
                let results = try XCTUnwrap(answer["pages"] as? [[String: Any]], "\(answer)")
                XCTAssertEqual(results.count, pages.count)
                var texts = 0
                for (page, result) in zip(pages, results) {
                    let context = "\(page) at \(width) px, \(theme)"
                    XCTAssertEqual(result["problems"] as? [String], [], context)
                    XCTAssertEqual(result["cut"] as? [String], [], "figure text or panel cut on \(context)")
                    XCTAssertEqual(result["unboxed"] as? [String], [], "wider than the column and not in a scroll box on \(context)")
                    XCTAssertEqual(result["unnamed"] as? [String], [], "scroll box not focusable or named on \(context)")
                    XCTAssertEqual(result["noCue"] as? [String], [], "scroll box without an edge cue on \(context)")
                    XCTAssertEqual(result["horizontalOverflow"] as? Int, 0, context)
                    texts += result["texts"] as? Int ?? 0
                    if width == 390 {
                        XCTAssertEqual(result["small"] as? [String], [], "figure text under 11 px on \(context)")
                        if let smallest = result["smallest"] as? Double { XCTAssertGreaterThanOrEqual(smallest, 11, context) }
                        for size in (result["outputs"] as? [Double]) ?? [] { XCTAssertGreaterThanOrEqual(size, 11, "slider value on \(context)") }
                    }
                }
                XCTAssertGreaterThan(texts, 50, "the figures' texts were measured at \(width) px")
                let phone = try XCTUnwrap(results.first { ($0["url"] as? String)?.hasSuffix("phone.html") == true })
                let unboxedCandidates = phone["wide"] as? Int ?? 0
                XCTAssertEqual(unboxedCandidates, 3, "two tables and one display equation")
                let labels = (phone["cardLabels"] as? [String]) ?? []
                let pairs = (phone["pairs"] as? [Int]) ?? []
                XCTAssertEqual(pairs.count, 1, "one \\qquad pair on the page")
                if width == 390 {
                    XCTAssertEqual(Set(labels), ["\"assumed distribution of y given x\"", "\"the output estimates\"", "\"how it breaks when the data disagree\""],
                                   "each card cell shows its column's heading")
                    XCTAssertEqual(pairs, [1], "the pair's second half starts a new line on a phone")
                    XCTAssertGreaterThanOrEqual(phone["smallest"] as? Double ?? 0, 11)
                } else {
                    XCTAssertEqual(labels, [], "a table, not cards, on a desktop")
                    XCTAssertEqual(pairs, [0], "the pair stays on one line on a desktop")
                }
            }
        }
    }

    /// A result whose words sit in a folded solution and under a heading: the page opens the
    /// solution and says so, and the heading lands below the top bar and the highlight bar.
    func testSearchLandingIsNotCoveredAndOpensFoldedSolutions() throws {
        for width in [390, 1280] {
            let answer = try withBrowser {
                try $0.run("landing", ["url": try url("1-basics/phone.html") + "?highlight=quokka#practice", "width": width])
            }
            XCTAssertEqual(answer["problems"] as? [String], [])
            XCTAssertEqual(answer["hits"] as? Int, 1, "\(answer)")
            XCTAssertEqual(answer["hitsInDetails"] as? Int, 1)
            XCTAssertEqual(answer["hitsInClosedDetails"] as? Int, 0, "the solution holding the match is open")
            XCTAssertTrue((answer["bar"] as? String)?.contains("folded solution, now open") == true, "\(answer)")
            let targetTop = try XCTUnwrap(answer["targetTop"] as? Double, "\(answer)")
            let barBottom = try XCTUnwrap(answer["barBottom"] as? Double)
            let topBottom = try XCTUnwrap(answer["topBottom"] as? Double)
            XCTAssertGreaterThanOrEqual(targetTop, barBottom, "the heading is below the sticky highlight bar at \(width) px: \(answer)")
            XCTAssertGreaterThanOrEqual(targetTop, topBottom)
        }
    }

    /// On a phone "On this page" starts folded and the open drawer dims the page; on a touch
    /// screen the "/" hint is hidden; on a desktop the contents are open and the hint shows.
    func testPhoneFrameFoldsContentsDimsBehindTheDrawerAndHidesTheKeyHint() throws {
        let page = try url("1-basics/phone.html")
        let phone = try withBrowser { try $0.run("chrome", ["url": page, "width": 390, "touch": true, "openDrawer": true]) }
        XCTAssertEqual(phone["problems"] as? [String], [])
        let before = try XCTUnwrap(phone["before"] as? [String: Any], "\(phone)")
        XCTAssertEqual(before["tocOpen"] as? Bool, false, "folded on a phone")
        XCTAssertEqual(before["tocListVisible"] as? Bool, false)
        XCTAssertEqual(before["coarse"] as? Bool, true, "the touch screen is emulated")
        XCTAssertEqual(before["searchKeyShown"] as? Bool, false, "no '/' hint on a touch screen")
        XCTAssertEqual(before["dim"] as? String, "0")
        XCTAssertEqual(Set((before["nowrap"] as? [String]) ?? []), ["nowrap"], "formula and its punctuation never part")
        let open = try XCTUnwrap(phone["open"] as? [String: Any])
        XCTAssertEqual(open["dim"] as? String, "1", "the open drawer dims the page behind it")

        let desktop = try withBrowser { try $0.run("chrome", ["url": page, "width": 1280]) }
        let wide = try XCTUnwrap(desktop["before"] as? [String: Any], "\(desktop)")
        XCTAssertEqual(wide["tocListVisible"] as? Bool, true, "open beside the page on a desktop")
        XCTAssertEqual(wide["searchKeyShown"] as? Bool, true)
    }

    /// axe-core 4.12 (bundled by PyPI's axe-playwright-python; scripts/install-deps.sh installs
    /// it) on every page at both widths in both themes: no serious or critical violation.
    func testAxeFindsNoSeriousOrCriticalViolations() throws {
        let axe = try Self.axeScript()
        let pages = SiteBuilderFiles.html(in: try site())
        for width in [390, 1280] {
            for theme in ["light", "dark"] {
                let answer = try withBrowser {
                    try $0.run("audit", ["urls": try pages.map { try url($0) }, "width": width, "theme": theme, "axe": axe.path,
                                         "timeout": 600_000], timeout: 660)
                }
                let results = try XCTUnwrap(answer["pages"] as? [[String: Any]], "\(answer)")
                XCTAssertEqual(results.count, pages.count)
                for result in results {
                    XCTAssertTrue((result["version"] as? String)?.hasPrefix("4.12") == true, "axe-core 4.12: \(result["version"] ?? "")")
                    let violations = (result["violations"] as? [[String: Any]]) ?? []
                    let grave = violations.filter { ["serious", "critical"].contains($0["impact"] as? String ?? "") }
                    XCTAssertEqual(grave.count, 0, "\(result["url"] ?? "") at \(width) px, \(theme): \(grave)")
                }
            }
        }
    }

    /// axe.min.js from the installed axe-playwright-python, found without importing the package
    /// (Playwright itself is not needed).
    static func axeScript() throws -> URL {
        let finder = #"import importlib.util, os; s = importlib.util.find_spec("axe_playwright_python"); print(os.path.join(s.submodule_search_locations[0], "axe.min.js") if s else "")"#
        let run = try TestProject.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", finder], in: TestProject.repositoryRoot)
        let path = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !path.isEmpty, FileManager.default.fileExists(atPath: path) else {
            throw BrowserError("axe-core is missing: run scripts/install-deps.sh (installs PyPI's axe-playwright-python); \(run.stderr)")
        }
        return URL(fileURLWithPath: path)
    }

    /// Screenshots at 390 px and 1280 px, light and dark, into screenshots/ for people to look at.
    func testScreenshotsAtPhoneAndDesktopWidths() throws {
        let directory = TestProject.repositoryRoot.appendingPathComponent("screenshots/fixture")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var shots: [[String: Any]] = []
        for page in ["index.html", "1-basics/huber.html", "1-basics/slider.html", "1-basics/phone.html", "404.html"] {
            for (width, height) in [(390, 844), (1280, 900)] {
                for theme in ["light", "dark"] {
                    let name = page.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".html", with: "")
                    shots.append(["url": try url(page), "width": width, "height": height, "theme": theme,
                                  "path": directory.appendingPathComponent("\(name)-\(width)-\(theme).png").path])
                }
            }
        }
        let answer = try withBrowser { try $0.run("screenshots", ["shots": shots]) }
        let written = (answer["written"] as? [String]) ?? []
        XCTAssertEqual(written.count, shots.count)
        for path in written {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            XCTAssertGreaterThan(size ?? 0, 1000, path)
        }
    }

    func testBaseURLWritesSitemapAndCanonicalLinks() throws {
        XCTAssertFalse(FileManager.default.fileExists(atPath: try site().appendingPathComponent("sitemap.xml").path),
                       "no sitemap without --base-url: sitemaps need absolute URLs")
        XCTAssertFalse(try String(contentsOf: try site().appendingPathComponent("index.html"), encoding: .utf8).contains("canonical"))
        let site = try site().deletingLastPathComponent().appendingPathComponent("published")
        let sitemap = try String(contentsOf: site.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        XCTAssertTrue(sitemap.contains("<loc>https://example.org/course/</loc>"), sitemap)
        XCTAssertTrue(sitemap.contains("<loc>https://example.org/course/1-basics/huber.html</loc>"), sitemap)
        let page = try String(contentsOf: site.appendingPathComponent("1-basics/huber.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<link rel=\"canonical\" href=\"https://example.org/course/1-basics/huber.html\">"))
        XCTAssertTrue(page.contains("href=\"../assets/lossbook.css\""), "links stay relative")
        let notFound = try String(contentsOf: site.appendingPathComponent("404.html"), encoding: .utf8)
        XCTAssertTrue(notFound.contains("<base href=\"https://example.org/course/\">"), "the 404 page works at any depth")
    }
}

/// The HTML pages of a built site, relative and sorted.
enum SiteBuilderFiles {
    static func html(in site: URL) -> [String] {
        // print.html (the whole course on one page) is tested by ReaderBrowserTests.
        DirectorySnapshot.take(site).keys.filter { $0.hasSuffix(".html") && $0 != "print.html" }.sorted()
    }
}
