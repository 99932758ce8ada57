import Foundation

/// Measures the vector kernels against glibc (or, for softplus, σ and log σ, against the scalar
/// forms of ``StableMath`` built on glibc): the largest distance in units in the last place over
/// a seeded sweep. Used by the unit tests (small sweep) and `engine-bench accuracy` (10⁷ points).
public enum KernelAccuracy {
    public struct Report: Sendable {
        public let function: VectorKernels.Function
        public let points: Int
        /// The largest ULP distance found, and the input where it occurred.
        public let maxULP: UInt64
        public let worstInput: Double
    }

    /// The promised maximum ULP error of each function (see the lane kernels' contracts).
    public static func promisedULP(_ f: VectorKernels.Function) -> UInt64 {
        switch f {
        case .exp, .log: return 1
        case .expm1, .log1p, .tanh, .softplus, .logSigmoid: return 2
        case .sigmoid: return 3
        }
    }

    /// The reference value from the C library.
    public static func reference(_ f: VectorKernels.Function, _ x: Double) -> Double {
        switch f {
        case .exp: return Foundation.exp(x)
        case .expm1: return Foundation.expm1(x)
        case .log: return Foundation.log(x)
        case .log1p: return Foundation.log1p(x)
        case .softplus: return StableMath.softplus(x)
        case .sigmoid: return StableMath.sigmoid(x)
        case .logSigmoid: return StableMath.logSigmoid(x)
        case .tanh: return Foundation.tanh(x)
        }
    }

    /// The distance between two doubles in units in the last place: 0 if equal or both NaN,
    /// the count of representable doubles between them otherwise (across zero too); NaN
    /// against a number is the maximum.
    public static func ulpDistance(_ a: Double, _ b: Double) -> UInt64 {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
        if a == b { return 0 }
        func ordered(_ x: Double) -> Int64 {
            let bits = Int64(bitPattern: x.bitPattern)
            return bits < 0 ? Int64.min &- bits : bits
        }
        let d = ordered(a).subtractingReportingOverflow(ordered(b))
        return d.overflow ? .max : d.partialValue.magnitude
    }

    /// Inputs for f: the edges (±0, ±∞, NaN, the smallest subnormal and normal, the overflow
    /// and underflow thresholds and their neighbours), then seeded points, half uniform over
    /// the function's interesting interval and half with a uniformly drawn binary exponent
    /// (so every magnitude from subnormal to huge is hit).
    public static func inputs(_ f: VectorKernels.Function, count: Int, seed: UInt64) -> [Double] {
        var edges: [Double] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                               .leastNormalMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude,
                               -.greatestFiniteMagnitude, 1, -1, 0.5, -0.5, 2, 1e-300, -1e-300, 5.551115123125783e-17]
        for t in [VectorMath.expOverflow, VectorMath.expUnderflow, -708.3964185322641, 0.34657359027997264, -38, -40, 36, 37, 709] {
            edges += [t, t.nextUp, t.nextDown, -t]
        }
        edges += [-1.0.nextUp, -0.9999999999999999, 1e-17, -1e-17]
        // tanh: the switch from polynomial to exponential, the tiny-x cut, where tanh rounds to 1.
        for t in [VectorMath.tanhSplit, 7.450580596923828e-09, 19.061547465398498, 20] {
            edges += [t, t.nextUp, t.nextDown, -t, -t.nextUp, -t.nextDown]
        }
        var g = SeededGenerator(seed: seed)
        var xs = edges
        xs.reserveCapacity(edges.count + count)
        let (lo, hi): (Double, Double) = {
            switch f {
            case .exp, .expm1: return (-746, 710)
            case .log: return (0, 4)
            case .log1p: return (-1, 3)
            case .softplus, .sigmoid, .logSigmoid: return (-60, 60)
            case .tanh: return (-20, 20)
            }
        }()
        let positiveOnly = f == .log
        for i in 0..<count {
            if i % 2 == 0 {
                xs.append(lo + (hi - lo) * g.nextDouble())
            } else {
                // Random sign, exponent uniform over the whole range, random mantissa.
                let exponent = UInt64(g.nextInt(below: 2047))
                let mantissa = g.next() & 0x000F_FFFF_FFFF_FFFF
                var x = Double(bitPattern: (exponent << 52) | mantissa)
                if !positiveOnly && g.nextDouble() < 0.5 { x = -x }
                if f == .log1p && x < -1 { x = -1 / (1 - x) }  // keep log1p inside its domain mostly
                xs.append(x)
            }
        }
        return xs
    }

    /// The largest ULP distance of the vector kernel from the reference over `inputs`.
    public static func measure(_ f: VectorKernels.Function, count: Int, seed: UInt64 = 18) -> Report {
        let xs = inputs(f, count: count, seed: seed)
        let ys = VectorKernels.apply(f, xs)
        var worst: UInt64 = 0
        var at = 0.0
        for i in xs.indices {
            let d = ulpDistance(ys[i], reference(f, xs[i]))
            if d > worst {
                worst = d
                at = xs[i]
            }
        }
        return Report(function: f, points: xs.count, maxULP: worst, worstInput: at)
    }
}
