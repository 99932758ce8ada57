/// One legend row: a named series with the look it was drawn with.
struct LegendEntry: Sendable, Hashable {
    var name: String
    var swatch: Swatch
    var style: ResolvedStyle
}

/// Lays out and draws legends. Entries flow in rows for a top legend, or stack in a column
/// for a right-hand or inset legend; an inset legend gets a background box so it stays
/// readable over grid lines.
enum LegendRenderer {
    static let rowHeight = 18.0
    static let swatchWidth = 24.0
    static let textGap = 6.0
    static let entryGap = 18.0

    static func entryWidth(_ entry: LegendEntry) -> Double {
        swatchWidth + textGap + TextMetrics.width(entry.name)
    }

    /// Splits entries into rows no wider than `width`.
    static func rows(_ entries: [LegendEntry], width: Double) -> [[LegendEntry]] {
        var rows: [[LegendEntry]] = []
        var row: [LegendEntry] = []
        var used = 0.0
        for entry in entries {
            let w = entryWidth(entry)
            if !row.isEmpty && used + entryGap + w > width {
                rows.append(row)
                row = []
                used = 0
            }
            used += (row.isEmpty ? 0 : entryGap) + w
            row.append(entry)
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    /// Entries in rows starting at `origin` (top-left of the first row).
    static func renderRows(_ rows: [[LegendEntry]], origin: Pixel) -> SVGNode {
        var children: [SVGNode] = []
        for (r, row) in rows.enumerated() {
            var x = origin.x
            let y = origin.y + Double(r) * rowHeight + rowHeight / 2
            for entry in row {
                children.append(item(entry, x: x, midY: y))
                x += entryWidth(entry) + entryGap
            }
        }
        return .group(["class": "lp-legend"], children)
    }

    /// Entries in a column; with `background`, on a box sized to fit.
    static func renderColumn(_ entries: [LegendEntry], origin: Pixel, background: Bool) -> SVGNode {
        var children: [SVGNode] = []
        if background {
            let width = (entries.map(entryWidth).max() ?? 0) + 16
            children.append(.el("rect", [
                "class": "lp-legend-bg",
                "x": c(origin.x - 8), "y": c(origin.y - 4),
                "width": c(width), "height": c(Double(entries.count) * rowHeight + 8), "rx": "3",
            ]))
        }
        for (i, entry) in entries.enumerated() {
            children.append(item(entry, x: origin.x, midY: origin.y + Double(i) * rowHeight + rowHeight / 2))
        }
        return .group(["class": "lp-legend"], children)
    }

    static func columnWidth(_ entries: [LegendEntry]) -> Double {
        entries.map(entryWidth).max() ?? 0
    }

    private static func item(_ entry: LegendEntry, x: Double, midY y: Double) -> SVGNode {
        let style = entry.style
        var parts: [SVGNode] = []
        let middle = Pixel(x: x + swatchWidth / 2, y: y)
        switch entry.swatch {
        case .line:
            parts.append(.el("path", ["class": "lp-line", "d": "M\(c(x)),\(c(y))h\(c(swatchWidth))", "stroke-dasharray": style.dash.dashArray]))
            if style.showsMarkers {
                parts.append(.el("path", ["class": "lp-marker", "d": MarkerPath.data(style.marker, at: [middle])]))
            }
        case .marker:
            parts.append(.el("path", ["class": "lp-marker", "d": MarkerPath.data(style.marker, at: [middle])]))
        case .area:
            parts.append(.el("rect", ["class": "lp-band", "x": c(x), "y": c(y - 5), "width": c(swatchWidth), "height": "10"]))
        case .bar:
            parts.append(.el("rect", ["class": "lp-bar", "x": c(x + 6), "y": c(y - 6), "width": "12", "height": "12", "rx": "1"]))
        }
        parts.append(.el("text", ["x": c(x + swatchWidth + textGap), "y": c(y + 4)], [.text(entry.name)]))
        return .group(["class": style.colorClass], parts)
    }

    private static func c(_ v: Double) -> String { NumberFormat.coordinate(v) }
}
