extension Arguments {
    /// A parameter of the same shape as `shape` or one value; returns data and its own shape.
    func parameterWithShape(_ name: String, like shape: [Int]) throws -> ([Double], [Int]) {
        let t = try tensor(name)
        if t.shape == shape || t.count == 1 { return (t.data, t.shape) }
        throw LossError.shapeMismatch(argument: name, expected: shape, found: t.shape)
    }
}

extension LossCatalog {
    static let likelihoodEntries: [CatalogEntry] = [
        CatalogEntry(descriptor: LossDescriptor(
            "gaussian_nll", .likelihood, "Gaussian NLL with predicted variance: ½(log v + (input − target)²/v).",
            args: [.array("input", "predicted means"), .array("target", "same shape"),
                   .array("var", "predicted variances ≥ 0: same shape, one per row (shape input[:-1]), or one value"),
                   .number("eps", 1e-6, "variance clamp"), .bool("full", false, "add ½ log 2π")],
            differentiable: ["input", "var"], reference: "Nix & Weigend 1994; PyTorch gaussian_nll_loss")) { a, r in
            let (x, y) = try a.pair("input", "target")
            let vt = try a.tensor("var")
            // As PyTorch: var may also hold one variance per row (shape input[:-1] or input[:-1] + [1]),
            // broadcast over the last dimension; its gradient is summed back.
            let rowShapes = x.rank >= 1 ? [Array(x.shape.dropLast()), Array(x.shape.dropLast()) + [1]] : []
            if x.rank >= 2, vt.shape != x.shape, rowShapes.contains(vt.shape) {
                let width = x.shape.last ?? 1
                let expanded = vt.data.flatMap { [Double](repeating: $0, count: width) }
                var out = try Losses.gaussianNLL(input: x.data, target: y.data, variance: expanded, eps: a.number("eps"),
                                                 full: a.bool("full"), reduction: r)
                let g = out.gradient("var")
                out.gradients["var"] = (0..<vt.count).map { i in g[(i * width)..<((i + 1) * width)].reduce(0, +) }
                return CatalogResult(output: out, itemShape: x.shape, gradientShapes: ["input": x.shape, "var": vt.shape])
            }
            let (v, vShape) = try a.parameterWithShape("var", like: x.shape)
            let out = try Losses.gaussianNLL(input: x.data, target: y.data, variance: v, eps: a.number("eps"),
                                             full: a.bool("full"), reduction: r)
            return CatalogResult(output: out, itemShape: x.shape, gradientShapes: ["input": x.shape, "var": vShape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "laplace_nll", .likelihood, "Laplace NLL: |input − target|/b + log b.",
            args: [.array("input", "predicted locations"), .array("target", "same shape"),
                   .array("scale", "b > 0, same shape or one value"), .bool("full", false, "add log 2")],
            differentiable: ["input", "scale"], reference: "Laplace 1774; Kendall & Gal 2017")) { a, r in
            let (x, y) = try a.pair("input", "target")
            let (b, bShape) = try a.parameterWithShape("scale", like: x.shape)
            let out = try Losses.laplaceNLL(input: x.data, target: y.data, scale: b, full: a.bool("full"), reduction: r)
            return CatalogResult(output: out, itemShape: x.shape, gradientShapes: ["input": x.shape, "scale": bShape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "poisson_nll", .likelihood, "Poisson NLL: exp(input) − target·input (log_input), as PyTorch.",
            args: [.array("input", "log-rates (or rates if log_input is false)"), .array("target", "counts ≥ 0"),
                   .bool("log_input", true), .bool("full", false, "add the Stirling term"), .number("eps", 1e-8)],
            differentiable: ["input"], reference: "PyTorch poisson_nll_loss")) { a, r in
            let (x, y) = try a.pair("input", "target")
            let out = try Losses.poissonNLL(input: x.data, target: y.data, logInput: a.bool("log_input"),
                                            full: a.bool("full"), eps: a.number("eps"), reduction: r)
            return CatalogResult(output: out, itemShape: x.shape, gradientShapes: ["input": x.shape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "student_t_nll", .likelihood, "Exact NLL of Student's t with location input, scale and df.",
            args: [.array("input", "locations"), .array("target", "same shape"),
                   .array("scale", "σ > 0, same shape or one value"), .array("df", "ν > 0, same shape or one value")],
            differentiable: ["input", "scale", "df"], reference: "Student 1908; Lange et al. 1989")) { a, r in
            let (x, y) = try a.pair("input", "target")
            let (s, sShape) = try a.parameterWithShape("scale", like: x.shape)
            let (nu, nuShape) = try a.parameterWithShape("df", like: x.shape)
            let out = try Losses.studentTNLL(input: x.data, target: y.data, scale: s, df: nu, reduction: r)
            return CatalogResult(output: out, itemShape: x.shape,
                                 gradientShapes: ["input": x.shape, "scale": sShape, "df": nuShape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "exponential_nll", .likelihood, "Exact NLL of the exponential distribution: rate·target − log rate.",
            args: [.array("rate", "λ > 0, same shape as target or one value"), .array("target", "≥ 0")],
            differentiable: ["rate"], reference: "torch.distributions.Exponential")) { a, r in
            let y = try a.tensor("target")
            let (rate, rShape) = try a.parameterWithShape("rate", like: y.shape)
            let out = try Losses.exponentialNLL(rate: rate, target: y.data, reduction: r)
            return CatalogResult(output: out, itemShape: y.shape, gradientShapes: ["rate": rShape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "gamma_nll", .likelihood, "Exact NLL of the gamma distribution (shape–rate).",
            args: [.array("concentration", "α > 0"), .array("rate", "β > 0"), .array("target", "> 0")],
            differentiable: ["concentration", "rate"], reference: "torch.distributions.Gamma")) { a, r in
            let y = try a.tensor("target")
            let (al, aShape) = try a.parameterWithShape("concentration", like: y.shape)
            let (be, bShape) = try a.parameterWithShape("rate", like: y.shape)
            let out = try Losses.gammaNLL(concentration: al, rate: be, target: y.data, reduction: r)
            return CatalogResult(output: out, itemShape: y.shape, gradientShapes: ["concentration": aShape, "rate": bShape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "beta_nll", .likelihood, "Exact NLL of the beta distribution.",
            args: [.array("alpha", "α > 0"), .array("beta", "β > 0"), .array("target", "in (0, 1)")],
            differentiable: ["alpha", "beta"], reference: "torch.distributions.Beta")) { a, r in
            let y = try a.tensor("target")
            let (al, aShape) = try a.parameterWithShape("alpha", like: y.shape)
            let (be, bShape) = try a.parameterWithShape("beta", like: y.shape)
            let out = try Losses.betaNLL(alpha: al, beta: be, target: y.data, reduction: r)
            return CatalogResult(output: out, itemShape: y.shape, gradientShapes: ["alpha": aShape, "beta": bShape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "von_mises_nll", .likelihood, "Exact NLL of the von Mises distribution for angles.",
            args: [.array("input", "mean angles (radians)"), .array("concentration", "κ ≥ 0"), .array("target", "angles")],
            differentiable: ["input", "concentration"], reference: "von Mises 1918")) { a, r in
            let (x, y) = try a.pair("input", "target")
            let (k, kShape) = try a.parameterWithShape("concentration", like: x.shape)
            let out = try Losses.vonMisesNLL(input: x.data, concentration: k, target: y.data, reduction: r)
            return CatalogResult(output: out, itemShape: x.shape, gradientShapes: ["input": x.shape, "concentration": kShape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "mixture_gaussian_nll", .likelihood, "NLL of a Gaussian mixture (mixture density network), per sample.",
            args: [.array("logits", "N×M mixing logits"), .array("means", "N×M"), .array("log_scales", "N×M"),
                   .array("target", "N")],
            differentiable: ["logits", "means", "log_scales"], reference: "Bishop 1994")) { a, r in
            let logits = try a.tensor("logits", rank: 2, "N×M")
            let means = try a.tensor("means")
            let scales = try a.tensor("log_scales")
            let y = try a.vector("target")
            let out = try Losses.mixtureGaussianNLL(logits: logits, means: means, logScales: scales, target: y, reduction: r)
            return CatalogResult(output: out, itemShape: [logits.shape[0]],
                                 gradientShapes: ["logits": logits.shape, "means": logits.shape, "log_scales": logits.shape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "mvn_nll", .likelihood, "Exact NLL of N(mean, L Lᵀ), per sample.",
            args: [.array("mean", "N×D"), .array("scale_tril", "D×D lower triangular, positive diagonal"),
                   .array("target", "N×D")],
            differentiable: ["mean", "scale_tril"], reference: "torch.distributions.MultivariateNormal")) { a, r in
            let mean = try a.tensor("mean", rank: 2, "N×D")
            let l = try a.tensor("scale_tril")
            let y = try a.tensor("target")
            let out = try Losses.mvnNLL(mean: mean, scaleTril: l, target: y, reduction: r)
            return CatalogResult(output: out, itemShape: [mean.shape[0]],
                                 gradientShapes: ["mean": mean.shape, "scale_tril": l.shape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "plackett_luce_nll", .likelihood, "NLL of observed rankings under Plackett–Luce, per sample.",
            args: [.array("scores", "N×K"), .ints("ranking", "N×K, each row a permutation of 0..K−1, best first")],
            differentiable: ["scores"], reference: "Plackett 1975; Luce 1959")) { a, r in
            let scores = try a.tensor("scores", rank: 2, "N×K")
            let (shape, flat) = try a.ints("ranking")
            guard shape.count == 2 else {
                throw LossError.badShape(argument: "ranking", reason: "expected 2 dimensions (N×K), found shape \(shape)")
            }
            let k = shape[1]
            let ranking = (0..<shape[0]).map { Array(flat[($0 * k)..<(($0 + 1) * k)]) }
            let out = try Losses.plackettLuceNLL(scores: scores, ranking: ranking, reduction: r)
            return CatalogResult(output: out, itemShape: [scores.shape[0]], gradientShapes: ["scores": scores.shape])
        },
    ]
}
