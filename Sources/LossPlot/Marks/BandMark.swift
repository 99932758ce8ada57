/// A filled region between two curves over the same x values, e.g. a confidence band or the
/// gap between a loss and its upper bound; with no lower curve, the area under one curve.
///
/// The fill is the series colour at low opacity, so lines drawn after it stay readable. Where
/// either bound is not showable the band is split, like a line.
public struct BandMark: Sendable, Equatable {
    public var name: String?
    public var x: [Double]
    /// Lower edge; `nil` fills down to the axis baseline (0, or the bottom of a log axis).
    public var lower: [Double]?
    public var upper: [Double]
    /// Also stroke both edges thinly.
    public var showsEdges: Bool
    public var style: SeriesStyle

    public init(name: String? = nil, x: [Double], lower: [Double], upper: [Double], showsEdges: Bool = false, style: SeriesStyle = .automatic) {
        self.init(name: name, x: x, optionalLower: lower, upper: upper, showsEdges: showsEdges, style: style)
    }

    private init(name: String?, x: [Double], optionalLower lower: [Double]?, upper: [Double], showsEdges: Bool, style: SeriesStyle) {
        self.name = name
        self.x = x
        self.lower = lower
        self.upper = upper
        self.showsEdges = showsEdges
        self.style = style
    }

    /// Samples both bounds over `range` (see ``LineMark/init(name:function:over:samples:spacing:style:)``).
    public init(
        name: String? = nil,
        over range: ClosedRange<Double>,
        samples: Int = 241,
        spacing: ScaleType = .linear,
        lower: (Double) -> Double,
        upper: (Double) -> Double,
        showsEdges: Bool = false,
        style: SeriesStyle = .automatic
    ) {
        let xs = Sampling.grid(over: range, count: samples, spacing: spacing)
        self.init(name: name, x: xs, lower: xs.map(lower), upper: xs.map(upper), showsEdges: showsEdges, style: style)
    }

    /// The area between a curve and the axis baseline.
    public static func area(name: String? = nil, points: [Point], style: SeriesStyle = .automatic) -> BandMark {
        BandMark(name: name, x: points.map(\.x), optionalLower: nil, upper: points.map(\.y), showsEdges: false, style: style)
    }
}

extension BandMark: RenderableMark {
    var xValues: [Double] { x }
    var yValues: [Double] { upper + (lower ?? [0]) }
    var seriesDeclarations: [SeriesDeclaration] { [SeriesDeclaration(name: name, style: style, swatch: .area)] }
    var clipping: Clipping { .tight }

    /// (x, lower, upper) triples, truncated to the shortest array.
    private func rows(baseline: Double) -> [(Double, Double, Double)] {
        let lows = lower ?? Array(repeating: baseline, count: x.count)
        return (0..<min(x.count, lows.count, upper.count)).map { (x[$0], lows[$0], upper[$0]) }
    }

    func render(in context: MarkContext) -> SVGNode {
        let style = context.style(0)
        var children: [SVGNode] = []
        var edges: [[Pixel]] = []
        for run in showableRuns(context) {
            let top = run.map(\.1), bottom = run.map(\.0)
            if let d = PathGeometry.polygonPath(top + bottom.reversed(), clip: context.lineClip) {
                children.append(.el("path", ["class": "lp-band", "d": d]))
            }
            edges += [top, bottom]
        }
        if showsEdges, let d = PathGeometry.linePath(edges, clip: context.lineClip) {
            children.append(.el("path", ["class": "lp-band-edge", "d": d]))
        }
        return .group(["class": "lp-band-mark " + style.colorClass], children)
    }

    /// Runs of consecutive rows where both bounds are showable, as (lower, upper) pixels.
    private func showableRuns(_ context: MarkContext) -> [[(Pixel, Pixel)]] {
        var runs: [[(Pixel, Pixel)]] = []
        var current: [(Pixel, Pixel)] = []
        for (x, lo, hi) in rows(baseline: context.y.baseline) {
            if let a = context.pixel(Point(x: x, y: lo)), let b = context.pixel(Point(x: x, y: hi)) {
                current.append((a, b))
            } else {
                if current.count >= 2 { runs.append(current) }
                current = []
            }
        }
        if current.count >= 2 { runs.append(current) }
        return runs
    }

    func summary(in context: MarkContext) -> String? {
        let rows = rows(baseline: context.y.baseline)
        let points = rows.flatMap { [Point(x: $0.0, y: $0.1), Point(x: $0.0, y: $0.2)] }
        return SeriesSummary.describe(kind: lower == nil ? "area" : "band", name: name, points: points, context: context)
    }
}
