/// What every layout of a figure has in common, because it depends on the panels alone: the
/// series' styles and legend entries, and each panel's data extents. Made once for the wide
/// and narrow layouts of a figure (``Figure/svgLayouts(narrowWidth:panelHeight:idSuffix:)``).
struct SharedFigureWork: Sendable {
    let registry: SeriesRegistry
    let extents: [PanelExtents]

    init(panels: [Panel]) {
        registry = SeriesRegistry(panels: panels)
        extents = panels.map(PanelExtents.init)
    }
}
