/// A text annotation at a data position, optionally with a dot marking the point, e.g.
/// "σ(0) = ½" at (0, 0.5). Text gets a halo in the background colour so it stays readable over
/// grid lines and curves.
public struct TextMark: Sendable, Equatable {
    public var position: Point
    public var text: String
    public var anchor: TextAnchor
    /// Offset of the text from the position, in viewBox units (positive dy moves down).
    public var dx: Double
    public var dy: Double
    /// Draw a small dot at the position.
    public var showsDot: Bool
    /// `nil` uses the text colour; a palette colour ties the note to a series.
    public var color: PaletteColor?

    public init(
        at position: Point,
        text: String,
        anchor: TextAnchor = .start,
        dx: Double = 6,
        dy: Double = -6,
        showsDot: Bool = false,
        color: PaletteColor? = nil
    ) {
        self.position = position
        self.text = text
        self.anchor = anchor
        self.dx = dx
        self.dy = dy
        self.showsDot = showsDot
        self.color = color
    }
}

/// Horizontal alignment of text relative to its position.
public enum TextAnchor: String, Sendable, Hashable {
    case start, middle, end
}

/// Builds annotation text nodes; shared by text, rule and arrow labels so they look alike.
enum AnnotationText {
    static func node(_ text: String, x: Double, y: Double, anchor: TextAnchor, extraClass: String? = nil) -> SVGNode {
        .el("text", [
            "class": "lp-halo" + (extraClass.map { " " + $0 } ?? ""),
            "x": NumberFormat.coordinate(x),
            "y": NumberFormat.coordinate(y),
            "text-anchor": anchor == .start ? nil : anchor.rawValue,
        ], [.text(text)])
    }
}

extension TextMark: RenderableMark {
    var xValues: [Double] { [position.x] }
    var yValues: [Double] { [position.y] }
    var seriesDeclarations: [SeriesDeclaration] { [] }
    var clipping: Clipping { .none }

    func render(in context: MarkContext) -> SVGNode {
        guard let p = context.pixel(position), context.frame.insetBy(-2).contains(p) else {
            return .group(["class": "lp-text-mark"], [])
        }
        var children: [SVGNode] = []
        if showsDot {
            children.append(.el("path", ["class": "lp-marker", "d": MarkerPath.data(.circle, at: [p], radius: 3)]))
        }
        children.append(AnnotationText.node(text, x: p.x + dx, y: p.y + dy, anchor: anchor))
        let colour = color.map { "lp-c\($0.rawValue)" } ?? "lp-c8"
        return .group(["class": "lp-text-mark " + colour], children)
    }

    func summary(in context: MarkContext) -> String? {
        guard let p = context.pixel(position), context.frame.insetBy(-2).contains(p) else { return nil }
        return "Note \u{201C}\(text)\u{201D} at (\(TickFormat.compact(position.x)), \(TickFormat.compact(position.y)))."
    }
}
