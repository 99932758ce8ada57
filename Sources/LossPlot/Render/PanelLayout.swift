/// Where one panel goes and how its axes map data: the plot area inside the panel's cell,
/// domains, scales and ticks.
///
/// Margins are measured from the tick labels actually chosen, so a y axis labelled
/// "0.0001" gets more room than one labelled "5". The y axis is resolved first (its tick count
/// depends only on the height), which fixes the left margin and so the width left for x.
struct PanelLayout: Sendable {
    var frame: Rect
    var x: Scale
    var y: Scale
    var xTicks: AxisTicks
    var yTicks: AxisTicks
    /// Set when the panel holds bars: the x axis is categorical.
    var categories: [String]?
    var cell: Rect

    /// Space reserved above the plot area for a panel title.
    static let titleBand = 22.0
    /// Space reserved below the tick labels for an x-axis label.
    static let xLabelBand = 18.0
    static let tickLength = 4.0
    static let tickPadding = 3.0

    /// - Parameters:
    ///   - reserveTitle: keep room for a title even if this panel has none, so panels side by
    ///     side have plot areas of equal height.
    ///   - reserveXLabel: the same for x-axis labels.
    ///   - extents: the panel's data extents (``PanelExtents``), when the caller has them already.
    init(panel: Panel, cell: Rect, reserveTitle: Bool, reserveXLabel: Bool, extents: PanelExtents? = nil) {
        self.cell = cell
        let extents = extents ?? PanelExtents(panel)
        let bars = panel.marks.compactMap { mark -> BarMark? in
            if case .bars(let b) = mark { return b }
            return nil
        }.first
        categories = bars?.categories

        let top = 8 + (reserveTitle ? Self.titleBand : 0)
        let bottom = Self.tickLength + Self.tickPadding + TextMetrics.tickFontSize + 4 + (reserveXLabel ? Self.xLabelBand : 0)
        let plotHeight = max(20, cell.height - top - bottom)

        // y first: its tick count depends only on the height.
        let yCount = panel.y.tickCount ?? min(10, max(2, Int(plotHeight / 36)))
        let yDomain = DomainResolver.resolve(
            extent: extents.y, type: panel.y.scale,
            min: panel.y.min, max: panel.y.max, tickCount: yCount)
        yTicks = AxisTicks.numeric(domain: yDomain, type: panel.y.scale, count: yCount)

        let left = (panel.y.label == nil ? 0 : 20) + yTicks.widestLabel + Self.tickLength + Self.tickPadding + 4
        var right = 12.0
        var plotWidth = max(20, cell.width - left - right)

        let xDomain: ClosedRange<Double>
        let xScaleType: ScaleType
        if let categories, !categories.isEmpty {
            xScaleType = .linear
            xDomain = -0.5...(Double(categories.count) - 0.5)
            xTicks = .categorical(categories)
        } else {
            xScaleType = panel.x.scale
            let chosen = Self.xAxis(panel: panel, extent: extents.x, plotWidth: plotWidth)
            xDomain = chosen.domain
            xTicks = chosen.ticks
        }
        // Half of the last tick label hangs past the plot area when the tick sits at the end.
        if let lastLabel = xTicks.labels.last, let lastValue = xTicks.values.last {
            let probe = Scale(type: xScaleType, domain: xDomain, start: 0, end: plotWidth)
            let fromEnd = plotWidth - (probe.position(lastValue) ?? plotWidth)
            right = max(right, TextMetrics.width(lastLabel) / 2 + 2 - fromEnd)
            plotWidth = max(20, cell.width - left - right)
        }

        frame = Rect(x: cell.x + left, y: cell.y + top, width: plotWidth, height: plotHeight)
        x = Scale(type: xScaleType, domain: xDomain, start: frame.minX, end: frame.maxX)
        y = Scale(type: panel.y.scale, domain: yDomain, start: frame.maxY, end: frame.minY)
    }

    /// Domain and ticks for a numeric x axis, thinning ticks until their labels do not collide.
    private static func xAxis(panel: Panel, extent: DataExtent, plotWidth: Double) -> (domain: ClosedRange<Double>, ticks: AxisTicks) {
        var count = panel.x.tickCount ?? min(10, max(2, Int(plotWidth / 55)))
        while true {
            let domain = DomainResolver.resolve(
                extent: extent, type: panel.x.scale,
                min: panel.x.min, max: panel.x.max, tickCount: count)
            let ticks = AxisTicks.numeric(domain: domain, type: panel.x.scale, count: count)
            if count <= 2 || panel.x.tickCount != nil || fits(ticks, domain: domain, type: panel.x.scale, width: plotWidth) {
                return (domain, ticks)
            }
            count -= 1
        }
    }

    /// Whether neighbouring x tick labels leave at least a small gap between them.
    private static func fits(_ ticks: AxisTicks, domain: ClosedRange<Double>, type: ScaleType, width: Double) -> Bool {
        let scale = Scale(type: type, domain: domain, start: 0, end: width)
        let positions = ticks.values.map { scale.position($0) ?? 0 }
        for i in 1..<max(1, positions.count) {
            let needed = (TextMetrics.width(ticks.labels[i - 1]) + TextMetrics.width(ticks.labels[i])) / 2 + 8
            if positions[i] - positions[i - 1] < needed { return false }
        }
        return true
    }
}

/// A panel's data extents on both axes: they depend on the marks alone, so the wide and narrow
/// layouts of a figure share them.
struct PanelExtents: Sendable, Equatable {
    var x: DataExtent
    var y: DataExtent

    init(_ panel: Panel) {
        let marks = panel.marks.map(\.renderable)
        x = DataExtent(marks.lazy.flatMap(\.xValues))
        y = DataExtent(marks.lazy.flatMap(\.yValues))
    }
}
