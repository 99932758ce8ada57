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
        /// The threads started (one per node process), each sending to its own.
        var threads = 1
    }
    private let queue = Mutex(Queue())
    /// Requests go to node in batches of at most this size. node idles between two batches
    /// (the answers of one are read before the next is sent), which argues for large ones; the
    /// math stage takes the service's lock between them, which argues for small ones. It rarely
    /// needs to: it works through the pages in the order the prefetcher sends them, behind it.
    /// With 400, node sat idle about a tenth of a second per 1000 pages.
    /// With a second node process, a batch in flight on one is waited for by the math stage
    /// when it needs one of its formulas, which argues for smaller batches than with one.
    private let batchSize = 600

    /// The service's counts when the prefetcher started (a `serve` session's service counts
    /// across builds).
    private let before: RenderStatistics

    init(service: RenderService) {
        self.service = service
        before = service.statistics
        start(lane: 0)
    }

    /// Whether a second node process would pay: the formulas so far were mostly new to KaTeX
    /// (three in four or more), so node, not the build, is the longest path. With half of them
    /// repeated, the build's own work is, and a second process only took CPU from it: cold
    /// builds of 1,021 pages were 6 % faster with no repeats and 10 % slower with half.
    private var rendersMostly: Bool {
        let now = service.statistics
        let rendered = now.mathRendered - before.mathRendered
        let answered = rendered + (now.mathCacheHits - before.mathCacheHits) + (now.mathDeduplicated - before.mathDeduplicated)
        return answered >= batchSize && rendered * 4 >= answered * 3
    }

    private func start(lane: Int) {
        let thread = Thread { [self] in run(lane: lane) }
        thread.name = "lossbook prefetch \(lane + 1)"
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
        let threads = queue.withLock { queue in
            queue.cancelled = true
            return queue.threads
        }
        for _ in 0..<threads { wake.signal() }
        for _ in 0..<threads { stopped.wait() }
    }

    /// Sends batches to node process `lane` until cancelled. The first thread starts a second
    /// (with a node process of its own) when it leaves a whole batch queued behind the one it
    /// takes and the formulas are mostly new (`rendersMostly`): a cold build whose formulas
    /// KaTeX renders more slowly than the notes are parsed. A second process takes about 0.1 s
    /// of CPU to start, which an edit never pays.
    private func run(lane: Int) {
        defer { stopped.signal() }
        while true {
            wake.wait()
            while true {
                let (formulas, blocks, stop, second, left) = queue.withLock { queue -> ([MathRequest], [CodeRequest], Bool, Bool, Bool) in
                    let formulas = Array(queue.math.prefix(batchSize))
                    queue.math.removeFirst(formulas.count)
                    let blocks = queue.code
                    queue.code.removeAll()
                    let second = !queue.cancelled && queue.threads < RenderService.laneCount && queue.math.count >= batchSize
                        && rendersMostly
                    if second { queue.threads += 1 }
                    return (formulas, blocks, queue.cancelled, second, !queue.math.isEmpty)
                }
                if stop { return }
                if second { start(lane: 1) }
                // What this batch left queued is for the other thread, if it waits.
                if left { wake.signal() }
                if formulas.isEmpty && blocks.isEmpty { break }
                do {
                    if !formulas.isEmpty { _ = try service.renderMath(formulas, lane: lane) }
                    if !blocks.isEmpty { _ = try service.highlight(blocks, lane: lane) }
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
