/// Everything a mark needs to draw itself: the panel's scales and plot area, and the resolved
/// style of each series it declared (same order as ``RenderableMark/seriesDeclarations``).
struct MarkContext: Sendable {
    var x: Scale
    var y: Scale
    /// The plot area; axes sit on its edges.
    var frame: Rect
    var styles: [ResolvedStyle]

    /// The data point in pixels, or `nil` if either coordinate cannot be shown.
    func pixel(_ point: Point) -> Pixel? {
        guard let px = x.position(point.x), let py = y.position(point.y) else { return nil }
        return Pixel(x: px, y: py)
    }

    /// Consecutive showable points as runs: a value the scales cannot show (NaN, ±∞, ≤ 0 on a
    /// log axis) ends a run, so the line breaks instead of jumping.
    func runs(_ points: [Point]) -> [[Pixel]] {
        var runs: [[Pixel]] = []
        var current: [Pixel] = []
        current.reserveCapacity(points.count)
        for point in points {
            if let p = pixel(point) {
                current.append(p)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Lines are clipped a little outside the plot area; the SVG clip path then cuts them
    /// exactly, and round line caps do not leave stubs at the edge.
    var lineClip: Rect { frame.insetBy(-4) }

    /// The style for the series at `index`, or a neutral default for marks with no series.
    func style(_ index: Int) -> ResolvedStyle {
        index < styles.count ? styles[index] : ResolvedStyle.automatic(index: 0, overrides: .automatic)
    }
}

extension Scale {
    /// The bottom of the plot in data terms, where bars and areas start: 0 if it is in the
    /// domain on a linear scale, else the nearest domain end.
    var baseline: Double {
        switch type {
        case .linear: min(max(0, domain.lowerBound), domain.upperBound)
        case .log: domain.lowerBound
        }
    }
}
