/// `outlier-line`: a line fitted with MSE, MAE and Huber (δ = 1) to linear data with a few large
/// outliers.
///
/// Data: 45 inliers x ~ U(−3, 3), y = 2x + 1 + N(0, 0.5²), and 5 outliers at high leverage,
/// x ~ U(1.5, 3), y = 2x + 1 − U(10, 15) (a sensor that reads far too low). Each loss trains
/// ``LinearRegression`` with Adam: 300 steps at learning rate 0.1, then 300 at 0.01, from zero.
/// The squared loss is pulled towards the outliers (its influence grows with the residual);
/// MAE and Huber grow linearly in the residual, so the outliers' pull is bounded.
///
/// Fields:
/// - `true.slope`, `true.intercept`: the line the data came from (2 and 1).
/// - `mse.slope`, `mse.intercept`, `mae.slope`, `mae.intercept`, `huber.slope`, `huber.intercept`:
///   the fitted lines.
/// - `mse.slope_error`, `mae.slope_error`, `huber.slope_error`: fitted − true slope.
/// - `data.n`, `data.outliers`: 50 points, 5 of them outliers.
enum OutlierLine {
    static let name = "outlier-line"
    static let description = "A line fitted with MSE, MAE and Huber (δ = 1) to linear data with 5 large outliers."

    static let trueSlope = 2.0
    static let trueIntercept = 1.0
    static let inliers = 45
    static let outliers = 5

    static func data(seed: UInt64) -> (x: [Double], y: [Double]) {
        var g = SeededGenerator(seed: seed)
        var x: [Double] = [], y: [Double] = []
        for _ in 0..<inliers {
            let xi = Stats.uniform(&g, -3, 3)
            x.append(xi)
            y.append(trueSlope * xi + trueIntercept + 0.5 * g.nextNormal())
        }
        for _ in 0..<outliers {
            let xi = Stats.uniform(&g, 1.5, 3)
            x.append(xi)
            y.append(trueSlope * xi + trueIntercept - Stats.uniform(&g, 10, 15))
        }
        return (x, y)
    }

    /// Fits a line with `loss` (returns slope, intercept).
    static func fit(x: [Double], y: [Double], _ loss: ([Double], [Double]) throws -> LossOutput) throws -> (Double, Double) {
        var model = LinearRegression(features: 1)
        let features = Stats.column(x)
        for optimizer in [Adam(learningRate: 0.1), Adam(learningRate: 0.01)] {
            _ = try Descent.train(&model, x: features, optimizer: optimizer, steps: 300) { out in
                let r = try loss(out.data, y)
                return (r.value, r.gradient("input"))
            }
        }
        return (model.weights[0], model.bias)
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        let (x, y) = data(seed: seed)
        let mse = try fit(x: x, y: y) { try Losses.mse(input: $0, target: $1) }
        let mae = try fit(x: x, y: y) { try Losses.mae(input: $0, target: $1) }
        let huber = try fit(x: x, y: y) { try Losses.huber(input: $0, target: $1, delta: 1) }

        let fits: [(String, String, (Double, Double))] = [
            ("true", "True line", (trueSlope, trueIntercept)),
            ("mse", "MSE", mse), ("mae", "MAE", mae), ("huber", "Huber (δ = 1)", huber),
        ]
        var fields: [String: Double] = ["data.n": Double(x.count), "data.outliers": Double(outliers)]
        var rows: [[ExperimentCell]] = []
        for (key, label, (slope, intercept)) in fits {
            fields["\(key).slope"] = slope
            fields["\(key).intercept"] = intercept
            if key != "true" { fields["\(key).slope_error"] = slope - trueSlope }
            rows.append([.text(label), .number(slope), .number(intercept), .number(slope - trueSlope),
                         .number(intercept - trueIntercept)])
        }

        let grid = [-3.0, 3.0]
        var series: [ExperimentSeries] = [
            .scatter("Data", x: Array(x.prefix(inliers)), y: Array(y.prefix(inliers))),
            .scatter("Outliers", x: Array(x.suffix(outliers)), y: Array(y.suffix(outliers))),
        ]
        for (_, label, (slope, intercept)) in fits {
            series.append(.line(label, x: grid, y: grid.map { slope * $0 + intercept }))
        }
        return ExperimentResult(
            name: name,
            title: "A line fitted with MSE, MAE and Huber on data with outliers",
            summary: "50 points on y = 2x + 1 with noise σ = 0.5, 5 of them replaced by outliers 10–15 below the line "
                + "at x > 1.5; a linear model trained with each loss by Adam (300 steps at 0.1, then 300 at 0.01).",
            table: ExperimentTable(columns: ["Loss", "Slope", "Intercept", "Slope error", "Intercept error"], rows: rows),
            figure: ExperimentFigure(panels: [
                ExperimentPanel(xLabel: "x", yLabel: "y", series: series),
            ]),
            fields: fields)
    }
}
