/// The frame of a fused elementwise loss over (input, target) of one count, shared by the BCE
/// and focal losses: the checks they have in common, a fresh gradient buffer, per-element values
/// when the reduction keeps them, the kernel's sum of the values and the output. The kernel gets
/// plain pointers (vector loads and stores, no bounds checks), and tallies the targets it loads
/// (`WithinTally`), so that they are checked in the same pass rather than read twice.
enum FusedElementwise {
    typealias Kernel = (_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ count: Int,
                        _ gradient: UnsafeMutablePointer<Double>, _ items: UnsafeMutablePointer<Double>?,
                        _ targets: inout WithinTally) -> Double

    /// Checks the reduction, a non-empty input, a target of the same count with values in
    /// [0, 1], then the loss's own arguments (`kernel` throws for those), and runs the kernel it
    /// returns for seed = 1/denominator; the gradient is named "input". The errors come in that
    /// order although the targets are checked by the kernel's loop: a target out of range is
    /// reported before a bad argument, and the loop's outputs are dropped when one is found.
    @inline(__always)
    static func loss(_ name: String, input: [Double], target: [Double], reduction: Reduction,
                     kernel: (_ seed: Double) throws -> Kernel) throws -> LossOutput {
        try reduction.check(Reduction.standard, loss: name)
        try Check.nonEmpty(input.count, "input")
        try Check.count(target, input.count, "target")
        let denominator = reduction.denominator(count: input.count)
        let made: Kernel
        do {
            made = try kernel(1 / denominator)
        } catch {
            try Check.probability(target, "target")
            throw error
        }
        let (gradient, items, total, targetsWithin) = run(input: input, target: target, keepItems: reduction == .none, made)
        if !targetsWithin { try Check.probability(target, "target") }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: ["input": gradient])
    }

    @inline(__always)
    static func run(input: [Double], target: [Double], keepItems: Bool,
                    _ kernel: Kernel) -> (gradient: [Double], items: [Double], total: Double, targetsWithin: Bool) {
        let n = input.count
        precondition(n > 0 && target.count == n, "FusedElementwise: counts are checked by the loss")
        var items = [Double](repeating: 0, count: keepItems ? n : 0)
        var total = 0.0
        var targets = WithinTally(0, 1)
        let gradient = [Double](unsafeUninitializedCapacity: n) { g, initialized in
            input.withUnsafeBufferPointer { x in
                target.withUnsafeBufferPointer { y in
                    items.withUnsafeMutableBufferPointer { it in
                        total = kernel(x.baseAddress!, y.baseAddress!, n, g.baseAddress!, it.startIfAny, &targets)
                    }
                }
            }
            initialized = n
        }
        return (gradient, items, total, targets.allWithin)
    }
}
