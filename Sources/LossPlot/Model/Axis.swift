/// One axis of a panel: its scale type, optional fixed bounds, label, and grid.
///
/// Bounds left `nil` are computed from the panel's marks and then rounded outward to tick steps
/// (linear) or decades (log); bounds given are used exactly. On a log axis, non-positive bounds
/// are ignored because they cannot be shown.
public struct Axis: Sendable, Hashable {
    /// Shown beside the axis (rotated for y). `nil` shows none.
    public var label: String?
    public var scale: ScaleType
    public var min: Double?
    public var max: Double?
    /// Light grid lines at the ticks across the plot area.
    public var grid: Bool
    /// About how many ticks to aim for; `nil` derives it from the available length
    /// (roughly one per 55 px horizontally, one per 36 px vertically).
    public var tickCount: Int?

    public init(
        label: String? = nil,
        scale: ScaleType = .linear,
        min: Double? = nil,
        max: Double? = nil,
        grid: Bool = true,
        tickCount: Int? = nil
    ) {
        self.label = label
        self.scale = scale
        self.min = min
        self.max = max
        self.grid = grid
        self.tickCount = tickCount
    }
}
