/// The sentence a data series contributes to the generated `<desc>`: its name and the range of
/// the values that are actually visible (inside both domains), which is what a sighted reader
/// can see.
enum SeriesSummary {
    static func describe(kind: String, name: String?, points: [Point], context: MarkContext) -> String {
        // One pass, no arrays: ties keep the first value met, as `min()` and `max()` do.
        var first = true
        var xMin = 0.0, xMax = 0.0, yMin = 0.0, yMax = 0.0
        for point in points where context.x.contains(point.x) && context.y.contains(point.y) && context.pixel(point) != nil {
            if first {
                (xMin, xMax, yMin, yMax) = (point.x, point.x, point.y, point.y)
                first = false
                continue
            }
            if point.x < xMin { xMin = point.x }
            if xMax < point.x { xMax = point.x }
            if point.y < yMin { yMin = point.y }
            if yMax < point.y { yMax = point.y }
        }
        let label = name.map { "\($0) (\(kind))" } ?? "Unnamed \(kind)"
        guard !first else { return "\(label): no visible points." }
        return "\(label): x from \(TickFormat.compact(xMin)) to \(TickFormat.compact(xMax)), "
            + "y from \(TickFormat.compact(yMin)) to \(TickFormat.compact(yMax))."
    }
}
