extension LossCatalog {
    static let metricEntries: [CatalogEntry] = [
        CatalogEntry(descriptor: LossDescriptor(
            "contrastive", .metric, "Contrastive: y·d² + (1 − y)·max(0, margin − d)², d = ‖x1 − x2‖.",
            args: [.array("x1", "N×D"), .array("x2", "N×D"), .array("label", "N, 1 similar / 0 not"), .number("margin", 1)],
            differentiable: ["x1", "x2"], reference: "Hadsell, Chopra & LeCun 2006")) { a, r in
            let x1 = try a.tensor("x1", rank: 2, "N×D")
            let x2 = try a.tensor("x2")
            let out = try Losses.contrastive(x1: x1, x2: x2, label: a.vector("label"), margin: a.number("margin"), reduction: r)
            return CatalogResult(output: out, itemShape: [x1.shape[0]], gradientShapes: ["x1": x1.shape, "x2": x1.shape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "triplet_margin", .metric, "Triplet margin loss, as PyTorch.",
            args: [.array("anchor", "N×D"), .array("positive", "N×D"), .array("negative", "N×D"), .number("margin", 1),
                   .number("p", 2, "norm degree ≥ 1"), .number("eps", 1e-6), .bool("swap", false)],
            differentiable: ["anchor", "positive", "negative"],
            reference: "Schroff et al. 2015; PyTorch triplet_margin_loss")) { a, r in
            let an = try a.tensor("anchor", rank: 2, "N×D")
            let out = try Losses.tripletMargin(anchor: an, positive: a.tensor("positive"), negative: a.tensor("negative"),
                                               margin: a.number("margin"), p: a.number("p"), eps: a.number("eps"),
                                               swap: a.bool("swap"), reduction: r)
            return CatalogResult(output: out, itemShape: [an.shape[0]],
                                 gradientShapes: ["anchor": an.shape, "positive": an.shape, "negative": an.shape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "cosine_embedding", .metric, "Cosine embedding loss, as PyTorch.",
            args: [.array("input1", "N×D"), .array("input2", "N×D"), .array("target", "N, ±1"), .number("margin", 0)],
            differentiable: ["input1", "input2"], reference: "PyTorch cosine_embedding_loss")) { a, r in
            let x1 = try a.tensor("input1", rank: 2, "N×D")
            let out = try Losses.cosineEmbedding(input1: x1, input2: a.tensor("input2"), target: a.vector("target"),
                                                 margin: a.number("margin"), reduction: r)
            return CatalogResult(output: out, itemShape: [x1.shape[0]], gradientShapes: ["input1": x1.shape, "input2": x1.shape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "margin_ranking", .metric, "Margin ranking: max(0, −target·(input1 − input2) + margin).",
            args: [.array("input1", "N"), .array("input2", "N"), .array("target", "N, ±1"), .number("margin", 0)],
            differentiable: ["input1", "input2"], reference: "PyTorch margin_ranking_loss")) { a, r in
            let x1 = try a.vector("input1")
            let out = try Losses.marginRanking(input1: x1, input2: a.vector("input2"), target: a.vector("target"),
                                               margin: a.number("margin"), reduction: r)
            return CatalogResult(output: out, itemShape: [x1.count], gradientShapes: ["input1": [x1.count], "input2": [x1.count]])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "circle", .metric, "Circle loss on positive and negative pair similarities.",
            args: [.array("sp", "N×P positive similarities"), .array("sn", "N×Q negative similarities"),
                   .number("m", 0.25), .number("gamma", 256)],
            differentiable: ["sp", "sn"], reference: "Sun et al. 2020")) { a, r in
            let sp = try a.tensor("sp", rank: 2, "N×P")
            let sn = try a.tensor("sn", rank: 2, "N×Q")
            let out = try Losses.circle(sp: sp, sn: sn, m: a.number("m"), gamma: a.number("gamma"), reduction: r)
            return CatalogResult(output: out, itemShape: [sp.shape[0]], gradientShapes: ["sp": sp.shape, "sn": sn.shape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "info_nce", .metric, "InfoNCE: cross entropy of query·keyᵀ/τ with the diagonal as the true class.",
            args: [.array("query", "N×D"), .array("key", "N×D"), .number("temperature", 0.1), .bool("normalize", true)],
            differentiable: ["query", "key"], reference: "van den Oord et al. 2018")) { a, r in
            let q = try a.tensor("query", rank: 2, "N×D")
            let out = try Losses.infoNCE(query: q, key: a.tensor("key"), temperature: a.number("temperature"),
                                         normalize: a.bool("normalize"), reduction: r)
            return CatalogResult(output: out, itemShape: [q.shape[0]], gradientShapes: ["query": q.shape, "key": q.shape])
        },
    ]
}
