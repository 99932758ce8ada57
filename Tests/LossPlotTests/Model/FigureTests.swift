import Foundation
import Testing
@testable import LossPlot

@Suite struct FigureTests {
    // MARK: Validity

    @Test(arguments: Fixtures.all.map(\.name))
    func everyFixtureIsWellFormedXML(_ name: String) throws {
        let svg = try #require(Fixtures.all.first { $0.name == name }).figure.svg()
        let (check, error) = XMLCheck.parse(svg)
        #expect(error == nil, "\(name): \(String(describing: error))")
        #expect(check.elements.first?.name == "svg")
    }

    @Test func hostileInputStillGivesValidXML() {
        let nasty = "</title><script>alert(1)</script> & \"quotes\" 'single' \u{0}\u{7} ]]> <!-- -->"
        let figure = Figure(
            title: nasty, description: nasty,
            panels: [Panel(title: nasty, x: Axis(label: nasty), y: Axis(label: nasty), marks: [
                .line(LineMark(name: nasty, points: [Point(0, .nan), Point(1, .infinity), Point(2, -.infinity), Point(3, 1)])),
                .bars(BarMark(categories: [nasty], series: [BarSeries(name: nasty + "2", values: [.nan])])),
                .rule(RuleMark(x: 0, label: nasty)),
                .text(TextMark(at: Point(1, 1), text: nasty)),
                .arrow(ArrowMark(from: Point(0, 0), to: Point(1, 1), label: nasty)),
            ])],
            idPrefix: nasty)
        let svg = figure.svg()
        let (check, error) = XMLCheck.parse(svg)
        #expect(error == nil, "\(String(describing: error))")
        #expect(!svg.contains("<script"))
        #expect(!svg.lowercased().contains("nan"))
        #expect(!svg.contains("inf"))
        #expect(check.elements(named: "script").isEmpty)
    }

    // MARK: Escaping

    @Test func scriptInTitleIsEscaped() {
        let figure = Render.figure([.line(LineMark(points: [Point(0, 0), Point(1, 1)]))], title: "</title><script>alert(1)</script>")
        let svg = figure.svg()
        #expect(svg.contains("<title id=\"t-title\">&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
        let (check, _) = XMLCheck.parse(svg)
        #expect(check.texts["title"] == "</title><script>alert(1)</script>")
    }

    @Test func attributeValuesAreEscaped() {
        let svg = Render.figure([], idPrefix: "x").svg()
        #expect(!svg.contains("=\"\""))
        let figure = Render.figure([.bars(BarMark(categories: ["a\"b", "c'd"], values: [1, 2]))])
        let (check, error) = XMLCheck.parse(figure.svg())
        #expect(error == nil)
        #expect(check.elements(named: "text").count >= 2)
    }

    // MARK: Accessibility

    @Test func titleAndDescriptionAreReferenced() throws {
        let svg = Fixtures.huberTwoPanels.svg()
        let (check, _) = XMLCheck.parse(svg)
        let root = try #require(check.elements.first?.attributes)
        #expect(root["role"] == "img")
        #expect(root["aria-labelledby"] == "fig-huber-title fig-huber-desc")
        let ids = Set(check.elements.compactMap { $0.attributes["id"] })
        #expect(ids.contains("fig-huber-title") && ids.contains("fig-huber-desc"))
        #expect(check.elements[1].name == "title")
        #expect(check.elements[2].name == "desc")
        #expect(check.texts["title"] == "Huber against MSE and MAE")
    }

    @Test func descriptionStartsWithTheCallersTextAndSummarisesTheData() {
        let desc = Fixtures.huberTwoPanels.accessibleDescription
        #expect(desc.hasPrefix("Huber is quadratic near zero and linear beyond δ. "))
        #expect(desc.contains("2 panels."))
        #expect(desc.contains("Panel 1 (Linear scale): x (residual a) from −3 to 3; y (loss) from 0 to 6."))
        #expect(desc.contains("y (loss) from 0.001 to 10, log scale"))
        #expect(desc.contains("MSE (line): x from −3 to 3, y from 0 to 4.5."))
        #expect(desc.contains("Vertical rule at x = 1 (δ)."))
    }

    @Test func generatedDescriptionIsTheFallback() {
        let figure = Render.figure([.line(LineMark(name: "sigmoid", function: { 1 / (1 + exp(-$0)) }, over: -6...6))])
        #expect(figure.accessibleDescription.hasPrefix("The plot: x from −6 to 6; y from 0 to 1. sigmoid (line): x from −6 to 6, y from 0.00247 to 0.998."))
    }

    // MARK: Determinism and ids

    @Test func sameFigureTwiceGivesIdenticalBytes() {
        for (_, figure) in Fixtures.all {
            #expect(figure.svg() == figure.svg())
        }
        #expect(Fixtures.huberTwoPanels.svg() == Fixtures.huberTwoPanels.svg())  // rebuilt from scratch
    }

