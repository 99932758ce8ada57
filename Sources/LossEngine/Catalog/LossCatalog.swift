/// What a catalog entry's adapter hands back: the typed output plus the shapes to restore.
struct CatalogResult {
    var output: LossOutput
    var itemShape: [Int]
    var gradientShapes: [String: [Int]]
}

/// One loss of the catalog: its descriptor and the adapter from dynamic arguments to the typed
/// function in ``Losses``.
struct CatalogEntry: Sendable {
    let descriptor: LossDescriptor
    let run: @Sendable (Arguments, Reduction) throws -> CatalogResult
}

/// Every loss of the engine by name: the table behind `lossbook eval` and the course's
/// directives. Names, arguments and semantics follow `eval-protocol.md`.
public enum LossCatalog {
    static let entries: [CatalogEntry] = regressionEntries + likelihoodEntries + binaryEntries
        + multiclassEntries + metricEntries + structuredEntries + generativeEntries

    private static let index: [String: Int] = {
        var map: [String: Int] = [:]
        for (i, entry) in entries.enumerated() {
            map[entry.descriptor.name] = i
            for alias in entry.descriptor.aliases { map[alias] = i }
        }
        return map
    }()

    /// Every loss, in catalog order (by family, as in the spec).
    public static var all: [LossDescriptor] { entries.map(\.descriptor) }

    /// The loss named `name` (or with that alias).
    public static func descriptor(named name: String) -> LossDescriptor? {
        index[name].map { entries[$0].descriptor }
    }

    /// Evaluates loss `name` on `args` (defaults filled from the descriptor).
    ///
    /// Throws ``LossError`` for an unknown loss, an unknown or missing argument, a reduction the
    /// loss does not allow, and every invalid value the typed function rejects.
    public static func evaluate(_ name: String, args: [String: EngineValue],
                                reduction: Reduction = .mean) throws -> LossEvaluation {
        guard let i = index[name] else { throw LossError.unknownLoss(name) }
        let entry = entries[i]
        let d = entry.descriptor
        try reduction.check(d.reductions, loss: d.name)
        for key in args.keys.sorted() where d.arg(key) == nil {
            throw LossError.unknownArgument(loss: d.name, argument: key)
        }
        var filled = args
        for spec in d.args where filled[spec.name] == nil {
            if let v = spec.defaultValue {
                filled[spec.name] = v
            } else if spec.isRequired {
                throw LossError.missingArgument(loss: d.name, argument: spec.name)
            }
        }
        let result = try entry.run(Arguments(loss: d.name, values: filled), reduction)
        let out = result.output
        let value: EngineValue
        if reduction == .none, let items = out.items {
            value = EngineValue(shape: result.itemShape, flat: items)
        } else {
            value = .number(out.value)
        }
        var grads: [String: EngineValue] = [:]
        for (key, g) in out.gradients {
            let shape = result.gradientShapes[key] ?? [g.count]
            grads[key] = EngineValue(shape: shape, flat: g)
        }
        return LossEvaluation(value: value, gradients: grads)
    }

    /// Adapter for losses of a residual: `input` and `target` of one shape.
    static func residual(_ d: LossDescriptor,
                         _ f: @escaping @Sendable ([Double], [Double], Arguments, Reduction) throws -> LossOutput) -> CatalogEntry {
        CatalogEntry(descriptor: d) { args, reduction in
            let (x, y) = try args.pair("input", "target")
            let out = try f(x.data, y.data, args, reduction)
            return CatalogResult(output: out, itemShape: x.shape, gradientShapes: ["input": x.shape])
        }
    }
}
