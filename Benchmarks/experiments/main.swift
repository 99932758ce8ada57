// experiments-bench: runs each of the course's seeded experiments (the name and seed pairs the
// notes use) and prints the best-of-N wall time of each, slowest first, with the total.
//
//   swift build -c release --product experiments-bench
//   .build/release/experiments-bench [REPEATS] [--only NAME] [--dump DIR]
//
// Each line gives the best wall time and the best CPU time of the thread that ran it: on a
// shared machine the wall time also counts waiting for a core, the CPU time does not.
// `--dump DIR` also writes each result's full description (every number in shortest round-trip
// form) to DIR/<name>-<seed>.txt, so two builds of the engine can be compared bit for bit with
// `diff -r`. Timing is printed, never asserted.
import Foundation
import LossEngine

/// The experiments as content/ runs them (name, seed).
let courseRuns: [(String, UInt64)] = [
    ("outlier-line", 7), ("skewed-gaussian", 11), ("variance-collapse", 3), ("heteroscedastic", 7),
    ("label-noise", 17), ("class-imbalance", 21), ("class-imbalance", 33), ("sigmoid-mse-vs-bce", 2),
    ("softmax-saturation", 9), ("label-smoothing", 4), ("multi-output-scales", 11), ("multi-output-scales", 13),
    ("priors-map", 7),
]

var arguments = Array(CommandLine.arguments.dropFirst())
var dumpFolder: URL?
if let i = arguments.firstIndex(of: "--dump"), i + 1 < arguments.count {
    dumpFolder = URL(fileURLWithPath: arguments[i + 1], isDirectory: true)
    arguments.removeSubrange(i...(i + 1))
}
var only: String?
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count {
    only = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
let repeats = max(Int(arguments.first ?? "") ?? 3, 1)

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// CPU time of the whole process, ns (an experiment may use more than one thread).
func cpuNow() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

if let dumpFolder {
    try FileManager.default.createDirectory(at: dumpFolder, withIntermediateDirectories: true)
}
var timings: [(String, Double, Double)] = []
do {
    for (name, seed) in courseRuns where only == nil || only == name {
        var best = UInt64.max, bestCPU = UInt64.max
        var result: ExperimentResult?
        for _ in 0..<repeats {
            let t0 = now(), c0 = cpuNow()
            result = try ExperimentCatalog.run(name, seed: seed)
            best = min(best, now() - t0)
            bestCPU = min(bestCPU, cpuNow() - c0)
        }
        timings.append(("\(name) (seed \(seed))", Double(best) / 1e6, Double(bestCPU) / 1e6))
        if let dumpFolder, var result {
            // The fields one per line in key order (a dictionary prints in a per-process order).
            let fields = result.fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            result.fields = [:]
            let text = ([String(reflecting: result)] + fields).joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: dumpFolder.appendingPathComponent("\(name)-\(seed).txt"))
        }
    }
} catch {
    FileHandle.standardError.write(Data("experiments-bench: \(error)\n".utf8))
    exit(1)
}
print("best of \(repeats) run(s)\n   wall ms     CPU ms")
for (label, wall, cpu) in timings.sorted(by: { $0.1 > $1.1 }) {
    print(String(format: "%10.1f %10.1f  %@", wall, cpu, label))
}
print(String(format: "%10.1f %10.1f  total", timings.reduce(0) { $0 + $1.1 }, timings.reduce(0) { $0 + $1.2 }))
