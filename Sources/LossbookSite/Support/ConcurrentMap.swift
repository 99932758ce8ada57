import Dispatch
import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// `map` with the elements spread over the machine's cores, results in the input's order.
    /// For the per-page stages, whose pages need nothing from each other: parsing, checking
    /// references and links, and templating each take a thousand-page course tens to hundreds of
    /// milliseconds on one core.
    ///
    /// The closure runs on several threads at once, so it must be `@Sendable`: the compiler then
    /// checks that it captures nothing mutable that another thread could see (a captured `var`, a
    /// class without a lock), which is how races in per-page work would otherwise go unseen.
    ///
    /// `sparing` cores are left alone: node renders formulas on one while the build parses and
    /// templates, and it is the longest path of a cold build, so it should not have to share.
    func concurrentMap<Result: Sendable>(sparing spared: Int = 0, _ transform: @Sendable (Element) -> Result) -> [Result] {
        let workers = Swift.min(count, Swift.max(1, ProcessInfo.processInfo.activeProcessorCount - spared))
        guard workers > 1 else { return map(transform) }
        let elements = self
        let results = Mutex([Result?](repeating: nil, count: count))
        // Each worker takes every `workers`-th element, so the work stays even. The transform runs
        // outside the lock; only storing its result takes it.
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: elements.count, by: workers) {
                let result = transform(elements[index])
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { slots in slots.map { $0! } }
    }

    /// `concurrentMap(sparing:)` whose spared cores are lent while `lent()` says they are free:
    /// node has a core to itself while it renders, but when it waits for the next formulas (most
    /// of the time when most formulas repeat) the build takes that core too. Elements are handed
    /// out one at a time, so a worker that joins late takes its share of what is left; results
    /// keep the input's order whichever worker made them.
    func concurrentMap<Result: Sendable>(sparing spared: Int, lentWhile lent: @Sendable () -> Bool,
                                         _ transform: @Sendable (Element) -> Result) -> [Result] {
        let workers = Swift.min(count, Swift.max(1, ProcessInfo.processInfo.activeProcessorCount))
        guard workers > 1 else { return map(transform) }
        let steady = Swift.max(1, workers - spared)
        let elements = self
        let results = Mutex([Result?](repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while true {
                // A lent worker waits (1 ms at a time) while the core it would take is busy.
                if worker >= steady, !lent() {
                    if next.load(ordering: .relaxed) >= elements.count { return }
                    usleep(1000)
                    continue
                }
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < elements.count else { return }
                let result = transform(elements[index])
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { slots in slots.map { $0! } }
    }
}
