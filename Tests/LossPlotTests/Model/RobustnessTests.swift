import Foundation
import Testing
@testable import LossPlot

/// Many generated figures with extreme, degenerate and non-finite data: every one must render
/// to well-formed XML with no NaN, infinity or runaway coordinates.
@Suite struct RobustnessTests {
    /// SplitMix64: a tiny seeded generator, so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
        /// Values from tame to absurd.
        mutating func value() -> Double {
            switch next() % 10 {
            case 0: return pick([.nan, .infinity, -.infinity, 0, -0.0])
            case 1: return pick([1e-300, -1e-300, 1e300, -1e300, 1e308])
            case 2: return (unit() - 0.5) * 1e-6
            case 3: return (unit() - 0.5) * 1e9
            default: return (unit() - 0.5) * 20
            }
        }
    }

    static func randomFigure(seed: UInt64) -> Figure {
        var g = Generator(state: seed)
        func points(_ n: Int) -> [Point] { (0..<n).map { _ in Point(g.value(), g.value()) } }
        var marks: [Mark] = []
        for _ in 0..<(1 + Int(g.next() % 4)) {
            switch g.next() % 7 {
            case 0: marks.append(.line(LineMark(name: g.pick(["a", "b", nil]), points: points(Int(g.next() % 30)))))
            case 1: marks.append(.scatter(ScatterMark(name: "s", points: points(Int(g.next() % 10)))))
            case 2: marks.append(.bars(BarMark(categories: ["x", "y"], values: [g.value(), g.value()])))
            case 3: marks.append(.band(BandMark(x: (0..<5).map { _ in g.value() }, lower: (0..<5).map { _ in g.value() }, upper: (0..<5).map { _ in g.value() })))
            case 4: marks.append(.rule(g.next() % 2 == 0 ? RuleMark(x: g.value(), label: "r") : RuleMark(y: g.value(), label: "r")))
            case 5: marks.append(.text(TextMark(at: Point(g.value(), g.value()), text: "t")))
            default: marks.append(.arrow(ArrowMark(from: Point(g.value(), g.value()), to: Point(g.value(), g.value()), label: "a")))
            }
        }
        func axis() -> Axis {
            let scale: ScaleType = g.next() % 3 == 0 ? .log : .linear
            let min: Double? = g.next() % 3 == 0 ? g.value() : nil
            let max: Double? = g.next() % 3 == 0 ? g.value() : nil
            return Axis(label: "axis", scale: scale, min: min, max: max)
        }
        let panels = (0..<(1 + Int(g.next() % 3))).map { _ in Panel(x: axis(), y: axis(), marks: marks) }
        return Figure(title: "random \(seed)", panels: panels,
                      legend: g.pick(LegendPlacement.allCases), idPrefix: "r\(seed)")
    }

    @Test func generatedFiguresAlwaysRenderCleanly() {
        for seed in UInt64(1)...300 {
            let svg = Self.randomFigure(seed: seed).svg()
            let (_, error) = XMLCheck.parse(svg)
            #expect(error == nil, "seed \(seed): \(String(describing: error))")
            let lower = svg.lowercased()
            #expect(!lower.contains("nan") && !lower.contains("inf"), "seed \(seed)")
            #expect(!svg.contains("1000000000"), "seed \(seed): runaway coordinate")
        }
    }
}
