extension LossCatalog {
    static let binaryEntries: [CatalogEntry] = [
        residual(LossDescriptor("bce", .binary, "Binary cross entropy on probabilities, logs clamped at −100.",
                                args: [.array("input", "probabilities in [0, 1]"), .array("target", "in [0, 1], same shape")],
                                differentiable: ["input"], reference: "PyTorch binary_cross_entropy")) { x, y, _, r in
            try Losses.bce(input: x, target: y, reduction: r)
        },
        CatalogEntry(descriptor: LossDescriptor(
            "bce_with_logits", .binary, "Binary cross entropy on logits, stable for any logit.",
            args: [.array("input", "logits"), .array("target", "in [0, 1], same shape"),
                   .optionalArray("pos_weight", "weight of positives: one per class of the last dimension")],
            differentiable: ["input"], reference: "PyTorch binary_cross_entropy_with_logits")) { a, r in
            let (x, y) = try a.pair("input", "target")
            var pw: [Double]?
            if a.has("pos_weight") {
                let t = try a.tensor("pos_weight")
                let last = x.shape.last ?? 1
                guard t.count == 1 || t.count == last || t.shape == x.shape else {
                    throw LossError.shapeMismatch(argument: "pos_weight", expected: [last], found: t.shape)
                }
                pw = t.data
            }
            let out = try Losses.bceWithLogits(input: x.data, target: y.data, posWeight: pw, reduction: r)
            return CatalogResult(output: out, itemShape: x.shape, gradientShapes: ["input": x.shape])
        },
        residual(LossDescriptor("hinge", .binary, "Hinge: max(0, margin − target·input), target ±1.",
                                args: [.array("input", "scores"), .array("target", "±1"), .number("margin", 1)],
                                differentiable: ["input"], reference: "Cortes & Vapnik 1995")) { x, y, a, r in
            try Losses.hinge(input: x, target: y, margin: a.number("margin"), reduction: r)
        },
        residual(LossDescriptor("squared_hinge", .binary, "Squared hinge: max(0, margin − target·input)².",
                                args: [.array("input", "scores"), .array("target", "±1"), .number("margin", 1)],
                                differentiable: ["input"], reference: "Rennie & Srebro 2005")) { x, y, a, r in
            try Losses.squaredHinge(input: x, target: y, margin: a.number("margin"), reduction: r)
        },
        residual(LossDescriptor("focal", .binary, "Sigmoid focal loss (torchvision).",
                                args: [.array("input", "logits"), .array("target", "in [0, 1]"),
                                       .number("alpha", 0.25, "< 0 turns it off"), .number("gamma", 2, "≥ 0")],
                                differentiable: ["input"], reference: "Lin et al. 2017; torchvision sigmoid_focal_loss")) { x, y, a, r in
            try Losses.focal(input: x, target: y, alpha: a.number("alpha"), gamma: a.number("gamma"), reduction: r)
        },
        residual(LossDescriptor("asymmetric", .binary, "Asymmetric loss (ASL) for multi-label classification.",
                                args: [.array("input", "logits"), .array("target", "0/1"), .number("gamma_pos", 0),
                                       .number("gamma_neg", 4), .number("clip", 0.05), .number("eps", 1e-8)],
                                differentiable: ["input"], reference: "Ridnik et al. 2021")) { x, y, a, r in
            try Losses.asymmetric(input: x, target: y, gammaPos: a.number("gamma_pos"), gammaNeg: a.number("gamma_neg"),
                                  clip: a.number("clip"), eps: a.number("eps"), reduction: r)
        },
    ]
}
