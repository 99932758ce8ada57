/// The result of one typed loss call: the reduced value, the per-item values (for
/// `Reduction.none`) and the analytic gradient with respect to every differentiable argument.
///
/// Gradients are flat arrays in row-major order of the argument's shape. For `.none` they are
/// the gradients of the sum of the items, and `value` is that sum.
public struct LossOutput: Equatable, Sendable {
    /// The reduced value (`mean`, `sum`, `batchmean`); the sum of `items` for `.none`.
    public var value: Double
    /// Per-item losses in row-major order; present only for `.none`.
    public var items: [Double]?
    /// The reduction that was applied.
    public var reduction: Reduction
    /// d(value)/d(argument), flat, keyed by argument name.
    public var gradients: [String: [Double]]

    public init(value: Double, items: [Double]?, reduction: Reduction, gradients: [String: [Double]]) {
        self.value = value
        self.items = items
        self.reduction = reduction
        self.gradients = gradients
    }

    /// The gradient with respect to `argument`, or an empty array if it has none.
    public func gradient(_ argument: String) -> [Double] {
        gradients[argument] ?? []
    }

    /// Assembles an output from the running total of items. `denominator` is what `.mean`
    /// (or `.batchmean`) divides by; the gradients must already carry `1/denominator`.
    static func make(total: Double, denominator: Double, items: [Double], reduction: Reduction,
                     gradients: [String: [Double]]) -> LossOutput {
        switch reduction {
        case .none: return LossOutput(value: total, items: items, reduction: reduction, gradients: gradients)
        case .sum: return LossOutput(value: total, items: nil, reduction: reduction, gradients: gradients)
        case .mean, .batchmean:
            return LossOutput(value: total / denominator, items: nil, reduction: reduction, gradients: gradients)
        }
    }
}
