import XCTest
@testable import LossEngine

/// Extreme but finite inputs: every value and gradient must be finite wherever the mathematics is.
final class StabilityTests: XCTestCase {
    func assertFinite(_ loss: String, _ args: [String: EngineValue], file: StaticString = #filePath, line: UInt = #line) throws {
        let d = try XCTUnwrap(LossCatalog.descriptor(named: loss))
        for reduction in d.reductions {
            let r = try LossCatalog.evaluate(loss, args: args, reduction: reduction)
            XCTAssert(flat(r.value).allSatisfy(\.isFinite), "\(loss) \(reduction) value \(r.value)", file: file, line: line)
            for (name, g) in r.gradients {
                XCTAssert(flat(g).allSatisfy(\.isFinite), "\(loss) \(reduction) gradient \(name)", file: file, line: line)
            }
        }
    }

    let huge = EngineValue([1000.0, -1000, 700, -700, 1e-300])
    let zeros = EngineValue([0.0, 0, 0, 0, 0])

    func testRegressionWithHugeResiduals() throws {
        for loss in ["mse", "mae", "huber", "smooth_l1", "log_cosh", "quantile"] {
            try assertFinite(loss, ["input": huge, "target": zeros])
        }
        let r = try Losses.logCosh(input: [1000, -1000], target: [0, 0], reduction: .none)
        assertClose(r.items ?? [], [1000 - M_LN2, 1000 - M_LN2])
        assertClose(r.gradient("input"), [1, -1])
    }

    func testLikelihoodsFarFromTheirMass() throws {
        try assertFinite("gaussian_nll", ["input": huge, "target": zeros, "var": EngineValue([1e-6, 1e6, 1, 1, 0])])
        try assertFinite("laplace_nll", ["input": huge, "target": zeros, "scale": EngineValue([1e-6, 1e6, 1, 1, 1])])
        try assertFinite("student_t_nll", ["input": huge, "target": zeros, "scale": 1e-3, "df": EngineValue([0.1, 1, 1e6, 3, 3])])
        try assertFinite("poisson_nll", ["input": EngineValue([-1000.0, 700, 0]), "target": EngineValue([1000.0, 0, 1e6]), "full": true])
        try assertFinite("exponential_nll", ["rate": EngineValue([1e-300, 1e300]), "target": EngineValue([1e300, 0])])
        try assertFinite("gamma_nll", ["concentration": EngineValue([1e-3, 1e6]), "rate": EngineValue([1e-3, 1e3]), "target": EngineValue([1e-300, 1e3])])
        try assertFinite("beta_nll", ["alpha": EngineValue([1e-3, 1e5]), "beta": EngineValue([1e5, 1e-3]), "target": EngineValue([1e-12, 1 - 1e-12])])
        try assertFinite("von_mises_nll", ["input": EngineValue([0.0, 1000]), "concentration": EngineValue([1e4, 1e-9]), "target": EngineValue([3.14, -1000])])
        try assertFinite("mixture_gaussian_nll", ["logits": EngineValue([[1000.0, -1000]]), "means": EngineValue([[0.0, 5]]),
                                                  "log_scales": EngineValue([[-5.0, 5]]), "target": EngineValue([1000.0])])
        try assertFinite("mvn_nll", ["mean": EngineValue([[1000.0, -1000]]), "scale_tril": EngineValue([[1e-3, 0], [1e3, 1e-3]]),
                                     "target": EngineValue([[0.0, 0]])])
        try assertFinite("plackett_luce_nll", ["scores": EngineValue([[1000.0, -1000, 0]]), "ranking": EngineValue([[1.0, 2, 0]])])
    }

    func testBinaryWithSaturatedLogits() throws {
        let bits = EngineValue([1.0, 0, 0, 1, 1])
        for loss in ["bce_with_logits", "focal", "asymmetric"] {
            try assertFinite(loss, ["input": huge, "target": bits])
        }
        try assertFinite("bce", ["input": EngineValue([0.0, 1, 1e-300, 1 - 1e-16]), "target": EngineValue([1.0, 0, 1, 0])])
        try assertFinite("hinge", ["input": huge, "target": EngineValue([1.0, -1, 1, -1, 1])])
        try assertFinite("squared_hinge", ["input": huge, "target": EngineValue([1.0, -1, 1, -1, 1])])
        let r = try Losses.bceWithLogits(input: [1000, -1000, 1000, -1000], target: [1, 0, 0, 1], reduction: .none)
        assertClose(r.items ?? [], [0, 0, 1000, 1000])
        assertClose(r.gradient("input"), [0, 0, 1, -1])
    }

