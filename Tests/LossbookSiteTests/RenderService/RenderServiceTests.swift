import Foundation
import Synchronization
import XCTest
@testable import LossbookSite

final class RenderServiceTests: XCTestCase {
    func testEverySeedFormulaRenders() throws {
        let formulas = try RenderFixtures.seedFormulas()
        XCTAssertGreaterThan(formulas.count, 250)
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        let results = try service.renderMath(formulas.map { MathRequest(tex: $0.tex, display: $0.display) })
        XCTAssertEqual(results.count, formulas.count)
        for (formula, result) in zip(formulas, results) {
            guard case .html(let html) = result else {
                XCTFail("seed line \(formula.line):\(formula.column): \(result) for \(formula.tex)")
                continue
            }
            XCTAssertTrue(html.contains("<math"), "no MathML for line \(formula.line)")
            XCTAssertTrue(html.contains("class=\"katex"), "no KaTeX HTML for line \(formula.line)")
            if formula.display { XCTAssertTrue(html.hasPrefix("<span class=\"katex-display\">")) }
        }
    }

    func testOutputHasHTMLAndMathML() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        let results = try service.renderMath([
            MathRequest(tex: "\\hat{\\phi} = \\underset{\\phi}{\\operatorname{argmin}}[L[\\phi]]", display: true),
            MathRequest(tex: "\\text{naïve → 日本語 σ}", display: false),
        ])
        for result in results {
            guard let html = result.html else { return XCTFail("\(result)") }
            XCTAssertTrue(html.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\""))
            XCTAssertTrue(html.contains("<span class=\"katex-html\""))
        }
        // Rendered, with KaTeX's note that LaTeX's text fonts have no → or σ.
        guard case .warned(_, let warnings) = results[1] else { return XCTFail("\(results[1])") }
        XCTAssertEqual(warnings.map(\.position), [12, 18])
    }

    func testBrokenFormulaGivesKaTeXMessageAndPosition() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        let results = try service.renderMath([
            MathRequest(tex: "\\frac{1}{", display: false),
            MathRequest(tex: "x + \\nosuchcommand", display: false),
            MathRequest(tex: "\\frac{1}{", display: false),
            MathRequest(tex: "y", display: false),
        ])
        guard case .failure(let message, let position) = results[0] else { return XCTFail("\(results[0])") }
        XCTAssertEqual(message, "Unexpected end of input in a macro argument, expected '}'")
        XCTAssertEqual(position, 9)
        XCTAssertEqual(results[1], .failure(message: "Undefined control sequence: \\nosuchcommand", position: 4))
        XCTAssertEqual(results[2], results[0])
        guard case .html = results[3] else { return XCTFail("the batch goes on after a failure") }
        XCTAssertEqual(service.rendered, 3, "the repeated broken formula is rendered once")
    }

    func testErrorPositionsAreUTF16AndMapToTheSourceLine() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        // A display formula over three lines, starting at line 40, column 3 of the file (after `$$`).
        let tex = "\\begin{aligned}\n  \\text{😀 é} &= 1 \\\\\n  y &= \\nosuch{2}\n\\end{aligned}"
        let results = try service.renderMath([MathRequest(tex: tex, display: true)])
        guard case .failure(let message, let position?) = results[0] else { return XCTFail("\(results[0])") }
        XCTAssertEqual(message, "Undefined control sequence: \\nosuch")
        let expected = tex.utf16.distance(from: tex.startIndex, to: tex.range(of: "\\nosuch")!.lowerBound)
        XCTAssertEqual(position, expected, "KaTeX counts UTF-16 code units")
        let location = RenderService.location(ofOffset: position, inTeX: tex, startLine: 40, startColumn: 3)
        XCTAssertEqual(location.line, 42)
        XCTAssertEqual(location.column, 8)
    }

    func testMacros() throws {
        let macros = try RenderService.parseMacros("""
            \\newcommand{\\R}{\\mathbb{R}}
            \\newcommand{\\norm}[1]{\\lVert #1 \\rVert}
            """)
        let service = try RenderService(macros: macros, cacheDirectory: nil)
        defer { service.close() }
        let withMacros = try service.renderMath([MathRequest(tex: "\\norm{x} \\in \\R", display: false)])
        let plain = try service.renderMath([MathRequest(tex: "\\lVert x \\rVert \\in \\mathbb{R}", display: false)])
        guard case .html(let a) = withMacros[0], case .html(let b) = plain[0] else { return XCTFail("\(withMacros) \(plain)") }
        // Same rendering; only the TeX annotation inside the MathML differs.
        func stripAnnotation(_ html: String) -> String {
            html.replacingOccurrences(of: "<annotation encoding=\"application/x-tex\">[^<]*</annotation>", with: "", options: .regularExpression)
        }
        XCTAssertEqual(stripAnnotation(a), stripAnnotation(b))
    }

    func testGlobalDefinitionsDoNotLeakBetweenFormulas() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        let results = try service.renderMath([
            MathRequest(tex: "\\gdef\\leak{1}\\leak", display: false),
            MathRequest(tex: "\\leak", display: false),
        ])
        guard case .html = results[0] else { return XCTFail("\(results[0])") }
        XCTAssertEqual(results[1], .failure(message: "Undefined control sequence: \\leak", position: 0))
    }

    func testProtocolCarriesAwkwardText() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        let texts = ["\\text{\"quoted\" \\\\ back\\textbackslash{}slash}", "a\n+\r\nb\t", "\\text{\u{2028}x\u{2029}}", "\\text{}\u{1}"]
        let results = try service.renderMath(texts.map { MathRequest(tex: $0, display: false) })
        XCTAssertEqual(results.count, texts.count)
        let code = "let s = \"\\n\" // \u{2028} \u{0}\ttab\n"
        let html = try service.highlight([CodeRequest(code: code, language: "swift")])
        XCTAssertTrue(html[0].contains("hljs-keyword"))
    }

    func testStrictModeReportsComeBackWithTheirPlace() throws {
        let service = try RenderService(macros: [:], cacheDirectory: try makeTemporaryDirectory(self))
        defer { service.close() }
        let requests = [MathRequest(tex: "x + é", display: false), MathRequest(tex: "a \\\\ b", display: true),
                        MathRequest(tex: "x + é", display: false)]
        let results = try service.renderMath(requests)
        guard case .warned(let html, let warnings) = results[0] else { return XCTFail("\(results[0])") }
        XCTAssertTrue(html.contains("katex"))
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].message.hasPrefix("unicodeTextInMathMode:"), warnings[0].message)
        XCTAssertEqual(warnings[0].position, 4)
        guard case .warned(_, let display) = results[1] else { return XCTFail("\(results[1])") }
        XCTAssertTrue(display[0].message.hasPrefix("newLineInDisplayMode:"), display[0].message)
        XCTAssertEqual(results[2], results[0], "the same formula again warns again")
        XCTAssertEqual(results[0].html, html)
    }

    // MARK: - Code

    func testHighlighting() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        let blocks = [
            CodeRequest(code: "let x: Int = 1 // one\nfunc f() {}", language: "swift"),
            CodeRequest(code: "def f(x):\n    return x < 1", language: "python"),
            CodeRequest(code: "{\"a\": [1, true]}", language: "json"),
            CodeRequest(code: "echo \"$HOME\" > /dev/null", language: "bash"),
            CodeRequest(code: "echo hi", language: "sh"),
            CodeRequest(code: "ls -l", language: "shell"),
            CodeRequest(code: "a < b && c > d", language: "text"),
            CodeRequest(code: "a < b && c > d", language: "plain"),
            CodeRequest(code: "a < b && c > d", language: nil),
            CodeRequest(code: "a < b && c > d", language: "no-such-language"),
        ]
        let html = try service.highlight(blocks)
        XCTAssertTrue(html[0].contains("<span class=\"hljs-keyword\">let</span>"))
        XCTAssertTrue(html[0].contains("hljs-comment"))
        XCTAssertTrue(html[1].contains("hljs-keyword"))
        XCTAssertTrue(html[1].contains("x &lt; "))
        XCTAssertTrue(html[2].contains("hljs-string") || html[2].contains("hljs-attr"))
        XCTAssertTrue(html[3].contains("hljs-built_in"))
        XCTAssertTrue(html[4].contains("hljs-built_in"), "sh is bash: \(html[4])")
        XCTAssertEqual(html[5], "ls -l")
        for index in 6...9 { XCTAssertEqual(html[index], "a &lt; b &amp;&amp; c &gt; d") }
    }

    /// The renderer registers highlight.js languages as blocks ask for them; each block, asked
    /// for first in its own process, must come out as it does when every language is loaded.
    func testLanguagesLoadedOnDemandHighlightAsTheFullIndexDoes() throws {
        let blocks = [
            CodeRequest(code: "<div><script>let x = 1;</script><style>a { color: red }</style></div>", language: "html"),
            CodeRequest(code: "# Title\n\n<b>bold</b> and `code`", language: "markdown"),
            CodeRequest(code: "POST /a HTTP/1.1\nContent-Type: application/json\n\n{\"a\": 1}", language: "http"),
            CodeRequest(code: "<% if x %><b><%= y %></b><% end %>", language: "erb"),
            CodeRequest(code: "const s = `<b>${y}</b>`", language: "js"),
            CodeRequest(code: "key: [1, 2]", language: "yml"),
        ]
        let together = try RenderService(macros: [:], cacheDirectory: nil)
        defer { together.close() }
        // Loads everything first (an alias has no file of its own), then highlights every block.
        let reference = try together.highlight([CodeRequest(code: "x", language: "js")] + blocks).dropFirst()
        for (index, block) in blocks.enumerated() {
            let alone = try RenderService(macros: [:], cacheDirectory: nil)
            defer { alone.close() }
            XCTAssertEqual(try alone.highlight([block]), [reference[index + 1]], "\(block.language ?? "")")
        }
        XCTAssertTrue(reference[1].contains("hljs-keyword"), "JavaScript inside HTML is highlighted: \(reference[1])")
        XCTAssertTrue(reference[3].contains("hljs-attr") || reference[3].contains("hljs-string"), "JSON inside HTTP: \(reference[3])")
    }

    func testHighlightJSNoticeNeverReachesTheProtocol() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        // The notice is printed on the first highlight; math after it must still parse.
        let first = try service.highlight([CodeRequest(code: "let a = 1", language: "swift")])
        let math = try service.renderMath([MathRequest(tex: "a^2", display: false)])
        let second = try service.highlight([CodeRequest(code: "var b = 2", language: "swift")])
        XCTAssertTrue(first[0].contains("hljs-keyword"))
        XCTAssertTrue(second[0].contains("hljs-keyword"))
        guard case .html = math[0] else { return XCTFail("\(math[0])") }
        XCTAssertTrue(service.nodeStandardError.contains("Version 9 of Highlight.js"), "the notice went to stderr")
    }

    // MARK: - Cache

    func testSecondBuildRendersNothing() throws {
        let cache = try makeTemporaryDirectory(self)
        let formulas = try RenderFixtures.seedFormulas().map { MathRequest(tex: $0.tex, display: $0.display) }
        let distinct = Set(formulas).count

        let first = try RenderService(macros: [:], cacheDirectory: cache)
        let cold = try first.renderMath(formulas)
        let code = try first.highlight([CodeRequest(code: "let x = 1", language: "swift")])
        first.close()
        XCTAssertEqual(first.rendered, distinct)
        XCTAssertEqual(first.cacheHits, 0)
        XCTAssertEqual(first.statistics.mathDeduplicated, formulas.count - distinct)

        let second = try RenderService(macros: [:], cacheDirectory: cache)
        let warm = try second.renderMath(formulas)
        let warmCode = try second.highlight([CodeRequest(code: "let x = 1", language: "swift")])
        XCTAssertEqual(second.rendered, 0)
        XCTAssertEqual(second.cacheHits, distinct)
        XCTAssertEqual(second.statistics.codeHighlighted, 0)
        XCTAssertFalse(second.statistics.nodeStarted, "a fully cached build does not start node")
        XCTAssertEqual(warm, cold, "output does not depend on the cache")
        XCTAssertEqual(warmCode, code)
    }

    /// Two node processes render at once (the prefetcher's two threads, the math stage): a
    /// formula one call is rendering is waited for by another that needs it, not rendered
    /// twice, and every call gets what one process alone gives.
    func testTwoLanesRenderAtOnceAndNeverTwice() throws {
        let formulas = try RenderFixtures.seedFormulas().map { MathRequest(tex: $0.tex, display: $0.display) }
        let distinct = Set(formulas).count
        let alone = try RenderService(macros: [:], cacheDirectory: nil)
        let expected = try alone.renderMath(formulas)
        alone.close()

        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        let half = formulas.count / 2
        // Each call starts with the other's half, so each needs what the other is rendering.
        let orders = [Array(formulas[half...] + formulas[..<half]), formulas]
        let results = Mutex([[MathResult]?](repeating: nil, count: 3))
        DispatchQueue.concurrentPerform(iterations: 3) { call in
            let answer = try? service.renderMath(call == 2 ? formulas : orders[call], lane: call == 2 ? 0 : call)
            results.withLock { $0[call] = answer }
        }
        let made = results.withLock { $0 }
        XCTAssertEqual(made[0].map { Array($0[(formulas.count - half)...] + $0[..<(formulas.count - half)]) }, expected)
        XCTAssertEqual(made[1], expected)
        XCTAssertEqual(made[2], expected)
        XCTAssertEqual(service.statistics.mathRendered, distinct, "each distinct formula rendered once, on one lane or the other")
        XCTAssertEqual(service.statistics.mathDeduplicated + service.statistics.mathRendered + service.cacheHits, 3 * formulas.count)
    }

    /// A call on the second lane whose node cannot start fails alone; the calls waiting for its
    /// formulas render them themselves.
    func testAFailedLaneLeavesNothingClaimed() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["LOSSBOOK_NODE"] = "/bin/false"
        let broken = try RenderService(macros: [:], cacheDirectory: nil, environment: environment)
        XCTAssertThrowsError(try broken.renderMath([MathRequest(tex: "x", display: false)], lane: 1))
        XCTAssertThrowsError(try broken.renderMath([MathRequest(tex: "x", display: false)], lane: 0),
                             "not left waiting for the failed lane's formula")
    }

    func testCacheKeyDependsOnMacrosAndDisplayMode() throws {
        let cache = try makeTemporaryDirectory(self)
        let formula = MathRequest(tex: "\\R^n", display: false)

        let a = try RenderService(macros: ["\\R": "\\mathbb{R}"], cacheDirectory: cache)
        let resultA = try a.renderMath([formula])
        a.close()
        XCTAssertEqual(a.rendered, 1)

        let b = try RenderService(macros: ["\\R": "\\mathcal{R}"], cacheDirectory: cache)
        let resultB = try b.renderMath([formula])
        b.close()
        XCTAssertEqual(b.rendered, 1, "other macros, other key")
        XCTAssertNotEqual(resultA, resultB)

        let c = try RenderService(macros: ["\\R": "\\mathbb{R}"], cacheDirectory: cache)
        XCTAssertEqual(try c.renderMath([formula]), resultA)
        XCTAssertEqual(try c.renderMath([MathRequest(tex: "\\R^n", display: true)]).count, 1)
        c.close()
        XCTAssertEqual(c.cacheHits, 1)
        XCTAssertEqual(c.rendered, 1, "display mode is part of the key")
    }

    func testCachedOutputEqualsFreshOutput() throws {
        let cache = try makeTemporaryDirectory(self)
        let formulas = Array(try RenderFixtures.seedFormulas().prefix(40)).map { MathRequest(tex: $0.tex, display: $0.display) }
        let uncached = try RenderService(macros: [:], cacheDirectory: nil)
        let fresh = try uncached.renderMath(formulas)
        uncached.close()
        for _ in 0..<2 {
            let cached = try RenderService(macros: [:], cacheDirectory: cache)
            XCTAssertEqual(try cached.renderMath(formulas), fresh)
            cached.close()
        }
    }

    func testFailuresAreNotCached() throws {
        let cache = try makeTemporaryDirectory(self)
        for _ in 0..<2 {
            let service = try RenderService(macros: [:], cacheDirectory: cache)
            let result = try service.renderMath([MathRequest(tex: "\\frac{1}{", display: false)])
            service.close()
            guard case .failure = result[0] else { return XCTFail("\(result)") }
            XCTAssertEqual(service.rendered, 1)
        }
    }

    // MARK: - Installation

    func testMissingNodeIsAClearError() throws {
        XCTAssertThrowsError(try RenderService(macros: [:], cacheDirectory: nil, environment: ["PATH": "/nonexistent", "LOSSBOOK_NODE": "/nonexistent/node"])) { error in
            XCTAssertEqual(error as? RenderError, .nodeNotFound)
            XCTAssertTrue("\(error)".hasPrefix("node not found: install nodejs (apt-get install nodejs)"))
        }
    }

    /// node renders without a connection: a certificate bundle named in the environment (as
    /// on many CI images) is not passed on, since node would parse it as it starts.
    func testTheRendererIsNotGivenACertificateBundleToParse() throws {
        let installation = try RendererInstallation.locate()
        let environment = installation.environment(inheriting: ["NODE_EXTRA_CA_CERTS": "/etc/ssl/certs/ca-certificates.crt", "PATH": "/usr/bin"])
        XCTAssertNil(environment["NODE_EXTRA_CA_CERTS"])
        XCTAssertEqual(environment["PATH"], "/usr/bin")
        XCTAssertEqual(environment["LOSSBOOK_KATEX"], installation.katex.path)
    }

    func testMissingKaTeXIsAClearError() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["LOSSBOOK_KATEX"] = "/nonexistent/katex.js"
        XCTAssertThrowsError(try RenderService(macros: [:], cacheDirectory: nil, environment: environment)) { error in
            XCTAssertEqual(error as? RenderError, .katexNotFound)
            XCTAssertTrue("\(error)".hasPrefix("KaTeX not found: install libjs-katex"))
        }
    }

    func testVersions() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        defer { service.close() }
        let versions = try service.versions()
        XCTAssertEqual(versions.katex, "0.16.4")
        XCTAssertEqual(versions.highlightJS, "9.18.5")
    }

    func testServiceRestartsAfterClose() throws {
        let service = try RenderService(macros: [:], cacheDirectory: nil)
        _ = try service.renderMath([MathRequest(tex: "a", display: false)])
        service.close()
        let again = try service.renderMath([MathRequest(tex: "b", display: false)])
        service.close()
        guard case .html = again[0] else { return XCTFail("\(again)") }
    }

    // MARK: - The cache across services (timings live in `make bench`, not here)

    func testAWarmCacheAnswersExactlyLikeAColdRender() throws {
        let seed = try RenderFixtures.seedFormulas()
        let formulas = (0..<300).map { index -> MathRequest in
            let formula = seed[index % seed.count]
            return MathRequest(tex: "{\(formula.tex)} + \(index)", display: formula.display)
        }
        let cache = try makeTemporaryDirectory(self)

        let cold = try RenderService(macros: [:], cacheDirectory: cache)
        let coldResults = try cold.renderMath(formulas)
        cold.close()
        XCTAssertEqual(cold.rendered, 300)
        XCTAssertEqual(coldResults.filter { if case .html = $0 { return true } else { return false } }.count, 300)

        let uncached = try RenderService(macros: [:], cacheDirectory: nil)
        XCTAssertEqual(try uncached.renderMath(formulas), coldResults)
        uncached.close()

        let warm = try RenderService(macros: [:], cacheDirectory: cache)
        let warmResults = try warm.renderMath(formulas)
        warm.close()
        XCTAssertEqual(warm.rendered, 0, "every formula came from the cache")
        XCTAssertEqual(warmResults, coldResults)
    }
}
