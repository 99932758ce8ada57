/// The engine's vectorised elementwise functions over whole arrays (four doubles at a time,
/// scalar tail through the same lane code). Each function's accuracy contract and domain
/// handling is documented on its lane kernel in ``VectorMath``; the maximum errors promised
/// there are checked against glibc by `VectorKernelAccuracyTests` (a seeded sweep in the unit
/// suite) and by `engine-bench accuracy` (10⁷ points per function, release build, run by
/// `make bench-engine`).
public enum VectorKernels {
    /// The functions available, by name.
    public enum Function: String, CaseIterable, Sendable {
        case exp, expm1, log, log1p, softplus, sigmoid, logSigmoid = "log_sigmoid", tanh
    }

    /// f applied to every element of x.
    public static func apply(_ f: Function, _ x: [Double]) -> [Double] {
        [Double](unsafeUninitializedCapacity: x.count) { out, initialized in
            x.withUnsafeBufferPointer { input in
                switch f {
                case .exp: mapLanes(input, out, VectorMath.exp)
                case .expm1: mapLanes(input, out, VectorMath.expm1)
                case .log: mapLanes(input, out, VectorMath.log)
                case .log1p: mapLanes(input, out, VectorMath.log1p)
                case .softplus: mapLanes(input, out, VectorMath.softplus)
                case .sigmoid: mapLanes(input, out, VectorMath.sigmoid)
                case .logSigmoid: mapLanes(input, out, VectorMath.logSigmoid)
                case .tanh: mapLanes(input, out, VectorMath.tanh)
                }
            }
            initialized = x.count
        }
    }

    /// log softmax of every row of an N×K row-major array: (x − m) − log Σ e^{x − m} per row
    /// (the maximum is subtracted before the normaliser, never added back; see
    /// ``StableMath/logSoftmax(_:)``). Rows must be non-empty; K = `width`.
    public static func logSoftmaxRows(_ x: [Double], width: Int) -> [Double] {
        precondition(width > 0 && x.count % width == 0, "logSoftmaxRows: width must divide the count")
        var out = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { o in
                var start = 0
                while start < input.count {
                    let row = UnsafeBufferPointer(rebasing: input[start..<(start + width)])
                    let norm = VectorRow.normaliser(row)
                    for j in 0..<width { o[start + j] = norm.logProbability(of: row[j]) }
                    start += width
                }
            }
        }
        return out
    }
}
