import Foundation
@testable import LossPlot

/// Small named figures shared by the snapshot tests and the figure-level tests. Each exercises
/// a different part of the library; together they cover every mark, both scale types and every
/// legend placement.
enum Fixtures {
    static func huber(_ a: Double, delta: Double = 1) -> Double {
        abs(a) <= delta ? 0.5 * a * a : delta * (abs(a) - 0.5 * delta)
    }

    /// Two panels (linear and log y) with lines, a band, a rule, a note, a top legend.
    static var huberTwoPanels: Figure {
        let curves: [Mark] = [
            .band(BandMark(name: "MSE ± 20 %", over: -3...3, lower: { 0.4 * $0 * $0 }, upper: { 0.6 * $0 * $0 })),
            .line(LineMark(name: "MSE", function: { 0.5 * $0 * $0 }, over: -3...3)),
            .line(LineMark(name: "MAE", function: { abs($0) }, over: -3...3)),
            .line(LineMark(name: "Huber (δ = 1)", function: { huber($0) }, over: -3...3)),
            .rule(RuleMark(x: 1, label: "δ")),
        ]
        return Figure(
            title: "Huber against MSE and MAE",
            description: "Huber is quadratic near zero and linear beyond δ.",
            panels: [
                Panel(title: "Linear scale", x: Axis(label: "residual a", min: -3, max: 3), y: Axis(label: "loss"),
                      marks: curves + [.text(TextMark(at: Point(-2.9, 5.6), text: "MSE grows fastest", dx: 0, dy: 0))]),
                Panel(title: "Log scale", x: Axis(label: "residual a", min: -3, max: 3), y: Axis(label: "loss", scale: .log, min: 1e-3),
                      marks: curves),
            ],
            width: 720, height: 340, idPrefix: "fig-huber")
    }

    /// Grouped bars: softmax of three logits at three temperatures.
    static var softmaxBars: Figure {
        let logits = [2.0, 1.0, 0.1]
        func softmax(_ t: Double) -> [Double] {
            let e = logits.map { exp($0 / t) }
            let s = e.reduce(0, +)
            return e.map { $0 / s }
        }
        return Figure(
            title: "Softmax turns logits into probabilities",
            panels: [Panel(y: Axis(label: "probability", min: 0, max: 1), marks: [
                .bars(BarMark(categories: ["cat", "dog", "bird"], series: [0.5, 1, 2].map {
                    BarSeries(name: "T = \(TickFormat.compact($0))", values: softmax($0))
                })),
            ])],
            width: 480, height: 300, idPrefix: "fig-softmax")
    }

    /// Points, a fitted line with markers, an arrow, and an inset legend.
    static var scatterFit: Figure {
        let xs = stride(from: 0.0, through: 9, by: 1).map { $0 }
        var ys = xs.map { 0.8 * $0 + 1 + sin($0 * 1.7) * 0.6 }
        ys[6] = 16  // an outlier
        return Figure(
            title: "A line fitted with MSE and MAE",
            panels: [Panel(x: Axis(label: "x"), y: Axis(label: "y"), marks: [
                .scatter(ScatterMark(name: "data", points: zip(xs, ys).map { Point($0, $1) })),
                .line(LineMark(name: "MSE fit", points: [Point(0, 0.4), Point(9, 10.2)], style: SeriesStyle(showsMarkers: true))),
                .line(LineMark(name: "MAE fit", points: [Point(0, 1.1), Point(9, 8.3)], style: SeriesStyle(showsMarkers: true))),
                .arrow(ArrowMark(from: Point(3.2, 14), to: Point(5.8, 15.7), label: "outlier")),
            ])],
            width: 480, height: 320, legend: .insideTopRight, idPrefix: "fig-scatter")
    }

    /// Log–log axes over many decades: y = x² from 10⁻⁵ to 10³.
    static var logDecades: Figure {
        Figure(
            title: "A power law is a straight line on log–log axes",
            panels: [Panel(
                x: Axis(label: "x", scale: .log), y: Axis(label: "x²", scale: .log),
                marks: [.line(LineMark(name: "x²", function: { $0 * $0 }, over: 1e-5...1e3, samples: 50, spacing: .log))])],
            width: 480, height: 300, legend: .hidden, idPrefix: "fig-loglog")
    }

    /// Every data point is the same single point: the domain must be widened sensibly.
    static var singlePoint: Figure {
        Figure(
            title: "One point",
            panels: [Panel(marks: [.scatter(ScatterMark(points: [Point(-7.3, -7.3)]))])],
            width: 320, height: 240, idPrefix: "fig-point")
    }

    /// Four series with markers and distinct dashes, negative ranges, legend on the right.
    static var dashesRightLegend: Figure {
        let names = ["tanh", "−tanh", "tanh/2", "x/3"]
        let functions: [(Double) -> Double] = [{ tanh($0) }, { -tanh($0) }, { tanh($0) / 2 }, { $0 / 3 }]
        let marks: [Mark] = zip(names, functions).map { name, f in
            .line(LineMark(name: name, function: f, over: -3...(-0.2), samples: 61, style: SeriesStyle(showsMarkers: true)))
        } + [.rule(RuleMark(y: 0, label: "y = 0"))]
        return Figure(
            title: "Series told apart by colour, dash and marker",
            panels: [Panel(x: Axis(label: "input"), y: Axis(label: "output"), marks: marks)],
            width: 560, height: 300, legend: .right, idPrefix: "fig-dashes")
    }

    /// A discrete distribution: eleven numeric categories, one unnamed series, a note.
    static var poissonMass: Figure {
        let rate = 3.0
        var p = exp(-rate)
        var mass: [Double] = []
        for k in 0...10 {
            mass.append(p)
            p *= rate / Double(k + 1)
        }
        return Figure(
            title: "Poisson mass with rate 3",
            panels: [Panel(x: Axis(label: "k"), y: Axis(label: "P(K = k)"), marks: [
                .bars(BarMark(categories: (0...10).map(String.init), values: mass)),
                .rule(RuleMark(x: 3, label: "mean = 3", color: .orange)),
            ])],
            width: 480, height: 260, idPrefix: "fig-poisson")
    }

    /// All named fixtures, for loops over every figure.
    static var all: [(name: String, figure: Figure)] {
        [
            ("huber-two-panels", huberTwoPanels),
            ("softmax-bars", softmaxBars),
            ("scatter-fit", scatterFit),
            ("log-decades", logDecades),
            ("single-point", singlePoint),
            ("dashes-right-legend", dashesRightLegend),
            ("poisson-mass", poissonMass),
        ]
    }
}
