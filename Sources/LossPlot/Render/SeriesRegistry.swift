/// Gives every series of a figure its style, once, before anything is drawn.
///
/// Series are numbered in order of first appearance (panel by panel, mark by mark). Series with
/// the same name share a number — so "MSE" is the same colour, dash and marker in the linear
/// and the log panel — and unnamed series each get their own. The legend lists named series
/// in that same order.
struct SeriesRegistry: Sendable {
    /// `styles[panel][mark]` holds one style per series the mark declared.
    private(set) var styles: [[[ResolvedStyle]]] = []
    private(set) var legendEntries: [LegendEntry] = []

    init(panels: [Panel]) {
        var indexByName: [String: Int] = [:]
        var next = 0
        for panel in panels {
            var panelStyles: [[ResolvedStyle]] = []
            for mark in panel.marks {
                var markStyles: [ResolvedStyle] = []
                for declaration in mark.renderable.seriesDeclarations {
                    let index: Int
                    if let name = declaration.name, let known = indexByName[name] {
                        index = known
                    } else {
                        index = next
                        next += 1
                        if let name = declaration.name { indexByName[name] = index }
                    }
                    let style = ResolvedStyle.automatic(index: index, overrides: declaration.style)
                    markStyles.append(style)
                    if let name = declaration.name, !name.isEmpty, !legendEntries.contains(where: { $0.name == name }) {
                        legendEntries.append(LegendEntry(name: name, swatch: declaration.swatch, style: style))
                    }
                }
                panelStyles.append(markStyles)
            }
            styles.append(panelStyles)
        }
    }
}
