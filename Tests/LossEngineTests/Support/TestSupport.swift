import XCTest
@testable import LossEngine

/// Random argument sets for every loss of the catalog, valid and away from kinks with high
/// probability, for the finite-difference and stability tests.
enum Samples {
    static func uniform(_ g: inout SeededGenerator, _ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * g.nextDouble()
    }
    static func vec(_ g: inout SeededGenerator, _ n: Int, _ lo: Double = -2, _ hi: Double = 2) -> EngineValue {
        EngineValue((0..<n).map { _ in uniform(&g, lo, hi) })
    }
    static func mat(_ g: inout SeededGenerator, _ n: Int, _ k: Int, _ lo: Double = -2, _ hi: Double = 2) -> EngineValue {
        EngineValue((0..<n).map { _ in (0..<k).map { _ in uniform(&g, lo, hi) } })
    }
    static func cube(_ g: inout SeededGenerator, _ a: Int, _ b: Int, _ c: Int, _ lo: Double = -2, _ hi: Double = 2) -> EngineValue {
        .array((0..<a).map { _ in mat(&g, b, c, lo, hi) })
    }
    static func ints(_ g: inout SeededGenerator, _ n: Int, below k: Int) -> EngineValue {
        EngineValue((0..<n).map { _ in g.nextInt(below: k) })
    }
    static func signs(_ g: inout SeededGenerator, _ n: Int) -> EngineValue {
        EngineValue((0..<n).map { _ in g.nextDouble() < 0.5 ? -1.0 : 1.0 })
    }
    static func bits(_ g: inout SeededGenerator, _ n: Int) -> EngineValue {
        EngineValue((0..<n).map { _ in g.nextDouble() < 0.5 ? 0.0 : 1.0 })
    }
    static func probRows(_ g: inout SeededGenerator, _ n: Int, _ k: Int) -> EngineValue {
        EngineValue((0..<n).map { _ -> [Double] in
            let w = (0..<k).map { _ in uniform(&g, 0.1, 1) }
            let s = w.reduce(0, +)
            return w.map { $0 / s }
        })
    }
    static func permutation(_ g: inout SeededGenerator, _ k: Int) -> [Int] {
        var p = Array(0..<k)
        for i in stride(from: k - 1, to: 0, by: -1) { p.swapAt(i, g.nextInt(below: i + 1)) }
        return p
    }

