/// How per-item losses are combined into one number.
///
/// - `none`: no reduction; the value is the array of per-item losses and every gradient is
///   the gradient of their sum.
/// - `mean`: the average over items (a loss may define a weighted mean, e.g. `cross_entropy`
///   with class weights divides by the total weight, as PyTorch does).
/// - `sum`: the sum over items.
/// - `batchmean`: the sum divided by the batch size (the first dimension); only `kl_div`.
public enum Reduction: String, CaseIterable, Sendable, Equatable {
    case none, mean, sum, batchmean

    /// Throws unless `self` is one of `allowed`.
    func check(_ allowed: [Reduction], loss: String) throws {
        guard allowed.contains(self) else {
            throw LossError.unsupportedReduction(loss: loss, reduction: rawValue, allowed: allowed.map(\.rawValue))
        }
    }

    /// What the sum of items is divided by: `count` for `.mean`, `batch` for `.batchmean`,
    /// 1 otherwise. The gradient seed of every item is its reciprocal.
    func denominator(count: Int, batch: Int = 1) -> Double {
        switch self {
        case .none, .sum: return 1
        case .mean: return Double(count)
        case .batchmean: return Double(batch)
        }
    }

    /// The reductions every loss accepts.
    public static let standard: [Reduction] = [.none, .mean, .sum]
}
