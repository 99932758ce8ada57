/// The generated part of a figure's `<desc>`: what is plotted against what, over which ranges,
/// and each series' visible range, so a reader who cannot see the figure still learns what it
/// shows.
enum FigureDescription {
    static func summary(panels: [Panel], layouts: [PanelLayout], styles: SeriesRegistry) -> String {
        guard !panels.isEmpty else { return "An empty figure." }
        var sentences: [String] = []
        if panels.count > 1 { sentences.append("\(panels.count) panels.") }
        for (i, (panel, layout)) in zip(panels, layouts).enumerated() {
            var lead = panels.count > 1 ? "Panel \(i + 1)" : "The plot"
            if let title = panel.title { lead += " (\(title))" }
            let xPart = layout.categories.map { "categories " + $0.joined(separator: ", ") }
                ?? axisPhrase("x", panel.x, layout.x)
            sentences.append("\(lead): \(xPart); \(axisPhrase("y", panel.y, layout.y)).")
            for (m, mark) in panel.marks.enumerated() {
                let context = MarkContext(x: layout.x, y: layout.y, frame: layout.frame, styles: styles.styles[i][m])
                if let s = mark.renderable.summary(in: context) { sentences.append(s) }
            }
        }
        return sentences.joined(separator: " ")
    }

    private static func axisPhrase(_ name: String, _ axis: Axis, _ scale: Scale) -> String {
        let label = axis.label.map { " (\($0))" } ?? ""
        let kind = scale.type == .log ? ", log scale" : ""
        return "\(name)\(label) from \(TickFormat.compact(scale.domain.lowerBound)) to \(TickFormat.compact(scale.domain.upperBound))\(kind)"
    }
}
