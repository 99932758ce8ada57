/// The sentence a data series contributes to the generated `<desc>`: its name and the range of
/// the values that are actually visible (inside both domains), which is what a sighted reader
/// can see.
enum SeriesSummary {
    static func describe(kind: String, name: String?, points: [Point], context: MarkContext) -> String {
        let visible = points.filter { context.x.contains($0.x) && context.y.contains($0.y) && context.pixel($0) != nil }
        let label = name.map { "\($0) (\(kind))" } ?? "Unnamed \(kind)"
        guard !visible.isEmpty else { return "\(label): no visible points." }
        let xs = visible.map(\.x), ys = visible.map(\.y)
        return "\(label): x from \(TickFormat.compact(xs.min()!)) to \(TickFormat.compact(xs.max()!)), "
            + "y from \(TickFormat.compact(ys.min()!)) to \(TickFormat.compact(ys.max()!))."
    }
}