    @Test func idsAreUniqueAndPrefixed() {
        for (_, figure) in Fixtures.all {
            let (check, _) = XMLCheck.parse(figure.svg())
            let ids = check.elements.compactMap { $0.attributes["id"] }
            #expect(Set(ids).count == ids.count)
            #expect(ids.allSatisfy { $0.hasPrefix(figure.idPrefix + "-") })
        }
    }

    @Test func clipPathReferencesResolve() {
        for (_, figure) in Fixtures.all {
            let (check, _) = XMLCheck.parse(figure.svg())
            let ids = Set(check.elements.compactMap { $0.attributes["id"] })
            for ref in check.elements.compactMap({ $0.attributes["clip-path"] }) {
                #expect(ids.contains(String(ref.dropFirst(5).dropLast())))
            }
        }
    }

    // MARK: Output format

    @Test func numbersHaveAtMostTwoDecimalsAndNoMinusZero() throws {
        let pattern = try NSRegularExpression(pattern: #"-?\d+(\.\d+)?"#)
        for (name, figure) in Fixtures.all {
            let (check, _) = XMLCheck.parse(figure.svg())
            for element in check.elements where element.name != "style" {
                for (key, value) in element.attributes where ["d", "x", "y", "x1", "x2", "y1", "y2", "width", "height"].contains(key) {
                    let range = NSRange(value.startIndex..., in: value)
                    for match in pattern.matches(in: value, range: range) {
                        let token = String(value[Range(match.range, in: value)!])
                        if let dot = token.firstIndex(of: ".") {
                            #expect(token[token.index(after: dot)...].count <= 2, "\(name): \(key)=\(token)")
                        }
                        #expect(token != "-0" && !token.hasPrefix("-0.00"), "\(name): \(key)=\(token)")
                    }
                }
            }
        }
    }

    @Test func viewBoxSizedWithOptionalSizeAttributes() throws {
        var figure = Fixtures.softmaxBars
        var root = try #require(XMLCheck.parse(figure.svg()).check.elements.first?.attributes)
        #expect(root["viewBox"] == "0 0 480 300")
        #expect(root["width"] == nil && root["height"] == nil)
        #expect(root["xmlns"] == "http://www.w3.org/2000/svg")
        figure.includesSizeAttributes = true
        root = try #require(XMLCheck.parse(figure.svg()).check.elements.first?.attributes)
        #expect(root["width"] == "480" && root["height"] == "300")
    }

    @Test func coloursComeFromCustomPropertiesWithFallbacks() {
        let svg = Fixtures.huberTwoPanels.svg()
        #expect(svg.contains(".lp-c1{--lp-c:var(--plot-c1,#2563eb)}"))
        for variable in ["--plot-axis", "--plot-grid", "--plot-text", "--plot-bg"] {
            #expect(svg.contains("var(\(variable),"))
        }
        #expect(svg.contains("font-family:inherit"))
        #expect(!svg.contains("fill=\"#") && !svg.contains("stroke=\"#"))  // no hard-coded colours
        #expect(!svg.contains("<rect class=\"lp-background"))            // transparent background
    }

    @Test func filesAreSmall() {
        for (name, figure) in Fixtures.all {
            #expect(figure.svg().utf8.count < 16_000, "\(name) is \(figure.svg().utf8.count) bytes")
        }
    }

    /// No timestamps, counters or addresses: a figure built twice, at different moments, gives
    /// the same bytes (the snapshot tests hold them fixed across runs).
    @Test func sameFigureSameBytes() {
        for (name, figure) in Fixtures.all {
            let first = figure.svg()
            Thread.sleep(forTimeInterval: 0.002)
            #expect(first == figure.svg(), "\(name)")
        }
        #expect(Fixtures.scatterFit.svg() == Fixtures.scatterFit.svg())
        #expect(!Fixtures.scatterFit.svg().contains("0x"))
    }

    @Test func emptyFigureIsStillAValidDocument() {
        let figure = Figure(title: "Nothing yet", panels: [])
        let (check, error) = XMLCheck.parse(figure.svg())
        #expect(error == nil)
        #expect(check.texts["desc"] == "An empty figure.")
    }

    @Test func panelsWrapIntoRowsWithColumns() {
        let panel = Panel(marks: [.line(LineMark(points: [Point(0, 0), Point(1, 1)]))])
        let figure = Figure(title: "grid", panels: [panel, panel, panel, panel], columns: 2)
        let frames = FigureRenderer(figure: figure).layouts().map(\.frame)
        #expect(frames[0].minY == frames[1].minY)
        #expect(frames[2].minY > frames[0].maxY)
        #expect(frames[0].minX == frames[2].minX)
    }
}
