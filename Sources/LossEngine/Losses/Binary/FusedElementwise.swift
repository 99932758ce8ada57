/// The buffers of a fused elementwise loss over (input, target) of one count, shared by the BCE
/// and focal losses: a fresh gradient buffer, per-element values when the reduction keeps them,
/// and the kernel's sum of the values. The kernel gets plain pointers (vector loads and stores,
/// no bounds checks); the counts have been checked equal and non-zero before.
enum FusedElementwise {
    typealias Kernel = (_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ count: Int,
                        _ gradient: UnsafeMutablePointer<Double>, _ items: UnsafeMutablePointer<Double>?) -> Double

    @inline(__always)
    static func run(input: [Double], target: [Double], keepItems: Bool,
                    _ kernel: Kernel) -> (gradient: [Double], items: [Double], total: Double) {
        let n = input.count
        precondition(n > 0 && target.count == n, "FusedElementwise: counts are checked by the loss")
        var items = [Double](repeating: 0, count: keepItems ? n : 0)
        var total = 0.0
        let gradient = [Double](unsafeUninitializedCapacity: n) { g, initialized in
            input.withUnsafeBufferPointer { x in
                target.withUnsafeBufferPointer { y in
                    items.withUnsafeMutableBufferPointer { it in
                        total = kernel(x.baseAddress!, y.baseAddress!, n, g.baseAddress!, it.startIfAny)
                    }
                }
            }
            initialized = n
        }
        return (gradient, items, total)
    }
}
