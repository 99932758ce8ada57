/// Renders a ``Figure`` into an SVG node tree: resolves series styles, lays out the legend and
/// the panel grid, then asks each panel's marks to draw themselves.
///
/// Document order is: `<title>`, `<desc>`, `<style>`, `<defs>` (clip paths), the panels, the
/// legend. Each panel is one `<g>` holding its grid, axes and one `<g>` per mark.
struct FigureRenderer {
    let figure: Figure
    let registry: SeriesRegistry
    /// Each panel's data extents, in panel order.
    let extents: [PanelExtents]
    let ids: IdGenerator

    static let outerPadding = 4.0
    static let columnGap = 20.0
    static let rowGap = 12.0

    init(figure: Figure) {
        self.init(figure: figure, shared: SharedFigureWork(panels: figure.panels))
    }

    /// A renderer that takes what depends on the panels alone from `shared`, which must have
    /// been made from the same panels (another layout of the same figure).
    init(figure: Figure, shared: SharedFigureWork) {
        self.figure = figure
        self.registry = shared.registry
        self.extents = shared.extents
        self.ids = IdGenerator(prefix: IdPrefix.sanitize(figure.idPrefix))
    }

    var width: Double { figure.width.isFinite && figure.width > 40 ? figure.width : 640 }
    var height: Double { figure.height.isFinite && figure.height > 40 ? figure.height : 400 }

    // MARK: Layout

    private var legendEntries: [LegendEntry] {
        figure.legend == .hidden ? [] : registry.legendEntries
    }

    private var topLegendRows: [[LegendEntry]] {
        guard figure.legend == .top, !legendEntries.isEmpty else { return [] }
        return LegendRenderer.rows(legendEntries, width: width - 2 * Self.outerPadding - 40)
    }

    /// Rows of a bottom legend; they may use the whole width, as nothing sits beside them.
    var bottomLegendRows: [[LegendEntry]] {
        guard figure.legend == .bottom, !legendEntries.isEmpty else { return [] }
        return LegendRenderer.rows(legendEntries, width: width - 2 * Self.outerPadding)
    }

    /// Height of the band a bottom legend takes below the panels.
    var bottomLegendBand: Double {
        let rows = bottomLegendRows
        return rows.isEmpty ? 0 : Double(rows.count) * LegendRenderer.rowHeight + 6
    }

    private var rightLegendWidth: Double {
        guard figure.legend == .right, !legendEntries.isEmpty else { return 0 }
        return LegendRenderer.columnWidth(legendEntries) + 16
    }

    /// The area left for panels once the legend has taken its band.
    private var contentArea: Rect {
        let top = topLegendRows.isEmpty ? 0 : Double(topLegendRows.count) * LegendRenderer.rowHeight + 6
        let p = Self.outerPadding
        return Rect(x: p, y: p + top, width: width - 2 * p - rightLegendWidth, height: height - 2 * p - top - bottomLegendBand)
    }

    func layouts() -> [PanelLayout] {
        let panels = figure.panels
        guard !panels.isEmpty else { return [] }
        let columns = max(1, min(panels.count, figure.columns ?? panels.count))
        let rows = (panels.count + columns - 1) / columns
        let area = contentArea
        let cellWidth = (area.width - Double(columns - 1) * Self.columnGap) / Double(columns)
        let cellHeight = (area.height - Double(rows - 1) * Self.rowGap) / Double(rows)
        let reserveTitle = panels.contains { $0.title != nil }
        let reserveXLabel = panels.contains { $0.x.label != nil }
        return panels.enumerated().map { i, panel in
            let cell = Rect(
                x: area.x + Double(i % columns) * (cellWidth + Self.columnGap),
                y: area.y + Double(i / columns) * (cellHeight + Self.rowGap),
                width: cellWidth, height: cellHeight)
            return PanelLayout(panel: panel, cell: cell, reserveTitle: reserveTitle, reserveXLabel: reserveXLabel, extents: extents[i])
        }
    }

    // MARK: Rendering

    func descriptionText(layouts: [PanelLayout]? = nil) -> String {
        var memo = DescriptionMemo()
        return descriptionText(layouts: layouts ?? self.layouts(), memo: &memo)
    }

    private func descriptionText(layouts: [PanelLayout], memo: inout DescriptionMemo) -> String {
        let generated = FigureDescription.summary(panels: figure.panels, layouts: layouts, styles: registry, memo: &memo)
        guard let given = figure.description?.trimmingWhitespace, !given.isEmpty else { return generated }
        return given + " " + generated
    }

    func render() -> SVGNode {
        var memo = DescriptionMemo()
        return render(memo: &memo)
    }

