/// Draws a panel's grid, axis lines, ticks, tick labels, axis labels and title from its
/// ``PanelLayout``. Grid lines and ticks are each one `<path>` of many subpaths, which keeps
/// the file small. No `crispEdges`: figures are scaled to arbitrary sizes, where snapping to
/// device pixels makes equal grid lines come out in different widths.
enum AxisRenderer {
    static func grid(_ layout: PanelLayout, panel: Panel) -> SVGNode? {
        let f = layout.frame
        var d = PathData()
        if panel.y.grid {
            for v in layout.yTicks.values {
                guard let py = layout.y.position(v), py > f.minY + 0.5, py < f.maxY - 0.5 else { continue }
                d.move(f.minX, py)
                d.append("H", f.maxX)
            }
        }
        if panel.x.grid && layout.categories == nil {
            for v in layout.xTicks.values {
                guard let px = layout.x.position(v), px > f.minX + 0.5, px < f.maxX - 0.5 else { continue }
                d.move(px, f.minY)
                d.append("V", f.maxY)
            }
        }
        guard !d.isEmpty else { return nil }
        return .el("path", ["class": "lp-grid", "d": d.string])
    }

    static func axes(_ layout: PanelLayout, panel: Panel) -> SVGNode {
        let f = layout.frame
        let tick = PanelLayout.tickLength, pad = PanelLayout.tickPadding
        var lines = PathData()
        lines.move(f.minX, f.maxY)
        lines.append("H", f.maxX)
        lines.move(f.minX, f.minY)
        lines.append("V", f.maxY)
        var xLabels: [SVGNode] = [], yLabels: [SVGNode] = []

        for (v, label) in zip(layout.xTicks.values, layout.xTicks.labels) {
            guard let px = layout.x.position(v), px >= f.minX - 0.5, px <= f.maxX + 0.5 else { continue }
            lines.move(px, f.maxY)
            lines.append("v", tick)
            xLabels.append(.el("text", ["x": c(px), "y": c(f.maxY + tick + pad + 11)], [.text(label)]))
        }
        for v in layout.xTicks.minor {
            guard let px = layout.x.position(v) else { continue }
            lines.move(px, f.maxY)
            lines.append("v", tick / 2)
        }
        for v in layout.yTicks.minor {
            guard let py = layout.y.position(v) else { continue }
            lines.move(f.minX, py)
            lines.append("h", -tick / 2)
        }
        for (v, label) in zip(layout.yTicks.values, layout.yTicks.labels) {
            guard let py = layout.y.position(v), py >= f.minY - 0.5, py <= f.maxY + 0.5 else { continue }
            lines.move(f.minX, py)
            lines.append("h", -tick)
            yLabels.append(.el("text", ["x": c(f.minX - tick - pad), "y": c(py + 4)], [.text(label)]))
        }

        var children: [SVGNode] = [
            .el("path", ["class": "lp-axis", "d": lines.string]),
            .group(["class": "lp-ticks-x", "text-anchor": "middle"], xLabels),
            .group(["class": "lp-ticks-y", "text-anchor": "end"], yLabels),
        ]
        if let label = panel.x.label {
            let y = f.maxY + tick + pad + TextMetrics.tickFontSize + 4 + 13
            children.append(.el("text", ["class": "lp-label", "x": c(f.midX), "y": c(y), "text-anchor": "middle"], [.text(label)]))
        }
        if let label = panel.y.label {
            // Rotated a quarter turn: in the rotated frame x runs up the page, so x = −midY.
            children.append(.el("text", [
                "class": "lp-label", "transform": "rotate(-90)",
                "x": c(-f.midY), "y": c(layout.cell.minX + 12), "text-anchor": "middle",
            ], [.text(label)]))
        }
        if let title = panel.title {
            // Centred over the plot area, but moved in so that a long title stays inside its cell
            // (a right-hand panel's title would otherwise run off the figure).
            // Titles are semibold: about a tenth wider than TextMetrics' regular-weight estimate.
            let half = 1.12 * TextMetrics.width(title, fontSize: TextMetrics.titleFontSize) / 2
            let cell = layout.cell
            let x = half * 2 >= cell.width ? cell.midX : min(max(f.midX, cell.minX + half), cell.maxX - half)
            children.append(.el("text", [
                "class": "lp-title", "x": c(x), "y": c(layout.cell.minY + 15), "text-anchor": "middle",
            ], [.text(title)]))
        }
        return .group(["class": "lp-axes"], children)
    }

    private static func c(_ v: Double) -> String { NumberFormat.coordinate(v) }
}
