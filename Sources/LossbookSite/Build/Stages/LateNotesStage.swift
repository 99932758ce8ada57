import Foundation

/// Late notes: the notes that were not parsed (unchanged since the last build) but whose page
/// must be made again, or whose passages the search index needs, are parsed now and go through
/// the same per-note passes (`NotePasses`) as the notes parsed up front.
///
/// Reads `changedNotes`, `shards`, `unchangedShards`, `sections`, `documents`, `summaries` and
/// what `NotePasses` reads. Adds those notes to `expanded` and `documents`. Their summaries'
/// diagnostics were already reported; what this expansion finds besides (swiftc gone since, a
/// damaged cache) is reported too, and kept in their summaries, so that no page is written
/// without its errors.
struct LateNotesStage: BuildStage {
    let name = "late notes"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let late = Self.notes(in: context)
        guard !late.isEmpty else { return }
        let found = context.expand(late)
        let passes = try context.notePasses()
        let expanded = context.expanded
        // Their reference and link problems were reported from their summaries' checks.
        let linked = late.concurrentMap { note in
            passes.run(note, expanded[note.relativePath]?.document ?? MarkdownDocument(blocks: [])).document
        }
        for (note, document) in zip(late, linked) { context.documents[note.relativePath] = document }
        for note in late {
            let diagnostics = found.notes[note.relativePath]?.diagnostics ?? []
            let reported = context.summaries[note.relativePath]?.diagnostics ?? []
            context.log.report(contentsOf: diagnostics.filter { !reported.contains($0) })
            context.summaries[note.relativePath]?.diagnostics = diagnostics
        }
        context.log.report(contentsOf: found.unattributed)
        try context.stopIfFailed(strict: false)
    }

    /// The notes without a document whose page is made again, or whose shard is made again
    /// without their passages, in reading order.
    static func notes(in context: BuildContext) -> [SourceNote] {
        let needed = Set(context.changedNotes.map(\.relativePath)
            + context.shards.filter { context.unchangedShards[$0.path] == nil }.flatMap { $0.notes.map(\.relativePath) }
                .filter { context.sections[$0] == nil })
        return context.notes.filter { needed.contains($0.relativePath) && context.documents[$0.relativePath] == nil }
    }
}
