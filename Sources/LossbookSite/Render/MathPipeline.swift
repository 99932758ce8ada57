import Foundation

/// Runs the math stage over chunks of pages on its own thread, so that the build can template
/// one chunk while node renders the next: KaTeX keeps one core busy for most of a cold build,
/// and templating would otherwise wait for all of it.
///
/// Chunks are rendered in order; `result(_:)` waits for one. After a chunk fails (node died,
/// a renderer error), the rest fail with the same error without being rendered.
final class MathPipeline: @unchecked Sendable {
    typealias ChunkResult = Result<(documents: [MarkdownDocument], diagnostics: [Diagnostic], formulas: Int), Error>

    private let lock = NSLock()
    private var results: [ChunkResult?]
    private let ready: [DispatchSemaphore]

    init(service: RenderService, chunks: [[MathStage.Page]]) {
        results = Array(repeating: nil, count: chunks.count)
        ready = chunks.map { _ in DispatchSemaphore(value: 0) }
        guard !chunks.isEmpty else { return }
        let thread = Thread { [self] in
            var failure: Error?
            for (index, chunk) in chunks.enumerated() {
                let result: ChunkResult
                if let failure {
                    result = .failure(failure)
                } else {
                    result = Result { try MathStage(service: service).run(chunk) }.map { (documents: $0.0, diagnostics: $0.1, formulas: $0.formulas) }
                    if case .failure(let error) = result { failure = error }
                }
                lock.withLock { results[index] = result }
                ready[index].signal()
            }
        }
        thread.name = "lossbook math"
        thread.start()
    }

    /// The rendered documents of chunk `index` (in the chunk's order) and their diagnostics.
    func result(_ index: Int) -> ChunkResult {
        ready[index].wait()
        ready[index].signal()  // a second call returns at once
        return lock.withLock { results[index]! }
    }
}
