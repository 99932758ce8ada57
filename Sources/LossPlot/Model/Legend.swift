/// Where a figure's legend goes. The legend lists each named series once (series with the same
/// name share one colour across all panels) and is drawn outside the plot areas by default so
/// it can never hide data.
public enum LegendPlacement: String, Sendable, Hashable, CaseIterable {
    /// A band above the panels, entries in rows. The default.
    case top
    /// A band below the panels, entries in rows: the narrow-screen layout, where a band on top
    /// would push the plot away from its caption's neighbour text and a column would not fit.
    case bottom
    /// A column to the right of the panels; better for many or long names.
    case right
    /// A box with a background in the top-right corner of the top-right panel; saves space
    /// when that corner is known to be empty.
    case insideTopRight
    /// No legend, even when series are named.
    case hidden
}
