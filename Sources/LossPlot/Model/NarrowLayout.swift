/// A second layout of the same figure for a phone's column.
///
/// A figure drawn 640 units wide and shown in a 363 px column scales its 12-unit text down to
/// 6.8 px. The narrow layout draws the same marks (the same numbers: only the layout changes)
/// into a viewBox about as wide as a phone's column, so text keeps its size: panels are stacked
/// one per row, ticks are thinned by the narrower plot areas, and the legend goes under the plot
/// in rows, where it cannot be cut off or cover data.
extension Figure {
    /// The default width of the narrow layout, in user units. At 340 units, 12-unit tick labels
    /// stay at or above 11 CSS px in any column at least 312 px wide (a 390 px phone's column is
    /// 363 px; inside a callout, about 330 px).
    public static let narrowWidth = 340.0

    /// The same figure laid out for a narrow screen. `idSuffix` keeps its ids apart from the wide
    /// layout's when both are on one page.
    ///
    /// - Parameters:
    ///   - width: viewBox width in user units.
    ///   - panelHeight: height of each stacked panel's cell.
    public func narrowLayout(width: Double = Figure.narrowWidth, panelHeight: Double = 230, idSuffix: String = "-narrow") -> Figure {
        narrowLayout(width: width, panelHeight: panelHeight, idSuffix: idSuffix, shared: SharedFigureWork(panels: panels))
    }

    /// The figure and its narrow layout as SVG: the same bytes as `svg()` and
    /// `narrowLayout(…).svg()`, but the work that does not depend on the width (series styles,
    /// data extents, and the description's sentences where the domains agree) is done once.
    public func svgLayouts(narrowWidth: Double = Figure.narrowWidth, panelHeight: Double = 230,
                           idSuffix: String = "-narrow") -> (wide: String, narrow: String) {
        let bytes = svgLayoutBytes(narrowWidth: narrowWidth, panelHeight: panelHeight, idSuffix: idSuffix)
        return (String(decoding: bytes.wide, as: UTF8.self), String(decoding: bytes.narrow, as: UTF8.self))
    }

    /// `svgLayouts` as UTF-8 bytes, for a page that is written as bytes: a String would validate
    /// them again, a tenth of a figure's cost, for text the serializer wrote from Strings.
    public func svgLayoutBytes(narrowWidth: Double = Figure.narrowWidth, panelHeight: Double = 230,
                               idSuffix: String = "-narrow") -> (wide: [UInt8], narrow: [UInt8]) {
        let shared = SharedFigureWork(panels: panels)
        var memo = DescriptionMemo()
        let wide = SVGSerializer.serializeBytes(FigureRenderer(figure: self, shared: shared).render(memo: &memo))
        let narrowFigure = narrowLayout(width: narrowWidth, panelHeight: panelHeight, idSuffix: idSuffix, shared: shared)
        let narrow = SVGSerializer.serializeBytes(FigureRenderer(figure: narrowFigure, shared: shared).render(memo: &memo),
                                                  capacity: wide.count)
        return (wide, narrow)
    }

    private func narrowLayout(width: Double, panelHeight: Double, idSuffix: String, shared: SharedFigureWork) -> Figure {
        var narrow = self
        narrow.width = width
        narrow.columns = 1
        if legend != .hidden { narrow.legend = .bottom }
        narrow.idPrefix = idPrefix + idSuffix
        // Height: the stacked cells plus the legend band, measured with the legend's own row rules.
        let band = FigureRenderer(figure: Figure(title: title, panels: panels, width: width, height: 400, columns: 1,
                                                 legend: narrow.legend, idPrefix: narrow.idPrefix), shared: shared).bottomLegendBand
        let rows = Double(max(1, panels.count))
        narrow.height = rows * panelHeight + (rows - 1) * FigureRenderer.rowGap + 2 * FigureRenderer.outerPadding + band
        return narrow
    }
}
