/// Path data for marker shapes. All markers of one series go into one `<path>` as separate
/// subpaths, which keeps files small and keeps the colour in one place.
enum MarkerPath {
    /// Marker radius in viewBox units; shapes are scaled to look about equally heavy.
    static let radius = 3.5

    static func data(_ shape: MarkerShape, at centers: [Pixel], radius r: Double = radius) -> String {
        centers.map { subpath(shape, $0, r) }.joined()
    }

    private static func subpath(_ shape: MarkerShape, _ c: Pixel, _ r: Double) -> String {
        func f(_ v: Double) -> String { NumberFormat.coordinate(v) }
        func poly(_ pts: [(Double, Double)]) -> String {
            PathGeometry.moveLine(pts.map { Pixel(x: c.x + $0.0, y: c.y + $0.1) }) + "Z"
        }
        switch shape {
        case .circle:
            // Two arcs make a circle inside one path.
            return "M\(f(c.x - r)),\(f(c.y))a\(f(r)),\(f(r)) 0 1,0 \(f(2 * r)),0a\(f(r)),\(f(r)) 0 1,0 \(f(-2 * r)),0Z"
        case .square:
            let s = r * 0.9
            return poly([(-s, -s), (s, -s), (s, s), (-s, s)])
        case .triangle:
            let s = r * 1.25
            return poly([(0, -s), (s * 0.95, s * 0.7), (-s * 0.95, s * 0.7)])
        case .triangleDown:
            let s = r * 1.25
            return poly([(0, s), (s * 0.95, -s * 0.7), (-s * 0.95, -s * 0.7)])
        case .diamond:
            let s = r * 1.3
            return poly([(0, -s), (s, 0), (0, s), (-s, 0)])
        case .cross:
            let a = r * 1.2, b = r * 0.4
            return poly([(-b, -a), (b, -a), (b, -b), (a, -b), (a, b), (b, b), (b, a), (-b, a), (-b, b), (-a, b), (-a, -b), (-b, -b)])
        }
    }
}
