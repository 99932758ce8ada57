/// A vertical or horizontal reference line across the whole plot area, e.g. x = δ where Huber
/// changes from quadratic to linear, or y = 0. Its position counts towards the domain, so a
/// rule is never silently outside the plot.
public struct RuleMark: Sendable, Equatable {
    public enum Orientation: Sendable, Hashable {
        /// A vertical line at this x.
        case vertical(x: Double)
        /// A horizontal line at this y.
        case horizontal(y: Double)
    }

    public var orientation: Orientation
    /// Drawn at the top of a vertical rule, at the right end of a horizontal one.
    public var label: String?
    /// `nil` draws in the neutral axis colour.
    public var color: PaletteColor?
    public var dash: DashPattern

    public init(x: Double, label: String? = nil, color: PaletteColor? = nil, dash: DashPattern = .dashed) {
        self.init(orientation: .vertical(x: x), label: label, color: color, dash: dash)
    }

    public init(y: Double, label: String? = nil, color: PaletteColor? = nil, dash: DashPattern = .dashed) {
        self.init(orientation: .horizontal(y: y), label: label, color: color, dash: dash)
    }

    public init(orientation: Orientation, label: String? = nil, color: PaletteColor? = nil, dash: DashPattern = .dashed) {
        self.orientation = orientation
        self.label = label
        self.color = color
        self.dash = dash
    }
}

extension RuleMark: RenderableMark {
    var xValues: [Double] {
        if case .vertical(let x) = orientation { return [x] }
        return []
    }

    var yValues: [Double] {
        if case .horizontal(let y) = orientation { return [y] }
        return []
    }

    var seriesDeclarations: [SeriesDeclaration] { [] }
    var clipping: Clipping { .none }

    func render(in context: MarkContext) -> SVGNode {
        let f = context.frame
        let lineClass = color.map { "lp-rule lp-colored lp-c\($0.rawValue)" } ?? "lp-rule"
        var children: [SVGNode] = []
        switch orientation {
        case .vertical(let x):
            guard let px = context.x.position(x), px >= f.minX - 0.5, px <= f.maxX + 0.5 else { break }
            children.append(line(class: lineClass, x1: px, y1: f.minY, x2: px, y2: f.maxY))
            if let label {
                // Beside the line near the top; flipped to the left near the right edge.
                let flip = px + 6 + TextMetrics.width(label) > f.maxX
                children.append(AnnotationText.node(label, x: px + (flip ? -5 : 5), y: f.minY + 13, anchor: flip ? .end : .start))
            }
        case .horizontal(let y):
            guard let py = context.y.position(y), py >= f.minY - 0.5, py <= f.maxY + 0.5 else { break }
            children.append(line(class: lineClass, x1: f.minX, y1: py, x2: f.maxX, y2: py))
            if let label {
                // Above the line at the right end; below it when the line is at the very top.
                let below = py - 16 < f.minY
                children.append(AnnotationText.node(label, x: f.maxX - 4, y: below ? py + 14 : py - 5, anchor: .end))
            }
        }
        return .group(["class": "lp-rule-mark"], children)
    }

    private func line(class cls: String, x1: Double, y1: Double, x2: Double, y2: Double) -> SVGNode {
        .el("line", [
            "class": cls,
            "x1": NumberFormat.coordinate(x1), "y1": NumberFormat.coordinate(y1),
            "x2": NumberFormat.coordinate(x2), "y2": NumberFormat.coordinate(y2),
            "stroke-dasharray": dash.dashArray,
        ])
    }

    func summary(in context: MarkContext) -> String? {
        let where_: String
        switch orientation {
        case .vertical(let x):
            guard context.x.contains(x), context.x.position(x) != nil else { return nil }
            where_ = "Vertical rule at x = \(TickFormat.compact(x))"
        case .horizontal(let y):
            guard context.y.contains(y), context.y.position(y) != nil else { return nil }
            where_ = "Horizontal rule at y = \(TickFormat.compact(y))"
        }
        return where_ + (label.map { " (\($0))" } ?? "") + "."
    }
}
