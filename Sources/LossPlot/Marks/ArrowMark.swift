import Foundation

/// An arrow between two data positions with an optional label at its tail, for pointing at a
/// feature of a curve ("gradient vanishes here"). The head is drawn as a small filled
/// triangle in the same group, not an SVG `<marker>`, so it needs no ids and takes the colour
/// from the same CSS rule as the shaft.
public struct ArrowMark: Sendable, Equatable {
    public var from: Point
    public var to: Point
    public var label: String?

    public init(from: Point, to: Point, label: String? = nil) {
        self.from = from
        self.to = to
        self.label = label
    }
}

extension ArrowMark: RenderableMark {
    var xValues: [Double] { [from.x, to.x] }
    var yValues: [Double] { [from.y, to.y] }
    var seriesDeclarations: [SeriesDeclaration] { [] }
    var clipping: Clipping { .none }

    static let headLength = 8.0
    static let headHalfWidth = 3.5

    func render(in context: MarkContext) -> SVGNode {
        // Both ends must be on (or just beside) the plot: an arrow to a point off the plot
        // points at nothing the reader can see.
        let area = context.frame.insetBy(-20)
        guard let a = context.pixel(from), let b = context.pixel(to), area.contains(a), area.contains(b) else {
            return .group(["class": "lp-arrow-mark"], [])
        }
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 1 else { return .group(["class": "lp-arrow-mark"], []) }
        let ux = dx / length, uy = dy / length
        // The shaft stops where the head begins so the round end does not poke through the tip.
        let head = min(Self.headLength, length * 0.6)
        let neck = Pixel(x: b.x - ux * head, y: b.y - uy * head)
        let w = Self.headHalfWidth
        let left = Pixel(x: neck.x - uy * w, y: neck.y + ux * w)
        let right = Pixel(x: neck.x + uy * w, y: neck.y - ux * w)
        var children: [SVGNode] = [
            .el("path", ["class": "lp-arrow", "d": PathGeometry.moveLine([a, neck])]),
            .el("path", ["class": "lp-arrowhead", "d": PathGeometry.moveLine([b, left, right]) + "Z"]),
        ]
        if let label {
            // Behind the tail, on the side the arrow comes from.
            let anchor: TextAnchor = abs(ux) < 0.3 ? .middle : (ux > 0 ? .end : .start)
            let x = a.x - ux * 4 + (anchor == .middle ? 0 : (ux > 0 ? -2 : 2))
            let y = a.y - uy * 4 + (uy > 0.3 ? -4 : (uy < -0.3 ? 12 : 4))
            children.append(AnnotationText.node(label, x: x, y: y, anchor: anchor))
        }
        return .group(["class": "lp-arrow-mark"], children)
    }

    func summary(in context: MarkContext) -> String? {
        guard let a = context.pixel(from), let b = context.pixel(to),
              context.frame.insetBy(-20).contains(a), context.frame.insetBy(-20).contains(b) else { return nil }
        let ends = "(\(TickFormat.compact(from.x)), \(TickFormat.compact(from.y))) to (\(TickFormat.compact(to.x)), \(TickFormat.compact(to.y)))"
        return "Arrow from \(ends)" + (label.map { ": \($0)" } ?? "") + "."
    }
}
