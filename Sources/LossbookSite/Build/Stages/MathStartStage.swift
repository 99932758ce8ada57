import Foundation

/// Start math: the formulas and code of the pages made again go to node in chunks of 50 pages,
/// so that node renders a chunk while the build makes the search index and templates the chunk
/// before it. Only pages that are made need KaTeX, and only formulas not in the cache need node.
///
/// Reads `changedNotes`, `documents`, `renderService`. Adds `chunks`, `chunkPages`, `service` and
/// the running `pipeline`; reports a renderer that cannot start.
struct MathStartStage: BuildStage {
    let name = "start math"
    /// Pages per chunk: small enough that templating starts early, large enough that node is
    /// rarely idle between chunks.
    static let chunkSize = 50

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let changed = context.changedNotes
        context.chunks = stride(from: 0, to: changed.count, by: Self.chunkSize).map {
            Array(changed[$0..<min($0 + Self.chunkSize, changed.count)])
        }
        let documents = context.documents
        context.chunkPages = context.chunks.map { chunk in
            chunk.map { MathStage.Page(document: documents[$0.relativePath] ?? MarkdownDocument(blocks: []), displayPath: $0.displayPath) }
        }
        guard !context.chunks.isEmpty else { return }
        do {
            let started = try context.required(context.renderService, from: "parse and directives").get()
            context.service = started
            context.pipeline = MathPipeline(service: started, chunks: context.chunkPages)
        } catch {
            context.log.report(.error(.renderFailed, at: nil, "\(error)"))
        }
    }
}
