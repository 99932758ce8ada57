import Foundation

/// A line through points: measured data, or a function sampled at creation time.
///
/// Sampling happens in the initialiser, so the mark stays a plain `Sendable` value and
/// rendering never calls back into caller code. Non-finite samples (and non-positive ones on a
/// log axis) break the line rather than connecting across the gap.
public struct LineMark: Sendable, Equatable {
    /// Series name for the legend and the description; lines with the same name in different
    /// panels share a colour, dash and marker.
    public var name: String?
    public var points: [Point]
    public var style: SeriesStyle
    /// `true` when the points come from sampling a function: optional markers are then spread
    /// evenly along the line instead of sitting on every sample.
    public var isSampled: Bool

    public init(name: String? = nil, points: [Point], style: SeriesStyle = .automatic) {
        self.name = name
        self.points = points
        self.style = style
        self.isSampled = false
    }

    /// Pairs `x[i]` with `y[i]`; extra values in the longer array are ignored.
    public init(name: String? = nil, x: [Double], y: [Double], style: SeriesStyle = .automatic) {
        self.init(name: name, points: zip(x, y).map { Point(x: $0, y: $1) }, style: style)
    }

    /// Samples `function` at `samples` evenly spaced x values over `range` (geometrically spaced
    /// with `spacing: .log`, for log x axes; the range must then be positive). The default
    /// 241 samples put points on round values of common ranges such as −3…3, so kinks like
    /// Huber's at δ = 1 are sampled exactly.
    public init(
        name: String? = nil,
        function: (Double) -> Double,
        over range: ClosedRange<Double>,
        samples: Int = 241,
        spacing: ScaleType = .linear,
        style: SeriesStyle = .automatic
    ) {
        let xs = Sampling.grid(over: range, count: samples, spacing: spacing)
        self.init(name: name, points: xs.map { Point(x: $0, y: function($0)) }, style: style)
        self.isSampled = true
    }
}

/// Sample positions shared by the marks that sample functions.
enum Sampling {
    static func grid(over range: ClosedRange<Double>, count: Int, spacing: ScaleType) -> [Double] {
        let n = max(2, count)
        let lo = range.lowerBound, hi = range.upperBound
        if lo == hi { return [lo] }
        if spacing == .log && lo > 0 {
            let a = log10(lo), b = log10(hi)
            return (0..<n).map { i in i == 0 ? lo : i == n - 1 ? hi : pow(10, a + (b - a) * Double(i) / Double(n - 1)) }
        }
        // Each x from the ends, not by accumulating a step, so there is no drift.
        return (0..<n).map { i in
            let t = Double(i) / Double(n - 1)
            let v = lo + (hi - lo) * t
            return v.magnitude < (hi - lo).magnitude * 1e-12 ? 0 : v
        }
    }
}

extension LineMark: RenderableMark {
    var xValues: [Double] { points.map(\.x) }
    var yValues: [Double] { points.map(\.y) }
    var seriesDeclarations: [SeriesDeclaration] { [SeriesDeclaration(name: name, style: style, swatch: .line)] }
    /// Markers on the last point must not be cut in half, so a line with markers uses the loose
    /// clip; its path is then clipped geometrically at the exact plot edge instead.
    var clipping: Clipping { style.showsMarkers ? .loose : .tight }

    func render(in context: MarkContext) -> SVGNode {
        let style = context.style(0)
        var children: [SVGNode] = []
        let clip = style.showsMarkers ? context.frame : context.lineClip
        if let d = PathGeometry.linePath(context.runs(points), clip: clip) {
            children.append(.el("path", ["class": "lp-line", "d": d, "stroke-dasharray": style.dash.dashArray]))
        }
        if style.showsMarkers {
            let centers = markerPoints(seriesIndex: style.seriesIndex)
                .compactMap(context.pixel)
                .filter { context.frame.insetBy(-1).contains($0) }
            if !centers.isEmpty {
                children.append(.el("path", ["class": "lp-marker", "d": MarkerPath.data(style.marker, at: centers)]))
            }
        }
        return .group(["class": "lp-line-mark " + style.colorClass], children)
    }

    /// Every point for measured data; about ten evenly spaced samples for a function, shifted
    /// per series so markers of overlapping curves do not sit on top of each other.
    private func markerPoints(seriesIndex: Int) -> [Point] {
        guard isSampled, points.count > 12 else { return points }
        let every = max(1, points.count / 10)
        let phase = (every / 2 + seriesIndex * max(1, every / 4)) % every
        return stride(from: phase, to: points.count, by: every).map { points[$0] }
    }

    func summary(in context: MarkContext) -> String? {
        SeriesSummary.describe(kind: "line", name: name, points: points, context: context)
    }
}
