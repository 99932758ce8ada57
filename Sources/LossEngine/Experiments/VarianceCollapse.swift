import Foundation

/// `variance-collapse`: a model that can fit its training points exactly, with a learned σ per
/// point, drives σ to zero and the Gaussian NLL to −∞; a floor on σ keeps it bounded.
///
/// Data: 20 points, x ~ U(−2, 2), y = 1.5x + N(0, 0.5²). Model: the extreme of an
/// over-parameterised network, a lookup table with one mean μᵢ and one log σᵢ per training point.
/// Where μᵢ = yᵢ, the point's NLL ½ log 2πσᵢ² falls without bound as σᵢ → 0: the likelihood has
/// no maximum. Three runs, each Adam (learning rate 0.05, 600 steps) on the mean `gaussian_nll`
/// (full), σᵢ = 1 at the start:
/// - `exact`: the means start at their zero-error MSE fit (μᵢ = yᵢ); no guard (the engine's
///   variance clamp `eps` set to the smallest normal double). Every log σᵢ falls by one
///   learning rate per step, for ever: the NLL is a straight line to −∞.
/// - `scratch`: the same model and loss from μᵢ = 0. The means chase the points while σ shrinks;
///   the NLL dives until Adam's step (≈ the learning rate, in y units) can no longer land the
///   means within σ of their points, and the run turns spiky instead of converging.
/// - `guarded`: from μᵢ = 0 with σᵢ = 0.05 + exp(sᵢ), a minimum σ (the role `eps` plays in
///   `gaussian_nll`): the NLL settles at its bound log 0.05 + ½ log 2π ≈ −2.08.
///
/// Fields:
/// - `exact.final_nll`, `scratch.final_nll`, `guarded.final_nll`: mean NLL after training.
/// - `exact.min_nll`, `scratch.min_nll`, `guarded.min_nll`: lowest mean NLL seen in training.
/// - `exact.sigma_min`, `scratch.sigma_min`, `guarded.sigma_min`: smallest σᵢ after training.
/// - `exact.nll_drop_last_half`, `guarded.nll_drop_last_half`: fall of the NLL over the second
///   half of training (steady vs none).
/// - `guarded.sigma_floor` (0.05), `guarded.nll_bound` (the NLL at μᵢ = yᵢ, σᵢ = 0.05).
/// - `data.n` (20), `steps` (600), `learning_rate` (0.05).
enum VarianceCollapse {
    static let name = "variance-collapse"
    static let description = "A free σ per point on exactly fitted points collapses to 0 and the NLL to −∞; a σ floor keeps it bounded."

    static let n = 20
    static let steps = 600
    static let learningRate = 0.05
    static let floor = 0.05

    struct Run {
        var nll: [Double]
        var sigmaMin: [Double]
        var finalNLL: Double
        var finalSigmaMin: Double
    }

    /// Trains μᵢ and sᵢ (σᵢ = floor + exp(sᵢ)) from `initialMeans`.
    static func train(y: [Double], initialMeans: [Double], sigmaFloor: Double) throws -> Run {
        var p = initialMeans + [Double](repeating: Foundation.log(1 - sigmaFloor), count: n)
        let eps = sigmaFloor > 0 ? 1e-6 : Double.leastNormalMagnitude
        var sigmaMin: [Double] = []
        func evaluate(_ q: [Double]) throws -> (LossOutput, [Double]) {
            let sigma = q[n...].map { sigmaFloor + Foundation.exp($0) }
            let out = try Losses.gaussianNLL(input: Array(q[0..<n]), target: y, variance: sigma.map { $0 * $0 },
                                             eps: eps, full: true)
            return (out, sigma)
        }
        let nll = try Descent.minimize(&p, optimizer: Adam(learningRate: learningRate), steps: steps) { q in
            let (out, sigma) = try evaluate(q)
            sigmaMin.append(sigma.min() ?? 0)
            // The means are the outputs themselves; for sᵢ: d var/dσ = 2σ, dσ/ds = exp(s) = σ − floor.
            let dVar = out.gradient("var")
            let dS = (0..<n).map { dVar[$0] * 2 * sigma[$0] * (sigma[$0] - sigmaFloor) }
            return (out.value, out.gradient("input") + dS)
        }
        let (out, sigma) = try evaluate(p)
        return Run(nll: nll, sigmaMin: sigmaMin, finalNLL: out.value, finalSigmaMin: sigma.min() ?? 0)
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        var g = SeededGenerator(seed: seed)
        let x = (0..<n).map { _ in Stats.uniform(&g, -2, 2) }
        let y = x.map { 1.5 * $0 + 0.5 * g.nextNormal() }
        let zeros = [Double](repeating: 0, count: n)
        let exact = try train(y: y, initialMeans: y, sigmaFloor: 0)
        let scratch = try train(y: y, initialMeans: zeros, sigmaFloor: 0)
        let guarded = try train(y: y, initialMeans: zeros, sigmaFloor: floor)
        let bound = Foundation.log(floor) + Normal.halfLog2Pi

        func dropLastHalf(_ r: Run) -> Double { r.nll[steps / 2] - r.finalNLL }
        var fields: [String: Double] = [
            "exact.nll_drop_last_half": dropLastHalf(exact), "guarded.nll_drop_last_half": dropLastHalf(guarded),
            "guarded.sigma_floor": floor, "guarded.nll_bound": bound,
            "data.n": Double(n), "steps": Double(steps), "learning_rate": learningRate,
        ]
        let runs: [(String, String, Run)] = [
            ("exact", "Exact fit, no guard", exact), ("scratch", "From scratch, no guard", scratch),
            ("guarded", "From scratch, σ ≥ \(floor)", guarded),
        ]
        var rows: [[ExperimentCell]] = []
        for (key, label, r) in runs {
            let minNLL = r.nll.min() ?? r.finalNLL
            fields["\(key).final_nll"] = r.finalNLL
            fields["\(key).min_nll"] = Swift.min(minNLL, r.finalNLL)
            fields["\(key).sigma_min"] = r.finalSigmaMin
            rows.append([.text(label), .number(r.finalNLL), .number(Swift.min(minNLL, r.finalNLL)),
                         .number(r.finalSigmaMin), .number(dropLastHalf(r))])
        }
        let stepAxis = (0..<steps).map(Double.init)
        return ExperimentResult(
            name: name,
            title: "Variance collapse: a free σ per point, with and without a floor",
            summary: "\(n) points on y = 1.5x with noise σ = 0.5; a lookup table of one mean and one log σ per point trained on "
                + "the mean Gaussian NLL with Adam (learning rate \(learningRate), \(steps) steps): from an exact fit and from "
                + "scratch without a guard, and from scratch with σ ≥ \(floor).",
            table: ExperimentTable(columns: ["Run", "Final NLL", "Lowest NLL", "Smallest σ", "NLL drop, last half"], rows: rows),
            figure: ExperimentFigure(panels: [
                ExperimentPanel(title: "Mean NLL", xLabel: "step", yLabel: "NLL",
                                series: runs.map { .line($0.1, x: stepAxis, y: $0.2.nll) }),
                ExperimentPanel(title: "Smallest σ", xLabel: "step", yLabel: "min σᵢ", yLog: true,
                                series: runs.map { .line($0.1, x: stepAxis, y: $0.2.sigmaMin) }),
            ]),
            fields: fields)
    }
}
