/// Grouped bars over named categories, e.g. softmax probabilities for several temperatures.
///
/// Category `i` is centred at x = `i`; a panel holding bars labels its x axis with the
/// category names. With several series, each category shows one bar per series side by side
/// (series `j` left of series `j + 1`). Bars grow from 0 on a linear y axis (negative values
/// downwards) and from the bottom of the domain on a log axis.
public struct BarMark: Sendable, Equatable {
    public var categories: [String]
    public var series: [BarSeries]
    /// Share of each category's width the group of bars fills (the rest is the gap).
    public var groupWidth: Double

    public init(categories: [String], series: [BarSeries], groupWidth: Double = 0.8) {
        self.categories = categories
        self.series = series
        self.groupWidth = min(1, max(0.1, groupWidth))
    }

    /// One series of bars without a legend entry.
    public init(categories: [String], values: [Double], style: SeriesStyle = .automatic) {
        self.init(categories: categories, series: [BarSeries(name: nil, values: values, style: style)])
    }
}

/// One series of a ``BarMark``: a value per category (missing values draw no bar).
public struct BarSeries: Sendable, Equatable {
    public var name: String?
    public var values: [Double]
    public var style: SeriesStyle

    public init(name: String?, values: [Double], style: SeriesStyle = .automatic) {
        self.name = name
        self.values = values
        self.style = style
    }
}

extension BarMark: RenderableMark {
    var xValues: [Double] { categories.isEmpty ? [] : [-0.5, Double(categories.count) - 0.5] }
    var yValues: [Double] { [0] + series.flatMap { $0.values.prefix(categories.count) } }
    var clipping: Clipping { .tight }

    var seriesDeclarations: [SeriesDeclaration] {
        series.map { SeriesDeclaration(name: $0.name, style: $0.style, swatch: .bar) }
    }

    func render(in context: MarkContext) -> SVGNode {
        let count = Double(max(1, series.count))
        let barWidth = groupWidth / count
        let base = context.y.clampedPosition(context.y.baseline)
        var groups: [SVGNode] = []
        for (j, bars) in series.enumerated() {
            let style = context.style(j)
            var rects: [SVGNode] = []
            for (i, value) in bars.values.prefix(categories.count).enumerated() {
                guard value.isFinite, let top = context.y.position(value) else { continue }
                let left = Double(i) - groupWidth / 2 + Double(j) * barWidth
                guard let x0 = context.x.position(left), let x1 = context.x.position(left + barWidth) else { continue }
                // A hairline gap between neighbouring bars of one group keeps them apart.
                let gap = series.count > 1 ? min(1.5, (x1 - x0) * 0.1) : 0
                // Bars far beyond the domain are cut at the plot edge (the clip path hides the
                // rest) so no runaway coordinates reach the file.
                let edge = context.frame.insetBy(-2)
                let clampedTop = min(max(top, edge.minY), edge.maxY)
                let y0 = min(clampedTop, base), height = abs(base - clampedTop)
                rects.append(.el("rect", [
                    "class": "lp-bar",
                    "x": NumberFormat.coordinate(x0 + gap / 2),
                    "y": NumberFormat.coordinate(y0),
                    "width": NumberFormat.coordinate(max(0, x1 - x0 - gap)),
                    "height": NumberFormat.coordinate(height),
                ]))
            }
            groups.append(.group(["class": style.colorClass], rects))
        }
        return .group(["class": "lp-bars"], groups)
    }

    func summary(in context: MarkContext) -> String? {
        let parts = series.map { bars in
            let values = zip(categories, bars.values).map { "\($0) \($1.isFinite ? TickFormat.compact($1) : "missing")" }.joined(separator: ", ")
            return (bars.name.map { "\($0): " } ?? "") + values
        }
        return "Bars over \(categories.joined(separator: ", ")). " + parts.joined(separator: "; ") + "."
    }
}
