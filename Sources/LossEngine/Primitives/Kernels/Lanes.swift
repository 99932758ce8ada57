/// The vector width of the engine's kernels: four doubles (one AVX2 register; two SSE2
/// registers in a generic x86-64 build, still correct, about half the speed).
///
/// Every kernel is written once over `Lanes` and once as a scalar call of the same code on a
/// splatted vector, so an element's result never depends on whether it fell in a full vector or
/// in the tail (the lane-independence tests check this).
typealias Lanes = SIMD4<Double>
typealias LaneBits = SIMD4<Int64>
typealias LaneMask = SIMDMask<SIMD4<Int64>>

/// Whether the exp and log kernels fuse a·b + c into one operation with one rounding: yes where
/// the build has the instruction (the Makefile passes `-DLOSSBOOK_FMA` with the Haswell level on
/// x86-64, AVX2 + FMA3; every arm64 core has it), no in a generic x86-64 build (SSE2), where
/// each fused lane would be a library call. A fused multiply-add is exactly specified, so every
/// build that fuses gives the same bits; one that does not can differ from them in the last bit
/// of a result, each within the kernels' accuracy contracts. Fusing shortens the kernels'
/// dependency chains and removes a fifth of their arithmetic (README, "Seventh round").
#if LOSSBOOK_FMA || arch(arm64)
let lanesFuseMultiplyAdd = true

/// a·b + c, fused: one rounding (see ``lanesFuseMultiplyAdd``).
@_transparent
func mulAdd(_ a: Lanes, _ b: Lanes, _ c: Lanes) -> Lanes { c.addingProduct(a, b) }
#else
let lanesFuseMultiplyAdd = false

/// a·b + c as a product and a sum, each rounded (see ``lanesFuseMultiplyAdd``).
@_transparent
func mulAdd(_ a: Lanes, _ b: Lanes, _ c: Lanes) -> Lanes { a * b + c }
#endif

extension VectorKernels {
    /// Whether this build's exp and log kernels fuse multiply-adds (see `lanesFuseMultiplyAdd`):
    /// results of a build that does and one that does not can differ in the last bit.
    public static var fuseMultiplyAdd: Bool { lanesFuseMultiplyAdd }
}

@_transparent
func mulAdd(_ a: Lanes, _ b: Double, _ c: Double) -> Lanes {
    mulAdd(a, Lanes(repeating: b), Lanes(repeating: c))
}

@_transparent
func mulAdd(_ a: Lanes, _ b: Double, _ c: Lanes) -> Lanes {
    mulAdd(a, Lanes(repeating: b), c)
}

extension SIMD4 where Scalar == Double {
    /// The IEEE bit patterns of the lanes.
    @inline(__always)
    var bits: LaneBits { unsafeBitCast(self, to: LaneBits.self) }

    /// Lanes from IEEE bit patterns.
    @inline(__always)
    init(bits: LaneBits) { self = unsafeBitCast(bits, to: Lanes.self) }

    /// NaN lanes.
    @inline(__always)
    var isNaNMask: LaneMask { self .!= self }
}

/// Applies a lane kernel to a whole buffer: full vectors, then the tail one element at a time
/// through the same kernel (splatted), so tail elements get bit-identical results.
@inline(__always)
func mapLanes(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>,
              _ kernel: (Lanes) -> Lanes) {
    let n = x.count
    var i = 0
    while i + 4 <= n {
        let v = Lanes(x[i], x[i + 1], x[i + 2], x[i + 3])
        let r = kernel(v)
        out[i] = r[0]; out[i + 1] = r[1]; out[i + 2] = r[2]; out[i + 3] = r[3]
        i += 4
    }
    while i < n {
        out[i] = kernel(Lanes(repeating: x[i]))[0]
        i += 1
    }
}

extension UnsafePointer where Pointee == Double {
    /// Four doubles starting at element i, as one (unaligned) vector load.
    @inline(__always)
    func lanes(at i: Int) -> Lanes {
        UnsafeRawPointer(self + i).loadUnaligned(as: Lanes.self)
    }
}

extension UnsafeMutablePointer where Pointee == Double {
    /// Stores four doubles starting at element i (unaligned vector store).
    @inline(__always)
    func store(_ v: Lanes, at i: Int) {
        UnsafeMutableRawPointer(self + i).storeBytes(of: v, as: Lanes.self)
    }
}

extension SIMD4 where Scalar == Double {
    /// The sum of the lanes in a fixed order, (a + b) + (c + d), so totals do not depend on
    /// how the compiler reassociates.
    @inline(__always)
    var laneSum: Double { (self[0] + self[1]) + (self[2] + self[3]) }
}

extension UnsafeMutableBufferPointer where Element == Double {
    /// The start of a non-empty buffer, nil for an empty one (an empty array's buffer can still
    /// have a base address, so `baseAddress` alone does not say "no output wanted").
    var startIfAny: UnsafeMutablePointer<Double>? { isEmpty ? nil : baseAddress }
}
