import Testing
@testable import LossPlot

/// `svgLayouts()` draws the wide and narrow layouts with shared work; it must give exactly the
/// bytes of drawing each on its own.
@Suite struct LayoutPairTests {
    @Test(arguments: Fixtures.all.map(\.name))
    func pairMatchesSeparateRenders(name: String) throws {
        let figure = try #require(Fixtures.all.first { $0.name == name }?.figure)
        let pair = figure.svgLayouts()
        #expect(pair.wide == figure.svg())
        #expect(pair.narrow == figure.narrowLayout().svg())
    }

    /// Random figures with hostile numbers (±∞, NaN, ±0, 1e300, single points, log axes with
    /// non-positive data, fixed bounds on the wrong side): the shared extents and sentences
    /// must never change a byte.
    @Test func randomFiguresMatchSeparateRenders() {
        for seed in UInt64(1)...300 {
            let figure = RobustnessTests.randomFigure(seed: seed)
            let pair = figure.svgLayouts()
            #expect(pair.wide == figure.svg(), "seed \(seed)")
            #expect(pair.narrow == figure.narrowLayout().svg(), "seed \(seed)")
        }
    }

    /// A note just past the right edge: 2.9 units out in the wide layout (not described), 1.5
    /// in the narrow one (described, as it is drawn). Its sentence must not be carried over.
    @Test func noteNearTheEdgeIsDescribedPerLayout() {
        let figure = Figure(title: "Edge", panels: [
            Panel(x: Axis(min: -3, max: 3), y: Axis(min: 0, max: 9), marks: [
                .line(LineMark(name: "MSE", function: { $0 * $0 }, over: -3...3)),
                .text(TextMark(at: Point(x: 3.03, y: 4), text: "edge", showsDot: true)),
            ]),
        ], idPrefix: "fig-edge")
        let wideDesc = figure.accessibleDescription, narrowDesc = figure.narrowLayout().accessibleDescription
        #expect(wideDesc != narrowDesc, "the fixture must put the note in one layout's area only")
        let pair = figure.svgLayouts()
        #expect(pair.wide == figure.svg())
        #expect(pair.narrow == figure.narrowLayout().svg())
    }

    /// A free y axis gets fewer ticks in the narrow layout, so its domain (and description)
    /// can differ; the shared sentences are kept per domain.
    @Test func descriptionsFollowEachLayoutsDomains() {
        let figure = Figure(title: "Free y", panels: [
            Panel(x: Axis(min: -3, max: 3), marks: [.line(LineMark(name: "cubic", function: { $0 * $0 * $0 / 3 + 0.37 }, over: -3...3))]),
            Panel(x: Axis(min: -3, max: 3), y: Axis(scale: .log), marks: [.line(LineMark(name: "exp", function: { 1.3 * _exp($0) }, over: -3...3))]),
        ], idPrefix: "fig-free")
        let pair = figure.svgLayouts()
        #expect(pair.wide == figure.svg())
        #expect(pair.narrow == figure.narrowLayout().svg())
    }

    @Test func memoReusesOnlyTheSameDomains() {
        var memo = DescriptionMemo()
        let a = DescriptionMemo.Domain(Scale(type: .linear, domain: 0...5, start: 0, end: 100))
        let b = DescriptionMemo.Domain(Scale(type: .linear, domain: 0...6, start: 0, end: 300))
        var made = 0
        _ = memo.sentence(.init(panel: 0, mark: 1, x: a, y: a)) { made += 1; return "first" }
        // Other pixels, same domains: reused.
        let again = memo.sentence(.init(panel: 0, mark: 1, x: DescriptionMemo.Domain(Scale(type: .linear, domain: 0...5, start: 7, end: 9)), y: a)) { made += 1; return "second" }
        #expect(again == "first" && made == 1)
        let other = memo.sentence(.init(panel: 0, mark: 1, x: a, y: b)) { made += 1; return "third" }
        #expect(other == "third" && made == 2)
        // A nil sentence is remembered too.
        _ = memo.sentence(.init(panel: 1, mark: 0, x: a, y: a)) { made += 1; return nil }
        #expect(memo.sentence(.init(panel: 1, mark: 0, x: a, y: a)) { made += 1; return "late" } == nil && made == 3)
    }
}

private func _exp(_ x: Double) -> Double {
    var term = 1.0, sum = 1.0
    for n in 1..<30 { term *= x / Double(n); sum += term }
    return sum
}
