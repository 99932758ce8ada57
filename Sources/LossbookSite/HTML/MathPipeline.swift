import Foundation
import Synchronization

/// Renders the formulas and code of chunks of pages on its own thread, so that the build can
/// template one chunk while node renders the next: KaTeX keeps one core busy for most of a cold
/// build, and templating would otherwise wait for all of it. The thread only talks to node; the
/// results are written into the pages by the caller (`MathStage.apply`), so node is not left
/// idle between chunks.
///
/// Chunks are rendered in order; `result(_:)` waits for one. After a chunk fails (node died,
/// a renderer error), the rest fail with the same error without being rendered.
final class MathPipeline: Sendable {
    typealias ChunkResult = Result<MathStage.Rendered, Error>

    private let results: Mutex<[ChunkResult?]>
    private let count: Int
    private let ready: [DispatchSemaphore]

    init(service: RenderService, chunks: [[MathStage.Page]]) {
        results = Mutex(Array(repeating: nil, count: chunks.count))
        count = chunks.count
        ready = chunks.map { _ in DispatchSemaphore(value: 0) }
        guard !chunks.isEmpty else { return }
        let thread = Thread { [self] in
            var failure: Error?
            for (index, chunk) in chunks.enumerated() {
                let result: ChunkResult
                if let failure {
                    result = .failure(failure)
                } else {
                    result = Result { try MathStage(service: service).render(chunk) }
                    if case .failure(let error) = result { failure = error }
                }
                results.withLock { $0[index] = result }
                ready[index].signal()
            }
        }
        thread.name = "lossbook math"
        thread.start()
    }

    /// Whether chunk `index` is rendered already (true past the last chunk): when the next chunk
    /// is not, node is still busy and should keep a core to itself.
    func isReady(_ index: Int) -> Bool {
        index >= count || results.withLock { $0[index] != nil }
    }

    /// What node made of chunk `index`.
    func result(_ index: Int) -> ChunkResult {
        ready[index].wait()
        ready[index].signal()  // a second call returns at once
        return results.withLock { $0[index]! }
    }
}
