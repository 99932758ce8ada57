/// One thing drawn in a panel. Each case wraps a mark type defined in its own file; the enum is
/// closed so every mark is known to the renderer, the legend and the description generator.
public enum Mark: Sendable, Equatable {
    case line(LineMark)
    case scatter(ScatterMark)
    case bars(BarMark)
    case band(BandMark)
    case rule(RuleMark)
    case text(TextMark)
    case arrow(ArrowMark)

    /// The single point of dispatch from the public enum to the internal rendering protocol.
    var renderable: any RenderableMark {
        switch self {
        case .line(let m): m
        case .scatter(let m): m
        case .bars(let m): m
        case .band(let m): m
        case .rule(let m): m
        case .text(let m): m
        case .arrow(let m): m
        }
    }
}

/// What the renderer needs from every mark. Internal, so the public surface stays the value
/// types and nobody outside the module can add a mark the legend and description do not know.
protocol RenderableMark: Sendable {
    /// Values that should be inside the x and y domains when those are computed from the data.
    var xValues: [Double] { get }
    var yValues: [Double] { get }
    /// The series this mark draws, in order; each gets a resolved style and maybe a legend
    /// entry. Empty for annotations.
    var seriesDeclarations: [SeriesDeclaration] { get }
    /// How the mark is clipped to the plot area.
    var clipping: Clipping { get }
    /// Builds the mark's `<g>`.
    func render(in context: MarkContext) -> SVGNode
    /// One sentence for the generated `<desc>`, or `nil`.
    func summary(in context: MarkContext) -> String?
}

/// A series as a mark declares it, before styles are resolved.
struct SeriesDeclaration: Sendable, Hashable {
    var name: String?
    var style: SeriesStyle
    var swatch: Swatch
}

/// What the legend draws for a series.
enum Swatch: Sendable, Hashable {
    case line, marker, area, bar
}

/// Marks that must stay inside the plot area (lines, areas, bars) use the tight clip; point
/// marks get a few pixels of slack so a dot on the edge is not cut in half; annotations are
/// not clipped so labels near the edge stay whole.
enum Clipping: Sendable {
    case tight, loose, none
}
