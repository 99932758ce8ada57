/// One plot area with its own axes and marks. A figure lays panels out in a grid, so the same
/// curves can be shown side by side on a linear and a log axis.
///
/// Marks draw in the order given (later marks on top). If the panel holds a ``BarMark``, its
/// x axis becomes categorical: category `i` sits at x = `i`, labelled with the category name,
/// and other marks in the panel may use those numeric positions. The x axis's `min`, `max` and
/// `scale` are then ignored; its label and the y axis work as usual.
public struct Panel: Sendable, Equatable {
    /// Shown above the plot area, e.g. "Linear scale".
    public var title: String?
    public var x: Axis
    public var y: Axis
    public var marks: [Mark]

    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), marks: [Mark]) {
        self.title = title
        self.x = x
        self.y = y
        self.marks = marks
    }
}
