// engine-bench: value + gradient of mse, huber, bce_with_logits, focal, gaussian_nll (10^6
// elements), cross_entropy and cross_entropy_smoothed (label smoothing 0.1; 10^5 × 10 logits) through the typed LossEngine API. Prints one JSON object per loss with the
// best-of-N wall time in ns per element, the best-of-N CPU time of the thread (on a loaded
// machine the wall time includes time spent preempted; the CPU time does not) and the fewest
// minor page faults of one call.
// Usage: engine-bench [REPEATS] [LOSS ...] (default: every loss). Run through
// Benchmarks/engine/run.sh, which also times numpy and JAX on the same data sizes and prints the ratio.
import Foundation
import LossEngine

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// CPU time of the calling thread in ns.
func threadCPU() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

/// Minor page faults of the process so far (first touches of freshly mapped memory: the
/// outputs a call allocates, when the allocator returned them to the system in between).
func minorFaults() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_minflt
}

func best(_ repeats: Int, _ body: () throws -> Double) rethrows -> (ns: Double, cpu: Double, faults: Int, sink: Double) {
    var bestTime = UInt64.max
    var bestCPU = UInt64.max
    var fewestFaults = Int.max
    var sink = 0.0
    for _ in 0..<repeats {
        let f0 = minorFaults()
        let c0 = threadCPU()
        let t0 = now()
        sink += try body()
        let t1 = now()
        let c1 = threadCPU()
        bestTime = min(bestTime, t1 - t0)
        bestCPU = min(bestCPU, c1 - c0)
        fewestFaults = min(fewestFaults, minorFaults() - f0)
    }
    return (Double(bestTime), Double(bestCPU), fewestFaults, sink)
}

// `engine-bench accuracy [POINTS]`: the vector kernels against glibc, POINTS (default 10⁷)
// seeded points per function; exits 1 if a function exceeds its promised maximum ULP error.
if CommandLine.arguments.dropFirst().first == "accuracy" {
    let points = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 10_000_000
    var failed = false
    print("function      points  max ULP  promised  worst input")
    for f in VectorKernels.Function.allCases {
        let r = KernelAccuracy.measure(f, count: points)
        let promised = KernelAccuracy.promisedULP(f)
        failed = failed || r.maxULP > promised
        let name = f.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
        print("\(name) \(r.points)  \(r.maxULP)  \(promised)  \(r.worstInput)")
    }
    exit(failed ? 1 : 0)
}

// Keep freed memory in the process: glibc otherwise returns the 8 MB outputs to the system
// depending on its dynamic mmap and trim thresholds, so whether a loss's calls page-fault (up
// to ~4,000 faults and 5–10 ns per element) depended on which losses ran before it.
// (glibc's mallopt, looked up at run time: the Glibc module does not import malloc.h;
// M_TRIM_THRESHOLD = −1, M_MMAP_THRESHOLD = −3 there.)
if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    _ = mallopt(-3, 512 << 20)
    _ = mallopt(-1, 1 << 30)
}

let n = 1_000_000
let rows = 100_000, classes = 10
let repeats = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 15
let only = Set(CommandLine.arguments.dropFirst(2))
var g = SeededGenerator(seed: 7)
let x = (0..<n).map { _ in g.nextNormal() * 3 }
let y = (0..<n).map { _ in g.nextNormal() }
let bits = (0..<n).map { _ in g.nextDouble() < 0.5 ? 0.0 : 1.0 }
let logits = try Tensor(shape: [rows, classes], data: (0..<(rows * classes)).map { _ in g.nextNormal() * 2 })
let labels = (0..<rows).map { _ in g.nextInt(below: classes) }

let variance = (0..<n).map { _ in 0.5 + 1.5 * g.nextDouble() }

var results: [(String, Double, Double, Int, Double)] = []
do {
    func time(_ name: String, count: Int, _ body: () throws -> LossOutput) throws {
        if !only.isEmpty && !only.contains(name) { return }
        let r = try best(repeats) {
            let out = try body()
            return out.value + out.gradients.values.reduce(0) { $0 + $1[0] }
        }
        results.append((name, r.ns / Double(count), r.cpu / Double(count), r.faults, r.sink))
    }
    try time("mse", count: n) { try Losses.mse(input: x, target: y) }
    try time("huber", count: n) { try Losses.huber(input: x, target: y) }
    try time("bce_with_logits", count: n) { try Losses.bceWithLogits(input: x, target: bits) }
    try time("focal", count: n) { try Losses.focal(input: x, target: bits) }
    try time("cross_entropy", count: rows * classes) { try Losses.crossEntropy(input: logits, target: .indices(labels)) }
    try time("cross_entropy_smoothed", count: rows * classes) {
        try Losses.crossEntropy(input: logits, target: .indices(labels), labelSmoothing: 0.1)
    }
    try time("gaussian_nll", count: n) { try Losses.gaussianNLL(input: x, target: y, variance: variance) }
} catch {
    FileHandle.standardError.write(Data("engine-bench: \(error)\n".utf8))
    exit(1)
}
for (name, ns, cpu, faults, sink) in results {
    print("{\"loss\": \"\(name)\", \"ns_per_element\": \(ns), \"cpu_ns_per_element\": \(cpu), \"faults_per_call\": \(faults), \"check\": \(sink.isFinite)}")
}
