extension LossCatalog {
    static let regressionEntries: [CatalogEntry] = {
        let io: [ArgSpec] = [.array("input", "predictions, any shape"), .array("target", "same shape as input")]
        return [
            residual(LossDescriptor("mse", .regression, "Mean squared error: (input − target)².",
                                    args: io, differentiable: ["input"], reference: "PyTorch mse_loss")) { x, y, _, r in
                try Losses.mse(input: x, target: y, reduction: r)
            },
            residual(LossDescriptor("mae", .regression, "Mean absolute error: |input − target|.",
                                    args: io, differentiable: ["input"], aliases: ["l1"], reference: "PyTorch l1_loss")) { x, y, _, r in
                try Losses.mae(input: x, target: y, reduction: r)
            },
            residual(LossDescriptor("huber", .regression, "Huber: quadratic within delta, linear beyond.",
                                    args: io + [.number("delta", 1, "δ > 0")], differentiable: ["input"],
                                    reference: "Huber 1964; PyTorch huber_loss")) { x, y, a, r in
                try Losses.huber(input: x, target: y, delta: a.number("delta"), reduction: r)
            },
            residual(LossDescriptor("smooth_l1", .regression, "Smooth L1: Huber divided by beta.",
                                    args: io + [.number("beta", 1, "β ≥ 0")], differentiable: ["input"],
                                    reference: "Girshick 2015; PyTorch smooth_l1_loss")) { x, y, a, r in
                try Losses.smoothL1(input: x, target: y, beta: a.number("beta"), reduction: r)
            },
            residual(LossDescriptor("log_cosh", .regression, "log cosh(input − target), without overflow.",
                                    args: io, differentiable: ["input"], reference: "Chen et al. 2019")) { x, y, _, r in
                try Losses.logCosh(input: x, target: y, reduction: r)
            },
            residual(LossDescriptor("quantile", .regression, "Pinball loss for quantile q.",
                                    args: io + [.number("q", 0.5, "quantile level in [0, 1]")], differentiable: ["input"],
                                    aliases: ["pinball"], reference: "Koenker & Bassett 1978")) { x, y, a, r in
                try Losses.quantile(input: x, target: y, q: a.number("q"), reduction: r)
            },
        ]
    }()
}
