extension LossCatalog {
    /// Adapter for losses of N×K logits and N class indices with extra number arguments.
    static func indexed(_ d: LossDescriptor,
                        _ f: @escaping @Sendable (Tensor, [Int], Arguments, Reduction) throws -> LossOutput) -> CatalogEntry {
        CatalogEntry(descriptor: d) { a, r in
            let x = try a.tensor("input", rank: 2, "N×K")
            let y = try a.intVector("target")
            let out = try f(x, y, a, r)
            return CatalogResult(output: out, itemShape: [x.shape[0]], gradientShapes: ["input": x.shape])
        }
    }

    static let multiclassEntries: [CatalogEntry] = [
        CatalogEntry(descriptor: LossDescriptor(
            "cross_entropy", .multiclass, "Cross entropy of logits (class indices or probabilities), as PyTorch.",
            args: [.array("input", "N×K logits"), .array("target", "N class indices or N×K probabilities"),
                   .optionalArray("weight", "K class weights"), ArgSpec("ignore_index", .number, default: -100, required: false),
                   .number("label_smoothing", 0, "ε in [0, 1]")],
            differentiable: ["input"], reference: "PyTorch cross_entropy")) { a, r in
            let x = try a.tensor("input", rank: 2, "N×K logits")
            let t = try a.tensor("target")
            let target: ClassTarget
            if t.rank == 2 {
                target = .probabilities(t)
            } else {
                target = .indices(try a.intVector("target"))
            }
            let out = try Losses.crossEntropy(input: x, target: target, weight: a.optionalVector("weight"),
                                              ignoreIndex: a.int("ignore_index"), labelSmoothing: a.number("label_smoothing"),
                                              reduction: r)
            return CatalogResult(output: out, itemShape: [x.shape[0]], gradientShapes: ["input": x.shape])
        },
        indexed(LossDescriptor("nll", .multiclass, "Negative log-likelihood of log-probabilities, as PyTorch.",
                               args: [.array("input", "N×K log-probabilities"), .ints("target", "N class indices"),
                                      .optionalArray("weight", "K class weights"),
                                      ArgSpec("ignore_index", .number, default: -100, required: false)],
                               differentiable: ["input"], reference: "PyTorch nll_loss")) { x, y, a, r in
            try Losses.nll(input: x, target: y, weight: a.optionalVector("weight"), ignoreIndex: a.int("ignore_index"), reduction: r)
        },
        CatalogEntry(descriptor: LossDescriptor(
            "kl_div", .multiclass, "KL divergence with log-probability input, as PyTorch.",
            args: [.array("input", "log-probabilities"), .array("target", "probabilities (log-probabilities if log_target)"),
                   .bool("log_target", false)],
            differentiable: ["input"], reductions: [.none, .mean, .sum, .batchmean],
            reference: "Kullback & Leibler 1951; PyTorch kl_div")) { a, r in
            let (x, t) = try a.pair("input", "target")
            let out = try Losses.klDiv(input: x, target: t, logTarget: a.bool("log_target"), reduction: r)
            return CatalogResult(output: out, itemShape: x.shape, gradientShapes: ["input": x.shape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "js_div", .multiclass, "Jensen–Shannon divergence between probability rows (natural log).",
            args: [.array("input", "N×K probabilities"), .array("target", "N×K probabilities")],
            differentiable: ["input"], reference: "Lin 1991")) { a, r in
            let x = try a.tensor("input", rank: 2, "N×K probabilities")
            let t = try a.tensor("target")
            let out = try Losses.jsDiv(input: x, target: t, reduction: r)
            return CatalogResult(output: out, itemShape: [x.shape[0]], gradientShapes: ["input": x.shape])
        },
        indexed(LossDescriptor("multi_margin", .multiclass, "Multi-class hinge loss, as PyTorch.",
                               args: [.array("input", "N×K scores"), .ints("target", "N class indices"), .number("margin", 1),
                                      ArgSpec("p", .number, default: 1, required: false, "1 or 2")],
                               differentiable: ["input"], reference: "Weston & Watkins 1998; PyTorch multi_margin_loss")) { x, y, a, r in
            try Losses.multiMargin(input: x, target: y, margin: a.number("margin"), p: a.int("p"), reduction: r)
        },
        indexed(LossDescriptor("softmax_focal", .multiclass, "Softmax focal loss: −(1 − p_y)^γ log p_y.",
                               args: [.array("input", "N×K logits"), .ints("target", "N class indices"), .number("gamma", 2)],
                               differentiable: ["input"], reference: "Lin et al. 2017")) { x, y, a, r in
            try Losses.softmaxFocal(input: x, target: y, gamma: a.number("gamma"), reduction: r)
        },
        indexed(LossDescriptor("gce", .multiclass, "Generalized cross entropy: (1 − p_y^q)/q.",
                               args: [.array("input", "N×K logits"), .ints("target", "N class indices"), .number("q", 0.7, "in (0, 1]")],
                               differentiable: ["input"], reference: "Zhang & Sabuncu 2018")) { x, y, a, r in
            try Losses.gce(input: x, target: y, q: a.number("q"), reduction: r)
        },
        indexed(LossDescriptor("sce", .multiclass, "Symmetric cross entropy: α·CE + β·(−log_zero)(1 − p_y).",
                               args: [.array("input", "N×K logits"), .ints("target", "N class indices"), .number("alpha", 0.1),
                                      .number("beta", 1), .number("log_zero", -4)],
                               differentiable: ["input"], reference: "Wang et al. 2019")) { x, y, a, r in
            try Losses.sce(input: x, target: y, alpha: a.number("alpha"), beta: a.number("beta"),
                           logZero: a.number("log_zero"), reduction: r)
        },
        indexed(LossDescriptor("poly1", .multiclass, "Poly-1: CE + ε(1 − p_y).",
                               args: [.array("input", "N×K logits"), .ints("target", "N class indices"), .number("epsilon", 1)],
                               differentiable: ["input"], reference: "Leng et al. 2022")) { x, y, a, r in
            try Losses.poly1(input: x, target: y, epsilon: a.number("epsilon"), reduction: r)
        },
    ]
}
