/// The generated part of a figure's `<desc>`: what is plotted against what, over which ranges,
/// and each series' visible range, so a reader who cannot see the figure still learns what it
/// shows.
enum FigureDescription {
    static func summary(panels: [Panel], layouts: [PanelLayout], styles: SeriesRegistry) -> String {
        var memo = DescriptionMemo()
        return summary(panels: panels, layouts: layouts, styles: styles, memo: &memo)
    }

    /// The summary, taking the sentences another layout of the figure already wrote from `memo`.
    static func summary(panels: [Panel], layouts: [PanelLayout], styles: SeriesRegistry, memo: inout DescriptionMemo) -> String {
        guard !panels.isEmpty else { return "An empty figure." }
        var sentences: [String] = []
        if panels.count > 1 { sentences.append("\(panels.count) panels.") }
        for (i, (panel, layout)) in zip(panels, layouts).enumerated() {
            let x = DescriptionMemo.Domain(layout.x), y = DescriptionMemo.Domain(layout.y)
            let axes = memo.sentence(.init(panel: i, mark: nil, x: x, y: y)) {
                var lead = panels.count > 1 ? "Panel \(i + 1)" : "The plot"
                if let title = panel.title { lead += " (\(title))" }
                let xPart = layout.categories.map { "categories " + $0.joined(separator: ", ") }
                    ?? axisPhrase("x", panel.x, layout.x)
                return "\(lead): \(xPart); \(axisPhrase("y", panel.y, layout.y))."
            }
            if let axes { sentences.append(axes) }
            for (m, mark) in panel.marks.enumerated() {
                let context = MarkContext(x: layout.x, y: layout.y, frame: layout.frame, styles: styles.styles[i][m])
                let sentence: String?
                switch mark {
                case .text, .arrow:
                    sentence = mark.renderable.summary(in: context)
                case .line, .scatter, .bars, .band, .rule:
                    sentence = memo.sentence(.init(panel: i, mark: m, x: x, y: y)) { mark.renderable.summary(in: context) }
                }
                if let sentence { sentences.append(sentence) }
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
