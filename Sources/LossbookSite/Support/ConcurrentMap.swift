import Dispatch
import Foundation

extension Array {
    /// `map` with the elements spread over the machine's cores, results in the input's order.
    /// For the per-page stages, whose pages need nothing from each other: parsing, checking
    /// references and links, and templating each take a thousand-page course tens to hundreds of
    /// milliseconds on one core.
    ///
    /// `sparing` cores are left alone: node renders formulas on one while the build parses and
    /// templates, and it is the longest path of a cold build, so it should not have to share.
    func concurrentMap<Result>(sparing spared: Int = 0, _ transform: (Element) -> Result) -> [Result] {
        let workers = Swift.min(count, Swift.max(1, ProcessInfo.processInfo.activeProcessorCount - spared))
        guard workers > 1 else { return map(transform) }
        var results = [Result?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSlots(buffer: buffer)
            withoutActuallyEscaping(transform) { transform in
                let work = UnsafeWork(transform: transform)
                self.withUnsafeBufferPointer { elements in
                    let input = UnsafeInput(buffer: elements)
                    let total = elements.count
                    // Each worker takes every `workers`-th element, so the work stays even.
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        for index in stride(from: worker, to: total, by: workers) {
                            slots.buffer[index] = work.transform(input.buffer[index])
                        }
                    }
                }
            }
        }
        return results.map { $0! }
    }
}

// Each iteration writes only its own slots and reads only its own elements, and
// `concurrentPerform` returns after all of them: sharing these across threads is safe.
private struct UnsafeSlots<Result>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result?>
}

private struct UnsafeInput<Element>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Element>
}

private struct UnsafeWork<Element, Result>: @unchecked Sendable {
    let transform: (Element) -> Result
}
