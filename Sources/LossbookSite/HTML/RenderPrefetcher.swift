import Foundation
import Synchronization

/// Renders formulas and highlights code on a thread of its own as soon as the build finds them,
/// while the build goes on parsing and checking the course: node is then busy from the first
/// parsed page instead of waiting for the math stage, which finds the results in the service's
/// cache. Only speed depends on it: every result the math stage needs and the prefetcher did not
/// get to is rendered there, and errors (a formula KaTeX rejects, node dying) are reported there.
final class RenderPrefetcher: Sendable {
    private let service: RenderService
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    /// What is waiting to be sent to node, and whether to stop.
    private struct Queue {
        var math: [MathRequest] = []
        var code: [CodeRequest] = []
        var cancelled = false
        /// Requests queued or being rendered; 0 when node waits for more (or cannot render).
        var pending = 0
    }
    private let queue = Mutex(Queue())
    /// Requests go to node in batches of at most this size. node idles between two batches
    /// (the answers of one are read before the next is sent), which argues for large ones; the
    /// math stage takes the service's lock between them, which argues for small ones. It rarely
    /// needs to: it works through the pages in the order the prefetcher sends them, behind it.
    /// With 400, node sat idle about a tenth of a second per 1000 pages.
    private let batchSize = 1500

    init(service: RenderService) {
        self.service = service
        let thread = Thread { [self] in run() }
        thread.name = "lossbook prefetch"
        thread.start()
    }

    /// Queues the formulas and code blocks of a parsed page.
    func add(_ document: MarkdownDocument) {
        let (formulas, blocks) = MathStage.requests(in: document)
        guard !formulas.isEmpty || !blocks.isEmpty else { return }
        queue.withLock { queue in
            guard !queue.cancelled else { return }
            queue.math += formulas
            queue.code += blocks
            queue.pending += formulas.count + blocks.count
        }
        wake.signal()
    }

    /// Whether node has nothing of the prefetcher's to render: its core is free for the build.
    var isIdle: Bool {
        queue.withLock { $0.pending == 0 }
    }

    /// Stops after the batch in progress and waits for it: call before closing the service.
    func cancel() {
        queue.withLock { $0.cancelled = true }
        wake.signal()
        stopped.wait()
    }

    private func run() {
        defer { stopped.signal() }
        while true {
            wake.wait()
            while true {
                let (formulas, blocks, stop) = queue.withLock { queue -> ([MathRequest], [CodeRequest], Bool) in
                    let formulas = Array(queue.math.prefix(batchSize))
                    queue.math.removeFirst(formulas.count)
                    let blocks = queue.code
                    queue.code.removeAll()
                    return (formulas, blocks, queue.cancelled)
                }
                if stop { return }
                if formulas.isEmpty && blocks.isEmpty { break }
                do {
                    if !formulas.isEmpty { _ = try service.renderMath(formulas) }
                    if !blocks.isEmpty { _ = try service.highlight(blocks) }
                    queue.withLock { $0.pending -= formulas.count + blocks.count }
                } catch {
                    // The math stage meets the same error and reports it; node renders no more.
                    queue.withLock { $0.cancelled = true; $0.pending = 0; $0.math = []; $0.code = [] }
                    return
                }
            }
        }
    }
}
