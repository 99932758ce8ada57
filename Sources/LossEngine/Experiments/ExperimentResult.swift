/// What one seeded experiment hands to the course: a title, a one-line account of what was run,
/// a table of metrics, a figure and named numbers for inline values.
///
/// Everything here is plain data (no formatting, no SVG): the site builder decides how numbers
/// are printed and `LossPlot` draws the figure. Two runs of the same experiment with the same seed
/// are `==`.
public struct ExperimentResult: Sendable, Equatable {
    /// The catalog name, e.g. `outlier-line`.
    public var name: String
    /// A caption-like title, e.g. "A line fitted with MSE, MAE and Huber on data with outliers".
    public var title: String
    /// One or two sentences: what was run (data, model, optimiser, steps, seed).
    public var summary: String
    /// The metrics, as the course shows them.
    public var table: ExperimentTable
    /// The figure, one or more panels.
    public var figure: ExperimentFigure
    /// Named numbers for inline values, with dotted keys (`mse.slope`, `final_loss.bce`). Every
    /// value is finite.
    public var fields: [String: Double]

    public init(name: String, title: String, summary: String, table: ExperimentTable, figure: ExperimentFigure,
                fields: [String: Double]) {
        self.name = name
        self.title = title
        self.summary = summary
        self.table = table
        self.figure = figure
        self.fields = fields
    }
}

/// A table: column headers and rows of cells (each row as long as `columns`).
public struct ExperimentTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[ExperimentCell]]

    public init(columns: [String], rows: [[ExperimentCell]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// One cell of an ``ExperimentTable``: a label or a number (printed by the renderer).
public enum ExperimentCell: Sendable, Equatable {
    case text(String)
    case number(Double)
}

/// A figure: panels drawn side by side (or stacked) by the renderer.
public struct ExperimentFigure: Sendable, Equatable {
    public var panels: [ExperimentPanel]

    public init(panels: [ExperimentPanel]) {
        self.panels = panels
    }
}

/// One set of axes.
public struct ExperimentPanel: Sendable, Equatable {
    public var title: String?
    public var xLabel: String
    public var yLabel: String
    /// Log y-axis (loss curves, gradient norms); every y is then > 0.
    public var yLog: Bool
    public var series: [ExperimentSeries]
    /// Vertical markers at these x values (a threshold, a true value, a decision boundary).
    public var verticalRules: [Double]

    public init(title: String? = nil, xLabel: String, yLabel: String, yLog: Bool = false,
                series: [ExperimentSeries], verticalRules: [Double] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yLog = yLog
        self.series = series
        self.verticalRules = verticalRules
    }
}

/// A named line or set of points; `x.count == y.count`.
public struct ExperimentSeries: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case line, scatter
    }

    public var name: String
    public var kind: Kind
    public var x: [Double]
    public var y: [Double]

    public init(name: String, kind: Kind, x: [Double], y: [Double]) {
        self.name = name
        self.kind = kind
        self.x = x
        self.y = y
    }

    /// A line through (xᵢ, yᵢ).
    public static func line(_ name: String, x: [Double], y: [Double]) -> ExperimentSeries {
        ExperimentSeries(name: name, kind: .line, x: x, y: y)
    }

    /// Unconnected points.
    public static func scatter(_ name: String, x: [Double], y: [Double]) -> ExperimentSeries {
        ExperimentSeries(name: name, kind: .scatter, x: x, y: y)
    }
}
