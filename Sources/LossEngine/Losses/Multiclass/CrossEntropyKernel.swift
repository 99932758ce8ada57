/// The fused cross-entropy loop for class indices without label smoothing. Per row: one pass
/// for the first maximum m, one for e^{xⱼ − m} (written into the gradient buffer) and their sum
/// r over the other entries (``VectorRow/parts(_:count:exps:)``), log1p(r) four rows at a time
/// with the vector log1p, then one pass for the value −w_y·((x_y − m) − log1p(r)) and the
/// gradient seed·w_y·(pⱼ − δⱼᵧ), with 1 − p_y = r/(1 + r) when y is the maximum (no
/// cancellation at p_y ≈ 1). Rows whose label is `ignoreIndex` get 0 and a zero gradient.
struct CrossEntropyKernel {
    let rows: Int
    let width: Int
    let ignoreIndex: Int
    let seed: Double

    /// Writes the gradient (and the per-row values if `items` is given); returns their sum.
    func run(_ x: UnsafePointer<Double>, _ labels: UnsafePointer<Int>, weight: UnsafePointer<Double>?,
             gradient g: UnsafeMutablePointer<Double>, items: UnsafeMutablePointer<Double>?) -> Double {
        forEachLabelledRow(x, labels, gradient: g, items: items) { row, label in
            let wy = weight?[label] ?? 1
            let v = -wy * ((x[row.base + label] - row.shift) - row.logNorm)
            let inv = 1 / (1 + row.rest)
            let py = g[row.base + label] * inv
            let scale = seed * wy * inv
            for j in 0..<width { g[row.base + j] *= scale }
            g[row.base + label] = -seed * wy * row.complement(py, at: label)
            return v
        }
    }

    /// One row as the shared loop hands it to a loss: its number, where it starts, its
    /// normaliser (shift m, remainder r, log1p(r)) and the column of its first maximum.
    struct Row {
        let index: Int
        let base: Int
        let shift: Double
        let rest: Double
        let logNorm: Double
        let top: Int

        /// 1 − pⱼ at `column`: r/(1 + r) at the first maximum, else 1 − pⱼ with pⱼ ≤ ½ (no
        /// cancellation either way).
        @inline(__always)
        func complement(_ p: Double, at column: Int) -> Double { column == top ? rest / (1 + rest) : 1 - p }
    }

    /// The row loop of every cross-entropy form: normalisers four rows at a time (e^{xⱼ − m}
    /// left in the gradient buffer), then each row passed to `body`, which writes its gradient
    /// and returns its value; returns the sum of the values (also written into `items` if given).
    @inline(__always)
    func forEachRow(_ x: UnsafePointer<Double>, gradient g: UnsafeMutablePointer<Double>,
                    items: UnsafeMutablePointer<Double>?, _ body: (Row) -> Double) -> Double {
        var total = 0.0
        var shift = Lanes.zero, rest = Lanes.zero
        var argmax = LaneBits.zero
        var i = 0
        while i < rows {
            let block = Swift.min(4, rows - i)
            let logNorm = normalisers(x, from: i, count: block, exps: g, shift: &shift, rest: &rest, argmax: &argmax)
            for r in 0..<block {
                let index = i + r
                let v = body(Row(index: index, base: index * width, shift: shift[r], rest: rest[r],
                                 logNorm: logNorm[r], top: Int(argmax[r])))
                total += v
                items?[index] = v
            }
            i += block
        }
        return total
    }

    /// ``forEachRow(_:gradient:items:_:)`` for class indices: rows labelled `ignoreIndex` get 0
    /// and a zero gradient, every other row goes to `body` with its label.
    @inline(__always)
    func forEachLabelledRow(_ x: UnsafePointer<Double>, _ labels: UnsafePointer<Int>,
                            gradient g: UnsafeMutablePointer<Double>, items: UnsafeMutablePointer<Double>?,
                            _ body: (Row, Int) -> Double) -> Double {
        forEachRow(x, gradient: g, items: items) { row in
            let label = labels[row.index]
            if label == ignoreIndex {
                for j in 0..<width { g[row.base + j] = 0 }
                return 0
            }
            return body(row, label)
        }
    }

