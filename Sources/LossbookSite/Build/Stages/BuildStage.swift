/// One step of the build, in the spirit of mdBook's preprocessors and renderers: a stage reads
/// what the stages before it left in the shared `BuildContext` and adds its own, reporting
/// problems to the context's one `DiagnosticLog`. Each stage's doc comment says what it reads
/// and what it adds; `SiteBuilder.stages` puts them in order, and `docs/architecture.md` lists them.
protocol BuildStage {
    /// How `--verbose` and the progress line name the stage.
    var name: String { get }
    /// Throws when the build cannot go on (an error is already in the log, or the stage's own
    /// failure); the output folder is then left as it was.
    func run(_ context: inout BuildContext) throws(BuildFailure)
}

extension BuildContext {
    /// Stops the build when an error (or, for `strict`, a warning) is in the log.
    func stopIfFailed(strict: Bool) throws(BuildFailure) {
        if log.hasFatal(strict: strict) { throw BuildFailure(log.sorted(strict: options.strict)) }
    }

    /// A value an earlier stage adds; missing only if the stages were put in the wrong order,
    /// which is a bug of lossbook, reported as an error rather than a crash.
    func required<Value>(_ value: Value?, from stage: String) throws(BuildFailure) -> Value {
        guard let value else {
            throw BuildFailure([.error(.internalStageOrder, at: nil,
                                       "internal error: a stage ran before '\(stage)', which it needs; please report this")])
        }
        return value
    }
}
