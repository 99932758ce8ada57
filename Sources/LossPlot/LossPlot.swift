/// LossPlot draws figures as standalone, deterministic SVG.
public enum LossPlotVersion {
    public static let string = "0.1.0"
}
