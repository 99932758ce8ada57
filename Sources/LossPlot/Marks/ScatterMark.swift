/// Points drawn as markers, e.g. observations a loss is fitted to. The marker shape comes from
/// the series style (automatic shapes differ per series, so two point clouds stay apart in
/// greyscale).
public struct ScatterMark: Sendable, Equatable {
    public var name: String?
    public var points: [Point]
    public var style: SeriesStyle
    /// Marker radius in viewBox units.
    public var radius: Double

    public init(name: String? = nil, points: [Point], radius: Double = 3.5, style: SeriesStyle = .automatic) {
        self.name = name
        self.points = points
        self.radius = radius
        self.style = style
    }
}

extension ScatterMark: RenderableMark {
    var xValues: [Double] { points.map(\.x) }
    var yValues: [Double] { points.map(\.y) }
    var seriesDeclarations: [SeriesDeclaration] { [SeriesDeclaration(name: name, style: style, swatch: .marker)] }
    var clipping: Clipping { .loose }

    func render(in context: MarkContext) -> SVGNode {
        let style = context.style(0)
        let centers = points.compactMap(context.pixel).filter { context.frame.insetBy(-radius - 1).contains($0) }
        var children: [SVGNode] = []
        if !centers.isEmpty {
            children.append(.el("path", ["class": "lp-marker", "d": MarkerPath.data(style.marker, at: centers, radius: radius)]))
        }
        return .group(["class": "lp-scatter " + style.colorClass], children)
    }

    func summary(in context: MarkContext) -> String? {
        SeriesSummary.describe(kind: "\(points.count) points", name: name, points: points, context: context)
    }
}
