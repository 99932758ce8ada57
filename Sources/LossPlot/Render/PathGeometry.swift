/// Turns pixel polylines and polygons into compact SVG path data.
///
/// Lines are clipped to a rectangle a little larger than the plot area before anything is
/// written, so a curve that shoots off to 10¹² does not put huge coordinates in the file, and
/// then simplified (Ramer–Douglas–Peucker, a quarter-pixel tolerance) so straight stretches
/// of a densely sampled function cost two points instead of two hundred.
enum PathGeometry {
    static let tolerance = 0.25

    /// Path data for polylines: each inner array is drawn as one `M…L…` run.
    static func linePath(_ runs: [[Pixel]], clip: Rect) -> String? {
        var d: [UInt8] = []
        for run in runs {
            for piece in clipPolyline(run, to: clip) where piece.count >= 2 {
                appendMoveLine(simplify(piece, tolerance: tolerance), to: &d)
            }
        }
        return d.isEmpty ? nil : String(decoding: d, as: UTF8.self)
    }

    /// Path data for a closed polygon clipped to a rectangle.
    static func polygonPath(_ polygon: [Pixel], clip: Rect) -> String? {
        let clipped = clipPolygon(polygon, to: clip)
        guard clipped.count >= 3 else { return nil }
        return moveLine(simplify(clipped, tolerance: tolerance)) + "Z"
    }

    static func moveLine(_ points: [Pixel]) -> String {
        var d: [UInt8] = []
        appendMoveLine(points, to: &d)
        return String(decoding: d, as: UTF8.self)
    }

    /// `moveLine(points)` appended to UTF-8 bytes, with no String per number or per run.
    static func appendMoveLine(_ points: [Pixel], to d: inout [UInt8]) {
        d.reserveCapacity(d.count + points.count * 14)
        for (i, p) in points.enumerated() {
            d.append(i == 0 ? UInt8(ascii: "M") : UInt8(ascii: "L"))
            NumberFormat.appendCoordinate(p.x, to: &d)
            d.append(UInt8(ascii: ","))
            NumberFormat.appendCoordinate(p.y, to: &d)
        }
    }

    // MARK: Clipping

    /// Splits a polyline into the pieces inside `rect` (Liang–Barsky per segment).
    static func clipPolyline(_ points: [Pixel], to rect: Rect) -> [[Pixel]] {
        guard points.count >= 2 else { return [] }
        // Most curves stay inside: every segment then comes back from `clipSegment` unchanged
        // (its t stays at 0 and 1 exactly), so the line is its own only piece.
        if points.allSatisfy(rect.contains) { return [points] }
        return clipPolylineBySegment(points, to: rect)
    }

    /// `clipPolyline` without its shortcut: every segment clipped on its own, consecutive pieces
    /// joined where they meet.
    static func clipPolylineBySegment(_ points: [Pixel], to rect: Rect) -> [[Pixel]] {
        guard points.count >= 2 else { return [] }
        var pieces: [[Pixel]] = []
        var current: [Pixel] = []
        for i in 1..<points.count {
            guard let (a, b) = clipSegment(points[i - 1], points[i], to: rect) else {
                if current.count >= 2 { pieces.append(current) }
                current = []
                continue
            }
            if current.isEmpty || current.last != a {
                if current.count >= 2 { pieces.append(current) }
                current = [a]
            }
            current.append(b)
            // The segment left the rectangle: end this piece.
            if b != points[i] {
                pieces.append(current)
                current = []
            }
        }
        if current.count >= 2 { pieces.append(current) }
        return pieces
    }

    static func clipSegment(_ p: Pixel, _ q: Pixel, to r: Rect) -> (Pixel, Pixel)? {
        let dx = q.x - p.x, dy = q.y - p.y
        var t0 = 0.0, t1 = 1.0
        // One edge of the four: false when the segment lies wholly outside it.
        func edge(_ pk: Double, _ qk: Double) -> Bool {
            if pk == 0 { return !(qk < 0) }
            let t = qk / pk
            if pk < 0 {
                if t > t1 { return false }
                if t > t0 { t0 = t }
            } else {
                if t < t0 { return false }
                if t < t1 { t1 = t }
            }
            return true
        }
        guard edge(-dx, p.x - r.minX), edge(dx, r.maxX - p.x),
              edge(-dy, p.y - r.minY), edge(dy, r.maxY - p.y) else { return nil }
        let a = t0 == 0 ? p : Pixel(x: p.x + t0 * dx, y: p.y + t0 * dy)
        let b = t1 == 1 ? q : Pixel(x: p.x + t1 * dx, y: p.y + t1 * dy)
        return (a, b)
    }

    /// Sutherland–Hodgman against the four edges of a rectangle.
    static func clipPolygon(_ polygon: [Pixel], to r: Rect) -> [Pixel] {
        typealias Edge = (inside: (Pixel) -> Bool, cross: (Pixel, Pixel) -> Pixel)
        func crossX(_ x: Double) -> (Pixel, Pixel) -> Pixel {
            { a, b in Pixel(x: x, y: a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)) }
        }
        func crossY(_ y: Double) -> (Pixel, Pixel) -> Pixel {
            { a, b in Pixel(x: a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y: y) }
        }
        let edges: [Edge] = [
            ({ $0.x >= r.minX }, crossX(r.minX)),
            ({ $0.x <= r.maxX }, crossX(r.maxX)),
            ({ $0.y >= r.minY }, crossY(r.minY)),
            ({ $0.y <= r.maxY }, crossY(r.maxY)),
        ]
        var output = polygon
        for edge in edges {
            guard let last = output.last else { break }
            let input = output
            output = []
            var previous = last
            for point in input {
                if edge.inside(point) {
                    if !edge.inside(previous) { output.append(edge.cross(previous, point)) }
                    output.append(point)
                } else if edge.inside(previous) {
                    output.append(edge.cross(previous, point))
                }
                previous = point
            }
        }
        return output
    }

    // MARK: Simplification

    /// Ramer–Douglas–Peucker, iterative so long lines cannot overflow the stack.
    static func simplify(_ points: [Pixel], tolerance: Double) -> [Pixel] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var worst = 0.0, index = first
            for i in (first + 1)..<last {
                let d = distance(points[i], toSegment: points[first], points[last])
                if d > worst { worst = d; index = i }
            }
            if worst > tolerance {
                keep[index] = true
                stack.append((first, index))
                stack.append((index, last))
            }
        }
        return zip(points, keep).compactMap { $1 ? $0 : nil }
    }

    static func distance(_ p: Pixel, toSegment a: Pixel, _ b: Pixel) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        guard lengthSquared > 0 else { return ((p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)).squareRoot() }
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared))
        let cx = a.x + t * dx - p.x, cy = a.y + t * dy - p.y
        return (cx * cx + cy * cy).squareRoot()
    }
}