    /// The SVG tree, taking from `memo` the description sentences another layout of the same
    /// figure has written, and adding this layout's.
    func render(memo: inout DescriptionMemo) -> SVGNode {
        var ids = self.ids
        let titleId = ids.fixed("title"), descId = ids.fixed("desc")
        let layouts = layouts()
        var clipPaths: [SVGNode] = []
        var panelNodes: [SVGNode] = []

        for (i, (panel, layout)) in zip(figure.panels, layouts).enumerated() {
            var children: [SVGNode] = []
            if let grid = AxisRenderer.grid(layout, panel: panel) { children.append(grid) }
            children.append(AxisRenderer.axes(layout, panel: panel))

            var clipIds: [Clipping: String] = [:]
            for (m, mark) in panel.marks.enumerated() {
                let renderable = mark.renderable
                let context = MarkContext(x: layout.x, y: layout.y, frame: layout.frame, styles: registry.styles[i][m])
                var node = renderable.render(in: context)
                if renderable.clipping != .none {
                    let id: String
                    if let known = clipIds[renderable.clipping] {
                        id = known
                    } else {
                        id = ids.next("clip")
                        clipIds[renderable.clipping] = id
                        let rect = renderable.clipping == .tight ? layout.frame : layout.frame.insetBy(-6)
                        clipPaths.append(.el("clipPath", ["id": id], [rectNode(rect)]))
                    }
                    node = node.adding(attribute: "clip-path", value: "url(#\(id))")
                }
                children.append(node)
            }
            panelNodes.append(.group(["class": "lp-panel"], children))
        }

        var root: [SVGNode] = [
            .el("title", ["id": titleId], [.text(figure.title)]),
            .el("desc", ["id": descId], [.text(descriptionText(layouts: layouts, memo: &memo))]),
            .el("style", [:], [.text(Stylesheet.text)]),
        ]
        if !clipPaths.isEmpty { root.append(.el("defs", [:], clipPaths)) }
        root += panelNodes
        if let legend = legendNode(layouts: layouts) { root.append(legend) }

        let w = NumberFormat.coordinate(width), h = NumberFormat.coordinate(height)
        return .el("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "lp",
            "viewBox": "0 0 \(w) \(h)",
            "width": figure.includesSizeAttributes ? w : nil,
            "height": figure.includesSizeAttributes ? h : nil,
            "role": "img",
            "aria-labelledby": "\(titleId) \(descId)",
        ], root)
    }

    private func legendNode(layouts: [PanelLayout]) -> SVGNode? {
        let entries = legendEntries
        guard !entries.isEmpty, let first = layouts.first else { return nil }
        switch figure.legend {
        case .hidden:
            return nil
        case .top:
            // Aligned with the first plot area, unless the widest row would then run off the edge.
            let rows = topLegendRows
            let widest = rows.map { row in
                row.map(LegendRenderer.entryWidth).reduce(0, +) + Double(row.count - 1) * LegendRenderer.entryGap
            }.max() ?? 0
            let x = max(Self.outerPadding, min(first.frame.minX, width - Self.outerPadding - widest))
            return LegendRenderer.renderRows(rows, origin: Pixel(x: x, y: Self.outerPadding))
        case .bottom:
            let rows = bottomLegendRows
            let y = height - Self.outerPadding - Double(rows.count) * LegendRenderer.rowHeight
            return LegendRenderer.renderRows(rows, origin: Pixel(x: Self.outerPadding, y: y))
        case .right:
            let x = width - Self.outerPadding - rightLegendWidth + 12
            return LegendRenderer.renderColumn(entries, origin: Pixel(x: x, y: first.frame.minY), background: false)
        case .insideTopRight:
            // The panel at the end of the first row owns the figure's top-right corner.
            let columns = max(1, min(layouts.count, figure.columns ?? layouts.count))
            let frame = layouts[columns - 1].frame
            let x = frame.maxX - LegendRenderer.columnWidth(entries) - 16
            return LegendRenderer.renderColumn(entries, origin: Pixel(x: x, y: frame.minY + 10), background: true)
        }
    }

    private func rectNode(_ r: Rect) -> SVGNode {
        .el("rect", [
            "x": NumberFormat.coordinate(r.x), "y": NumberFormat.coordinate(r.y),
            "width": NumberFormat.coordinate(r.width), "height": NumberFormat.coordinate(r.height),
        ])
    }
}

extension SVGNode {
    /// The same element with one more attribute; text nodes are returned unchanged.
    func adding(attribute name: String, value: String) -> SVGNode {
        guard case .element(var element) = self else { return self }
        element.attributes.append(SVGAttribute(name: name, value: value))
        return .element(element)
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