    /// The normalisers of `count` (1–4) rows from row `first`: their shifts, remainders and
    /// first maxima, e^{xⱼ − m} written into `exps` (the gradient buffer), and log1p of the
    /// remainders, four rows at once. log1p is lane by lane: a row's normaliser does not depend
    /// on its place in the block (unused lanes of a last, short block hold earlier rows' sums).
    @inline(__always)
    func normalisers(_ x: UnsafePointer<Double>, from first: Int, count: Int, exps: UnsafeMutablePointer<Double>,
                     shift: inout Lanes, rest: inout Lanes, argmax: inout LaneBits) -> Lanes {
        for r in 0..<count {
            let p = VectorRow.parts(x + (first + r) * width, count: width, exps: exps + (first + r) * width)
            shift[r] = p.shift
            rest[r] = p.rest
            argmax[r] = Int64(p.argmax)
        }
        return VectorMath.log1p(rest)
    }

    /// Class indices with label smoothing ε > 0: per row, with ℓⱼ = (xⱼ − m) − log1p(r) (the
    /// log-softmax, maximum never added back), the value −(1 − ε)·w_y·ℓ_y − (ε/K)·Σⱼ wⱼℓⱼ and
    /// the gradient seed·(c·pⱼ − (ε/K)·wⱼ), c = (1 − ε)w_y + (ε/K)·Σw; at the label written as
    /// seed·(−(1 − ε)w_y·(1 − p_y) + (ε/K)(Σw·p_y − w_y)), with 1 − p_y = r/(1 + r) when y is
    /// the first maximum (no cancellation at p_y ≈ 1). `weightSum` is Σw (K without weights).
    func runSmoothed(_ x: UnsafePointer<Double>, _ labels: UnsafePointer<Int>, weight: UnsafePointer<Double>?,
                     smoothing eps: Double, weightSum: Double,
                     gradient g: UnsafeMutablePointer<Double>, items: UnsafeMutablePointer<Double>?) -> Double {
        let k = width
        let share = eps / Double(k)
        return forEachLabelledRow(x, labels, gradient: g, items: items) { row, label in
            let base = row.base
            let m = row.shift, l = row.logNorm
            let wy = weight?[label] ?? 1
            var smooth = 0.0
            if let weight {
                for j in 0..<k { smooth -= weight[j] * ((x[base + j] - m) - l) }
            } else {
                for j in 0..<k { smooth -= (x[base + j] - m) - l }
            }
            let v = -(1 - eps) * wy * ((x[base + label] - m) - l) + share * smooth
            let inv = 1 / (1 + row.rest)
            let py = g[base + label] * inv
            let c = (1 - eps) * wy + share * weightSum
            if let weight {
                for j in 0..<k { g[base + j] = seed * (c * (g[base + j] * inv) - share * weight[j]) }
            } else {
                for j in 0..<k { g[base + j] = seed * (c * (g[base + j] * inv) - share) }
            }
            g[base + label] = seed * (-(1 - eps) * wy * row.complement(py, at: label) + share * (weightSum * py - wy))
            return v
        }
    }

    /// Probability targets t (rows of K), smoothed to t′ = (1 − ε)t + ε/K: per row, with
    /// cⱼ = wⱼt′ⱼ and C = Σcⱼ, the value −Σⱼ cⱼℓⱼ and the gradient seed·(C·pⱼ − cⱼ); at the
    /// first maximum written as seed·(Σ_{j≠m} cⱼ − C·r/(1 + r)), so a one-hot target on a
    /// confident row keeps its small gradient instead of C·p − c rounding to 0.
    func runProbabilities(_ x: UnsafePointer<Double>, _ t: UnsafePointer<Double>, weight: UnsafePointer<Double>?,
                          smoothing eps: Double,
                          gradient g: UnsafeMutablePointer<Double>, items: UnsafeMutablePointer<Double>?) -> Double {
        let k = width
        let share = eps / Double(k)
        return forEachRow(x, gradient: g, items: items) { row in
            let base = row.base, m = row.shift, l = row.logNorm
            var v = 0.0, c = 0.0, others = 0.0
            for j in 0..<k {
                let cj = (weight?[j] ?? 1) * ((1 - eps) * t[base + j] + share)
                v -= cj * ((x[base + j] - m) - l)
                c += cj
                if j != row.top { others += cj }
            }
            let inv = 1 / (1 + row.rest)
            for j in 0..<k {
                let cj = (weight?[j] ?? 1) * ((1 - eps) * t[base + j] + share)
                g[base + j] = seed * (c * (g[base + j] * inv) - cj)
            }
            g[base + row.top] = seed * (others - c * (row.rest * inv))
            return v
        }
    }
}
