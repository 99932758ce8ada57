/// How an axis maps data values to positions.
public enum ScaleType: String, Sendable, Hashable, CaseIterable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10). Only positive values can be shown; others
    /// are left out of domains and break lines, as a log-scale plot of them has no meaning.
    case log
}
