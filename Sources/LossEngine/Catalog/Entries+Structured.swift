extension Arguments {
    /// Rows of integers: a rank-2 integer array.
    func intRows(_ name: String) throws -> [[Int]] {
        let (shape, flat) = try ints(name)
        guard shape.count == 2 else {
            throw LossError.badShape(argument: name, reason: "expected 2 dimensions, found shape \(shape)")
        }
        let w = shape[1]
        return (0..<shape[0]).map { Array(flat[($0 * w)..<(($0 + 1) * w)]) }
    }

    /// Sequences for edit distance: strings, or arrays of integers (a single string is one pair).
    func sequences(_ name: String) throws -> [[Int]] {
        let v = try value(name)
        func scalars(_ s: String) -> [Int] { s.unicodeScalars.map { Int($0.value) } }
        switch v {
        case .string(let s): return [scalars(s)]
        case .array(let items):
            return try items.map { item -> [Int] in
                switch item {
                case .string(let s): return scalars(s)
                case .array(let inner):
                    return try inner.map { x -> Int in
                        guard case .number(let d) = x else {
                            throw LossError.wrongType(argument: name, expected: "strings or arrays of integers", found: x.kindName)
                        }
                        return try Arguments.integer(d, name)
                    }
                default:
                    throw LossError.wrongType(argument: name, expected: "strings or arrays of integers", found: item.kindName)
                }
            }
        default:
            throw LossError.wrongType(argument: name, expected: "strings or arrays of integers", found: v.kindName)
        }
    }
}

extension LossCatalog {
    static let structuredEntries: [CatalogEntry] = [
        CatalogEntry(descriptor: LossDescriptor(
            "ctc", .structured, "Connectionist temporal classification, as PyTorch; exact gradient w.r.t. log_probs.",
            args: [.array("log_probs", "T×N×C log-probabilities"), .ints("targets", "N×S padded target indices"),
                   .ints("input_lengths", "N"), .ints("target_lengths", "N"),
                   ArgSpec("blank", .number, default: 0, required: false, "index of the blank class")],
            differentiable: ["log_probs"], reference: "Graves et al. 2006; PyTorch ctc_loss")) { a, r in
            let lp = try a.tensor("log_probs", rank: 3, "T×N×C")
            let out = try Losses.ctc(logProbs: lp, targets: a.intRows("targets"), inputLengths: a.intVector("input_lengths"),
                                     targetLengths: a.intVector("target_lengths"), blank: a.int("blank"), reduction: r)
            return CatalogResult(output: out, itemShape: [lp.shape[1]], gradientShapes: ["log_probs": lp.shape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "seq_cross_entropy", .structured, "Cross entropy per token; mean over unmasked tokens.",
            args: [.array("input", "N×T×K logits"), .ints("target", "N×T indices"), .optionalArray("mask", "N×T of 0/1 (default all 1)")],
            differentiable: ["input"], reference: "Sutskever et al. 2014")) { a, r in
            let x = try a.tensor("input", rank: 3, "N×T×K")
            let (tShape, t) = try a.ints("target")
            try Check.shapeEqual(tShape, Array(x.shape.prefix(2)), "target")
            var mask: [Double]?
            if a.has("mask") {
                let m = try a.tensor("mask")
                try Check.shapeEqual(m.shape, Array(x.shape.prefix(2)), "mask")
                mask = m.data
            }
            let out = try Losses.seqCrossEntropy(input: x, target: t, mask: mask, reduction: r)
            return CatalogResult(output: out, itemShape: Array(x.shape.prefix(2)), gradientShapes: ["input": x.shape])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "crf_nll", .structured, "Linear-chain CRF negative log-likelihood: log Z − score(tags), per sample.",
            args: [.array("emissions", "N×T×K"), .ints("tags", "N×T"), .array("transitions", "K×K, i→j"),
                   .array("start", "K"), .array("end", "K")],
            differentiable: ["emissions", "transitions", "start", "end"], reference: "Lafferty et al. 2001")) { a, r in
            let e = try a.tensor("emissions", rank: 3, "N×T×K")
            let tr = try a.tensor("transitions")
            let out = try Losses.crfNLL(emissions: e, tags: a.intRows("tags"), transitions: tr, start: a.vector("start"),
                                        end: a.vector("end"), reduction: r)
            let k = [e.shape[2]]
            return CatalogResult(output: out, itemShape: [e.shape[0]],
                                 gradientShapes: ["emissions": e.shape, "transitions": tr.shape, "start": k, "end": k])
        },
        CatalogEntry(descriptor: LossDescriptor(
            "edit_distance", .structured, "Levenshtein distance (÷ reference length if normalize); no gradient.",
            args: [.array("hypothesis", "strings or integer sequences"), .array("reference", "strings or integer sequences"),
                   .bool("normalize", false)],
            differentiable: [], reference: "Levenshtein 1966")) { a, r in
            let h = try a.sequences("hypothesis")
            let out = try Losses.editDistance(hypothesis: h, reference: a.sequences("reference"),
                                              normalize: a.bool("normalize"), reduction: r)
            return CatalogResult(output: out, itemShape: [h.count], gradientShapes: [:])
        },
    ]
}
