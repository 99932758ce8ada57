import Foundation
import LossEngine
import LossPlot

/// `kind: likelihood`: least squares seen as maximum likelihood. Seeded data around a line, the
/// least-squares line through them, and at a few inputs the Gaussian P(y | x) that the model
/// predicts there, drawn sideways as a bell around the line. Densities come from the engine's
/// Normal; the data from its seeded generator.
///
/// ```plot
/// kind: likelihood
/// title: Least squares is maximum likelihood
/// line: {slope: 1.5, intercept: 0.5}
/// sigma: 0.6
/// data: {n: 24, seed: 3}
/// bells: [-1.5, 0, 1.5]
/// x: {min: -2, max: 2}
/// ```
enum LikelihoodFigure {
    static func figure(_ fields: inout FieldReader, header: FigureHeader, idPrefix: String) -> Figure? {
        var lineFields = FieldReader(fields.value("line", required: true) ?? .null(at: fields.position), path: fields.path, subject: "the line")
        let slope = lineFields.double("slope", required: true)
        let intercept = lineFields.double("intercept") ?? 0
        lineFields.rejectUnknownFields()
        for diagnostic in lineFields.diagnostics { fields.report(diagnostic) }
        let sigma = fields.double("sigma") ?? 1
        var dataFields = FieldReader(fields.value("data") ?? .null(at: fields.position), path: fields.path, subject: "the data")
        let count = dataFields.int("n") ?? 20
        let seed = dataFields.int("seed") ?? 1
        dataFields.rejectUnknownFields()
        for diagnostic in dataFields.diagnostics { fields.report(diagnostic) }
        let bells = fields.doubles("bells") ?? []
        let xAxis = AxisSpec.read(fields.value("x"), name: "x", fields: &fields)
        let yAxis = AxisSpec.read(fields.value("y"), name: "y", fields: &fields)
        guard let slope, !fields.hasErrors else { return nil }
        let lower = xAxis.min ?? -2, upper = xAxis.max ?? 2
        guard lower < upper, sigma > 0, (2...500).contains(count), seed >= 0, bells.count <= 12 else {
            fields.error(.plotLikelihood, at: fields.position,
                         "a likelihood figure needs min < max on x, sigma > 0, 2 to 500 data points, a non-negative seed and at most 12 bells")
            return nil
        }
        let noise: Normal
        do {
            noise = try Normal(loc: 0, scale: sigma)
        } catch {
            fields.error(.plotLikelihood, at: fields.position, "\(error)")
            return nil
        }
        var generator = SeededGenerator(seed: UInt64(seed))
        let xs = (0..<count).map { _ in lower + (upper - lower) * generator.nextDouble() }
        let ys = xs.map { slope * $0 + intercept + noise.sample(using: &generator) }
        let (fittedSlope, fittedIntercept) = leastSquares(xs, ys)
        var marks: [Mark] = [
            .scatter(ScatterMark(name: "data", points: zip(xs, ys).map { Point(x: $0, y: $1) })),
            .line(LineMark(name: "least-squares line", points: [lower, upper].map { Point(x: $0, y: fittedSlope * $0 + fittedIntercept) })),
        ]
        // Each bell is the predicted density turned on its side: its width is the density, scaled so
        // that the peak reaches a fixed fraction of the gap between bells.
        let width = 0.35 * (upper - lower) / Double(max(bells.count, 2))
        let peak = (try? noise.logProb(0)).map(exp) ?? 1
        for x in bells {
            let mean = fittedSlope * x + fittedIntercept
            let points = stride(from: -3.0, through: 3.0, by: 0.1).map { z -> Point in
                let y = mean + z * sigma
                let density = (try? noise.logProb(y - mean)).map(exp) ?? 0
                return Point(x: x + width * density / peak, y: y)
            }
            marks.append(.line(LineMark(name: "P(y | x), the model's Gaussian", points: points)))
            marks.append(.rule(RuleMark(x: x)))
        }
        let x = Axis(label: xAxis.label ?? "x", min: lower, max: upper)
        let y = Axis(label: yAxis.label ?? "y", min: yAxis.min, max: yAxis.max)
        return Figure(title: header.title ?? "", description: header.description, panels: [Panel(x: x, y: y, marks: marks)], idPrefix: idPrefix)
    }

    /// The line minimising the squared residuals, in closed form.
    static func leastSquares(_ xs: [Double], _ ys: [Double]) -> (slope: Double, intercept: Double) {
        let n = Double(xs.count)
        let meanX = xs.reduce(0, +) / n, meanY = ys.reduce(0, +) / n
        let covariance = zip(xs, ys).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let variance = xs.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        let slope = variance > 0 ? covariance / variance : 0
        return (slope, meanY - slope * meanX)
    }
}