    func testMulticlassWithHugeLogitsAndTenThousandClasses() throws {
        let k = 10_000
        var g = SeededGenerator(seed: 9)
        let rows = (0..<3).map { i in (0..<k).map { j in j == i ? 1000.0 : (g.nextDouble() - 0.5) * 2000 } }
        let x = EngineValue(rows)
        let t = EngineValue([0, 1, 9_999])
        for loss in ["cross_entropy", "softmax_focal", "gce", "sce", "poly1", "multi_margin"] {
            try assertFinite(loss, ["input": x, "target": t])
        }
        try assertFinite("cross_entropy", ["input": x, "target": t, "label_smoothing": 0.1, "weight": EngineValue([Double](repeating: 0.5, count: k))])
        try assertFinite("nll", ["input": EngineValue([[-1000.0, 0, -1e-300]]), "target": EngineValue([0])])
        try assertFinite("kl_div", ["input": EngineValue([[-1000.0, 0]]), "target": EngineValue([[0.0, 1]])])
        try assertFinite("js_div", ["input": EngineValue([[1e-300, 1]]), "target": EngineValue([[0.5, 0.5]])])
        // Cross entropy of a confidently right row is 0, of a confidently wrong one is the logit gap.
        let ce = try Losses.crossEntropy(input: Tensor(rows: [[1000, -1000], [-1000, 1000]]), target: .indices([0, 0]), reduction: .none)
        assertClose(ce.items ?? [], [0, 2000])
    }

    func testMetricStructuredGenerativeExtremes() throws {
        let big = EngineValue([[1000.0, -1000], [1e-300, 0]])
        let small = EngineValue([[0.0, 0], [0, 0]])
        try assertFinite("contrastive", ["x1": big, "x2": small, "label": EngineValue([0.0, 1])])
        try assertFinite("triplet_margin", ["anchor": big, "positive": small, "negative": small])
        try assertFinite("cosine_embedding", ["input1": big, "input2": small, "target": EngineValue([1.0, -1])])
        try assertFinite("margin_ranking", ["input1": EngineValue([1000.0]), "input2": EngineValue([-1000.0]), "target": EngineValue([-1.0])])
        try assertFinite("circle", ["sp": EngineValue([[1.0, -1]]), "sn": EngineValue([[1.0, -1]]), "gamma": 1e4])
        try assertFinite("info_nce", ["query": big, "key": big, "temperature": 1e-3])
        try assertFinite("info_nce", ["query": big, "key": big, "temperature": 1e-3, "normalize": false])
        try assertFinite("seq_cross_entropy", ["input": EngineValue.array([big]), "target": EngineValue([[0.0, 1]])])
        try assertFinite("crf_nll", ["emissions": EngineValue.array([big]), "tags": EngineValue([[1.0, 0]]),
                                     "transitions": EngineValue([[1000.0, -1000], [0, 0]]), "start": EngineValue([0.0, 1000]),
                                     "end": EngineValue([-1000.0, 0])])
        try assertFinite("ctc", ["log_probs": EngineValue.array([EngineValue([[-1000.0, -1e-300]]), EngineValue([[0.0, -1000]])]),
                                 "targets": EngineValue([[1.0]]), "input_lengths": EngineValue([2]), "target_lengths": EngineValue([1])])
        let logits = EngineValue([1000.0, -1000, 700])
        for loss in ["gan_g_minimax", "gan_g_nonsaturating", "wgan_g", "hinge_gan_g"] { try assertFinite(loss, ["d_fake": logits]) }
        for loss in ["gan_d_minimax", "wgan_d", "hinge_gan_d"] { try assertFinite(loss, ["d_real": logits, "d_fake": logits]) }
        try assertFinite("gaussian_kl", ["mu": big, "logvar": EngineValue([[-700.0, 700], [1e-300, 0]])])
        try assertFinite("vae", ["recon": big, "x": EngineValue([[0.0, 1], [1, 0]]), "mu": big, "logvar": small])
    }
}
