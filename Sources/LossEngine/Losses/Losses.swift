/// The typed loss functions. Each returns a ``LossOutput`` (value and analytic gradients) and
/// throws a ``LossError`` for invalid input; none of them traps.
///
/// Losses are computed per item and then reduced by a ``Reduction``; the gradient is that of the
/// reduced value (of the sum of items for `.none`). Argument names match the catalog and
/// `docs/eval-protocol.md`.
public enum Losses {
    /// Shared loop for losses that depend on one residual a = input − target per element.
    /// `f(a)` returns (loss, d loss / d a); the gradient w.r.t. input is d/da.
    @inline(__always)
    static func residualwise(_ name: String, input: [Double], target: [Double], reduction: Reduction,
                             _ f: (Double) -> (Double, Double)) throws -> LossOutput {
        try reduction.check(Reduction.standard, loss: name)
        let n = input.count
        try Check.nonEmpty(n, "input")
        try Check.count(target, n, "target")
        let denominator = reduction.denominator(count: n)
        let seed = 1 / denominator
        let keepItems = reduction == .none
        var items: [Double] = keepItems ? [Double](repeating: 0, count: n) : []
        var total = 0.0
        let grad = [Double](unsafeUninitializedCapacity: n) { g, initialized in
            input.withUnsafeBufferPointer { x in
                target.withUnsafeBufferPointer { y in
                    items.withUnsafeMutableBufferPointer { it in
                        let kept = it.startIfAny
                        // Four running sums, element i into sum i mod 4, added in a fixed order
                        // at the end: one sum would make every element wait for the previous
                        // addition (about 1 ns each), slower than reading the inputs.
                        var sums = Lanes.zero
                        var i = 0
                        while i + 4 <= n {
                            let (v0, d0) = f(x[i] - y[i])
                            let (v1, d1) = f(x[i + 1] - y[i + 1])
                            let (v2, d2) = f(x[i + 2] - y[i + 2])
                            let (v3, d3) = f(x[i + 3] - y[i + 3])
                            sums += Lanes(v0, v1, v2, v3)
                            g[i] = d0 * seed; g[i + 1] = d1 * seed; g[i + 2] = d2 * seed; g[i + 3] = d3 * seed
                            if let kept { kept[i] = v0; kept[i + 1] = v1; kept[i + 2] = v2; kept[i + 3] = v3 }
                            i += 4
                        }
                        total = sums.laneSum
                        while i < n {
                            let (v, d) = f(x[i] - y[i])
                            kept?[i] = v
                            total += v
                            g[i] = d * seed
                            i += 1
                        }
                    }
                }
            }
            initialized = n
        }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: ["input": grad])
    }

    /// Shared loop for per-element losses with several differentiable arguments.
    /// `f(i)` returns the loss of element i and its partial derivatives, one per name in `names`.
    static func elementwise(_ name: String, count n: Int, names: [String], reduction: Reduction,
                            allowed: [Reduction] = Reduction.standard,
                            _ f: (Int) -> (Double, [Double])) throws -> LossOutput {
        try reduction.check(allowed, loss: name)
        try Check.nonEmpty(n, names.first ?? "input")
        let denominator = reduction.denominator(count: n)
        let seed = 1 / denominator
        var items = [Double](repeating: 0, count: reduction == .none ? n : 0)
        var grads = [[Double]](repeating: [Double](repeating: 0, count: n), count: names.count)
        var total = 0.0
        for i in 0..<n {
            let (v, d) = f(i)
            total += v
            if reduction == .none { items[i] = v }
            for k in 0..<names.count { grads[k][i] = d[k] * seed }
        }
        var out: [String: [Double]] = [:]
        for (k, name) in names.enumerated() { out[name] = grads[k] }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction, gradients: out)
    }

    /// ``elementwise(_:count:names:reduction:allowed:_:)`` for one differentiable argument,
    /// returning a tuple instead of an array per element (no allocation in the loop: the array
    /// form spends more time in malloc than in the loss).
    @inline(__always)
    static func elementwise1(_ name: String, count n: Int, argument: String, reduction: Reduction,
                             _ f: (Int) -> (Double, Double)) throws -> LossOutput {
        try reduction.check(Reduction.standard, loss: name)
        try Check.nonEmpty(n, argument)
        let denominator = reduction.denominator(count: n)
        let seed = 1 / denominator
        let keepItems = reduction == .none
        var items = [Double](repeating: 0, count: keepItems ? n : 0)
        var total = 0.0
        let grad = [Double](unsafeUninitializedCapacity: n) { g, initialized in
            for i in 0..<n {
                let (v, d) = f(i)
                total += v
                if keepItems { items[i] = v }
                g[i] = d * seed
            }
            initialized = n
        }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: [argument: grad])
    }

    /// ``elementwise1(_:count:argument:reduction:_:)`` for two differentiable arguments.
    @inline(__always)
    static func elementwise2(_ name: String, count n: Int, arguments: (String, String), reduction: Reduction,
                             _ f: (Int) -> (Double, Double, Double)) throws -> LossOutput {
        try reduction.check(Reduction.standard, loss: name)
        try Check.nonEmpty(n, arguments.0)
        let denominator = reduction.denominator(count: n)
        let seed = 1 / denominator
        let keepItems = reduction == .none
        var items = [Double](repeating: 0, count: keepItems ? n : 0)
        var total = 0.0
        var second = [Double](repeating: 0, count: n)
        let first = [Double](unsafeUninitializedCapacity: n) { g, initialized in
            second.withUnsafeMutableBufferPointer { h in
                for i in 0..<n {
                    let (v, d0, d1) = f(i)
                    total += v
                    if keepItems { items[i] = v }
                    g[i] = d0 * seed
                    h[i] = d1 * seed
                }
            }
            initialized = n
        }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: [arguments.0: first, arguments.1: second])
    }

    /// The four-lane form of ``elementwise1(_:count:argument:reduction:_:)``: `f(i, full)` gets
    /// the first index and whether four elements start there (else only element i, splatted),
    /// and returns the lanes' values and gradients; tail elements go through the same code.
    @inline(__always)
    static func lanewise1(_ name: String, count n: Int, argument: String, reduction: Reduction,
                          _ f: (Int, Bool) -> (Lanes, Lanes)) throws -> LossOutput {
        try reduction.check(Reduction.standard, loss: name)
        try Check.nonEmpty(n, argument)
        let denominator = reduction.denominator(count: n)
        let seed = 1 / denominator
        let keepItems = reduction == .none
        var items = [Double](repeating: 0, count: keepItems ? n : 0)
        var acc = Lanes.zero
        let grad = [Double](unsafeUninitializedCapacity: n) { g, initialized in
            var i = 0
            while i < n {
                let full = i + 4 <= n
                let (v, d) = f(i, full)
                let count = full ? 4 : 1
                for j in 0..<count {
                    g[i + j] = d[j] * seed
                    if keepItems { items[i + j] = v[j] }
                }
                acc += full ? v : Lanes(v[0], 0, 0, 0)
                i += count
            }
            initialized = n
        }
        let total = (acc[0] + acc[1]) + (acc[2] + acc[3])
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: [argument: grad])
    }

    /// Shared loop for per-sample losses whose gradients are accumulated by `f` itself.
    /// `f(i, seed)` returns item i's loss and adds seed · d item / d argument into its own buffers.
    static func rows(_ name: String, count n: Int, argument: String, reduction: Reduction,
                     allowed: [Reduction] = Reduction.standard,
                     _ f: (Int, Double) throws -> Double) throws -> (total: Double, items: [Double], denominator: Double) {
        try reduction.check(allowed, loss: name)
        try Check.nonEmpty(n, argument)
        let denominator = reduction.denominator(count: n, batch: n)
        let seed = 1 / denominator
        var items = [Double](repeating: 0, count: reduction == .none ? n : 0)
        var total = 0.0
        for i in 0..<n {
            let v = try f(i, seed)
            total += v
            if reduction == .none { items[i] = v }
        }
        return (total, items, denominator)
    }

    /// Sums the gradient of a parameter that was broadcast from one value back to one value.
    static func unbroadcast(_ g: [Double], to count: Int) -> [Double] {
        count == 1 && g.count != 1 ? [g.reduce(0, +)] : g
    }
}
