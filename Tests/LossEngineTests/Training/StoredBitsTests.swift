import LossEngine
import XCTest

/// The training kit gives the same bits in every build of one kind: `make test` runs the suite
/// optimised (`swift test -c release`), a filtered `swift test` runs it unoptimised, and `make
/// site` computes the committed course with a release build. Swift does not contract a·b + c into
/// a fused multiply-add on its own, each vector lane rounds as the scalar operation would, and
/// the exp and log kernels fuse exactly where the build says so (`VectorKernels.fuseMultiplyAdd`:
/// `make`'s Haswell build and arm64 do, a generic x86-64 build does not), so the numbers must not
/// depend on the optimiser; these fingerprints, stored once for each kind of build (and checked
/// in debug and release when they were stored), catch it if they ever do: a compiler change, a
/// flag, a kernel rewritten with another order of operations. The tanh kernel does not use the
/// fused steps, and the lab computes its NLL with scalar functions, so their bits are the same in
/// both kinds. Public API only, as a course's code sees it.
final class StoredBitsTests: XCTestCase {
    private let fused = VectorKernels.fuseMultiplyAdd

    func testVectorTanhBits() {
        XCTAssertEqual(StoredBits.tanh(), "6a0e41a90d0e89f2")
    }

    func testTrainedNetworkBits() throws {
        XCTAssertEqual(try StoredBits.trainer(), fused ? "bcda8228601f7f35" : "ca6d4dfcc3a195c5")
    }

    func testMultiOutputLabBits() throws {
        XCTAssertEqual(try StoredBits.multiOutputLab(), "26f7a7cee5dab210")
    }
}

/// The fingerprinted computations.
enum StoredBits {
    /// FNV-1a (64 bits) of the values' bit patterns, as hex.
    static func fingerprint(_ values: [Double]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            var bits = value.bitPattern
            for _ in 0..<8 {
                hash = (hash ^ (bits & 0xff)) &* 0x0000_0100_0000_01b3
                bits >>= 8
            }
        }
        return String(hash, radix: 16)
    }

    /// The activation's tanh (the vector kernel on one lane, as the hidden layer runs it on four)
    /// over 20,000 seeded points across both of its branches and past 20.
    static func tanh() -> String {
        var g = SeededGenerator(seed: 2026)
        return fingerprint((0..<20_000).map { _ in Activation.tanh.value((g.nextDouble() - 0.5) * 44) })
    }

    /// A tanh network trained by `Trainer` (forward, catalog loss, backward, Adam, mini-batches).
    static func trainer() throws -> String {
        var g = SeededGenerator(seed: 3)
        let x = try Tensor(shape: [48, 2], data: (0..<96).map { _ in g.nextNormal() })
        let target = (0..<48).map { i in EngineValue.number(x.data[2 * i] * 0.5 - x.data[2 * i + 1] > 0 ? 1 : 0) }
        var model = MLP(features: 2, hidden: 9, outputs: 1, activation: .tanh, seed: 11)
        _ = try Trainer.train(&model, x: x, target: .array(target), loss: "bce_with_logits", optimizer: Adam(learningRate: 0.05),
                              steps: 150, batchSize: 16, seed: 4)
        return fingerprint(model.parameters)
    }

    /// Every field of the course's multi-output lab (tanh units, Gaussian NLL, Adam), in key order.
    static func multiOutputLab() throws -> String {
        let result = try ExperimentCatalog.run("multi-output-scales", seed: 13)
        return fingerprint(result.fields.sorted { $0.key < $1.key }.map(\.value))
    }
}
