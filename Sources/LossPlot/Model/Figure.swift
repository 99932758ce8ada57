/// A complete figure: one or more panels, a legend, and the text that makes it accessible.
///
/// A `Figure` is a plain value; ``svg()`` renders it to a standalone SVG string. Rendering the
/// same figure twice gives identical bytes: ids are the caller's prefix plus sequential
/// suffixes, and nothing depends on time, randomness or memory addresses.
///
/// ```swift
/// let figure = Figure(
///     title: "Huber against MSE",
///     panels: [Panel(marks: [.line(LineMark(name: "MSE", function: { $0 * $0 }, over: -3...3))])],
///     idPrefix: "fig-huber"
/// )
/// let svg = figure.svg()
/// ```
public struct Figure: Sendable, Equatable {
    /// The accessible name, written to `<title>`. Not drawn: the page shows its own caption.
    public var title: String
    /// What the figure shows, for readers who cannot see it. Written to `<desc>`, followed by a
    /// generated summary of the panels, axes and series ranges.
    public var description: String?
    public var panels: [Panel]
    /// Size of the viewBox in user units (≈ CSS pixels at 100 %). The SVG scales to its
    /// container; these only fix the aspect ratio and the size of text relative to the plot.
    public var width: Double
    public var height: Double
    /// Panels per row; `nil` puts all panels in one row.
    public var columns: Int?
    public var legend: LegendPlacement
    /// Prefix for every id in the SVG (title, desc, clip paths). Give each figure on a page its
    /// own prefix, e.g. its label; characters not allowed in XML ids are replaced.
    public var idPrefix: String
    /// Also write `width` and `height` attributes (fixed intrinsic size). Off by default so the
    /// figure fills the width of its container.
    public var includesSizeAttributes: Bool

    public init(
        title: String,
        description: String? = nil,
        panels: [Panel],
        width: Double = 640,
        height: Double = 400,
        columns: Int? = nil,
        legend: LegendPlacement = .top,
        idPrefix: String = "plot",
        includesSizeAttributes: Bool = false
    ) {
        self.title = title
        self.description = description
        self.panels = panels
        self.width = width
        self.height = height
        self.columns = columns
        self.legend = legend
        self.idPrefix = idPrefix
        self.includesSizeAttributes = includesSizeAttributes
    }

    /// The figure as a standalone SVG document (no XML declaration, so it can also be inlined
    /// into HTML as is).
    public func svg() -> String {
        SVGSerializer.serialize(FigureRenderer(figure: self).render())
    }

    /// The `<desc>` text: the caller's description followed by the generated summary.
    public var accessibleDescription: String {
        FigureRenderer(figure: self).descriptionText()
    }
}