    /// A valid random argument set for `loss`.
    static func args(_ loss: String, _ g: inout SeededGenerator) -> [String: EngineValue]? {
        switch loss {
        case "mse", "mae", "log_cosh":
            return ["input": mat(&g, 2, 3), "target": mat(&g, 2, 3)]
        case "huber": return ["input": vec(&g, 5, -3, 3), "target": vec(&g, 5), "delta": 0.7]
        case "smooth_l1": return ["input": vec(&g, 5, -3, 3), "target": vec(&g, 5), "beta": 0.6]
        case "quantile": return ["input": vec(&g, 5), "target": vec(&g, 5), "q": 0.3]
        case "gaussian_nll":
            return ["input": vec(&g, 4), "target": vec(&g, 4), "var": vec(&g, 4, 0.2, 2), "full": true]
        case "laplace_nll": return ["input": vec(&g, 4), "target": vec(&g, 4), "scale": vec(&g, 4, 0.2, 2)]
        case "poisson_nll": return ["input": vec(&g, 4, -1, 1.5), "target": EngineValue([0.0, 1, 3, 7]), "full": true]
        case "student_t_nll":
            return ["input": vec(&g, 4), "target": vec(&g, 4), "scale": vec(&g, 4, 0.3, 2), "df": vec(&g, 4, 1, 8)]
        case "exponential_nll": return ["rate": vec(&g, 4, 0.3, 3), "target": vec(&g, 4, 0, 3)]
        case "gamma_nll":
            return ["concentration": vec(&g, 4, 0.5, 4), "rate": vec(&g, 4, 0.3, 3), "target": vec(&g, 4, 0.1, 4)]
        case "beta_nll": return ["alpha": vec(&g, 4, 0.5, 4), "beta": vec(&g, 4, 0.5, 4), "target": vec(&g, 4, 0.05, 0.95)]
        case "von_mises_nll":
            return ["input": vec(&g, 4, -3, 3), "concentration": EngineValue([0.3, 2, 25, 40]), "target": vec(&g, 4, -3, 3)]
        case "mixture_gaussian_nll":
            return ["logits": mat(&g, 3, 2), "means": mat(&g, 3, 2), "log_scales": mat(&g, 3, 2, -0.5, 0.5),
                    "target": vec(&g, 3)]
        case "mvn_nll":
            return ["mean": mat(&g, 3, 2), "scale_tril": EngineValue([[1.2, 0], [0.4, 0.8]]), "target": mat(&g, 3, 2)]
        case "plackett_luce_nll":
            return ["scores": mat(&g, 2, 4), "ranking": .array([EngineValue(permutation(&g, 4)), EngineValue(permutation(&g, 4))])]
        case "bce": return ["input": vec(&g, 4, 0.05, 0.95), "target": vec(&g, 4, 0, 1)]
        case "bce_with_logits": return ["input": mat(&g, 2, 3, -4, 4), "target": mat(&g, 2, 3, 0, 1), "pos_weight": vec(&g, 3, 0.5, 3)]
        case "hinge", "squared_hinge": return ["input": vec(&g, 6), "target": signs(&g, 6), "margin": 1.0]
        case "focal": return ["input": vec(&g, 5, -4, 4), "target": vec(&g, 5, 0, 1), "gamma": 1.5]
        case "asymmetric": return ["input": vec(&g, 6, -4, 4), "target": bits(&g, 6), "gamma_pos": 1.0]
        case "cross_entropy":
            return ["input": mat(&g, 3, 4), "target": EngineValue([0, 3, 2]), "weight": vec(&g, 4, 0.2, 2),
                    "label_smoothing": 0.1]
        case "nll": return ["input": mat(&g, 3, 4, -3, 0), "target": EngineValue([1, 3, 0]), "weight": vec(&g, 4, 0.2, 2)]
        case "kl_div": return ["input": mat(&g, 2, 3, -3, 0), "target": probRows(&g, 2, 3)]
        case "js_div": return ["input": probRows(&g, 2, 3), "target": probRows(&g, 2, 3)]
        case "multi_margin": return ["input": mat(&g, 3, 4), "target": EngineValue([0, 3, 1]), "p": 2]
        case "softmax_focal", "gce", "sce", "poly1":
            return ["input": mat(&g, 3, 4), "target": EngineValue([2, 0, 1])]
        case "contrastive":
            return ["x1": mat(&g, 4, 3), "x2": mat(&g, 4, 3), "label": EngineValue([1.0, 0, 0, 1]), "margin": 3.0]
        case "triplet_margin":
            return ["anchor": mat(&g, 3, 3), "positive": mat(&g, 3, 3), "negative": mat(&g, 3, 3), "margin": 2.0, "swap": true]
        case "cosine_embedding":
            return ["input1": mat(&g, 4, 3), "input2": mat(&g, 4, 3), "target": EngineValue([1.0, -1, -1, 1]), "margin": -0.5]
        case "margin_ranking": return ["input1": vec(&g, 5), "input2": vec(&g, 5), "target": signs(&g, 5), "margin": 0.5]
        case "circle": return ["sp": mat(&g, 2, 3, 0, 1), "sn": mat(&g, 2, 4, -0.5, 0.8), "gamma": 8.0]
        case "info_nce": return ["query": mat(&g, 3, 4), "key": mat(&g, 3, 4), "temperature": 0.5]
        case "ctc":
            return ["log_probs": cube(&g, 6, 2, 4, -3, 0), "targets": EngineValue([[1.0, 2, 2], [3, 1, 0]]),
                    "input_lengths": EngineValue([6, 5]), "target_lengths": EngineValue([3, 2])]
        case "seq_cross_entropy":
            return ["input": cube(&g, 2, 3, 4), "target": EngineValue([[0.0, 1, 3], [2, 2, 0]]),
                    "mask": EngineValue([[1.0, 1, 0], [1, 1, 1]])]
        case "crf_nll":
            return ["emissions": cube(&g, 2, 3, 3), "tags": EngineValue([[0.0, 2, 1], [1, 1, 0]]),
                    "transitions": mat(&g, 3, 3), "start": vec(&g, 3), "end": vec(&g, 3)]
        case "edit_distance":
            return ["hypothesis": ["kitten", "flaw"], "reference": ["sitting", "lawn"]]
        case "gan_d_minimax", "wgan_d", "hinge_gan_d":
            return ["d_real": vec(&g, 4, -3, 3), "d_fake": vec(&g, 4, -3, 3)]
        case "gan_g_minimax", "gan_g_nonsaturating", "wgan_g", "hinge_gan_g":
            return ["d_fake": vec(&g, 4, -3, 3)]
        case "gaussian_kl": return ["mu": mat(&g, 3, 2), "logvar": mat(&g, 3, 2)]
        case "vae":
            return ["recon": mat(&g, 2, 3), "x": mat(&g, 2, 3, 0, 1), "mu": mat(&g, 2, 2), "logvar": mat(&g, 2, 2), "beta": 0.5]
        default: return nil
        }
    }
}

/// Reads a flat array and shape out of an engine value (test helper).
func flat(_ v: EngineValue) -> [Double] { v.flattened() ?? [] }

/// `a` and `b` agree within `atol + rtol·max(|a|, |b|)`. A NaN agrees with nothing, not even
/// another NaN, unless `nanMatchesNaN` says that NaN is the expected answer.
func assertClose(_ a: Double, _ b: Double, rtol: Double = 1e-9, atol: Double = 1e-12, nanMatchesNaN: Bool = false,
                 _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    if a.isNaN || b.isNaN {
        XCTAssertTrue(nanMatchesNaN && a.isNaN && b.isNaN, "\(a) vs \(b) \(message())", file: file, line: line)
        return
    }
    if a == b { return }
    XCTAssertLessThanOrEqual(Swift.abs(a - b), atol + rtol * Swift.max(Swift.abs(a), Swift.abs(b)),
                             "\(a) vs \(b) \(message())", file: file, line: line)
}

func assertClose(_ a: [Double], _ b: [Double], rtol: Double = 1e-9, atol: Double = 1e-12, nanMatchesNaN: Bool = false,
                 _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "count \(message())", file: file, line: line)
    for (x, y) in zip(a, b) { assertClose(x, y, rtol: rtol, atol: atol, nanMatchesNaN: nanMatchesNaN, message(), file: file, line: line) }
}
