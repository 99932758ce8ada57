/// One experiment of the catalog: its name, a one-line description and the function that runs it.
struct ExperimentEntry: Sendable {
    let name: String
    let description: String
    /// About how long one run takes, in milliseconds of CPU (release build, `experiments-bench`,
    /// 2026-12-07): only the order in which a build starts experiments depends on it, never a
    /// result. The heteroscedastic lab is 93 % of the course's experiments.
    let cost: Int
    let run: @Sendable (UInt64) throws -> ExperimentResult
}

/// The course's seeded experiments, run through the engine's own losses at build time.
///
/// Each experiment is deterministic for its seed (data, initialisation and any shuffling come
/// from ``SeededGenerator``), small (tens to a few hundred points, at most a few thousand cheap
/// steps) and finishes well under a second in a debug build. One experiment per file in this
/// folder; each file's doc comment lists the fields of its result.
public enum ExperimentCatalog {
    static let entries: [ExperimentEntry] = [
        ExperimentEntry(name: OutlierLine.name, description: OutlierLine.description, cost: 2, run: OutlierLine.run),
        ExperimentEntry(name: SkewedGaussian.name, description: SkewedGaussian.description, cost: 2, run: SkewedGaussian.run),
        ExperimentEntry(name: VarianceCollapse.name, description: VarianceCollapse.description, cost: 3, run: VarianceCollapse.run),
        ExperimentEntry(name: Heteroscedastic.name, description: Heteroscedastic.description, cost: 1860, run: Heteroscedastic.run),
        ExperimentEntry(name: LabelNoise.name, description: LabelNoise.description, cost: 6, run: LabelNoise.run),
        ExperimentEntry(name: ClassImbalance.name, description: ClassImbalance.description, cost: 19, run: ClassImbalance.run),
        ExperimentEntry(name: SigmoidMSEvsBCE.name, description: SigmoidMSEvsBCE.description, cost: 5, run: SigmoidMSEvsBCE.run),
        ExperimentEntry(name: SoftmaxSaturation.name, description: SoftmaxSaturation.description, cost: 7, run: SoftmaxSaturation.run),
        ExperimentEntry(name: LabelSmoothing.name, description: LabelSmoothing.description, cost: 9, run: LabelSmoothing.run),
        ExperimentEntry(name: MultiOutputScales.name, description: MultiOutputScales.description, cost: 15, run: MultiOutputScales.run),
        ExperimentEntry(name: PriorsMAP.name, description: PriorsMAP.description, cost: 43, run: PriorsMAP.run),
    ]

    /// Every experiment name, in course order.
    public static var names: [String] { entries.map(\.name) }

    /// The experiments' order from the most to the least expensive to run (their `cost`), for
    /// a build that starts the long ones first: 0 for the most expensive; unknown names last.
    public static func costRank(_ name: String) -> Int {
        let ranked = entries.enumerated().sorted { $0.element.cost != $1.element.cost ? $0.element.cost > $1.element.cost : $0.offset < $1.offset }
        return ranked.firstIndex { $0.element.name == name } ?? entries.count
    }

    /// One line describing the experiment, for listings; nil for an unknown name.
    public static func describe(_ name: String) -> String? {
        entries.first { $0.name == name }?.description
    }

    /// Runs experiment `name` with `seed`.
    ///
    /// - Throws: ``LossError/invalidArgument(argument:reason:)`` (argument `experiment`) for an
    ///   unknown name, listing the known ones; any ``LossError`` from the engine (none is expected).
    public static func run(_ name: String, seed: UInt64) throws -> ExperimentResult {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw LossError.invalidArgument(
                argument: "experiment",
                reason: "unknown experiment '\(name)' (known: \(names.joined(separator: ", ")))")
        }
        return try entry.run(seed)
    }
}
