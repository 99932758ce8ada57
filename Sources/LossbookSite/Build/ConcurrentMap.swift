import Dispatch

extension Array {
    /// `map` with the elements spread over the machine's cores, results in the input's order.
    /// For the per-page stages, whose pages need nothing from each other: parsing, checking
    /// references and links, and templating each take a thousand-page course tens to hundreds of
    /// milliseconds on one core.
    func concurrentMap<Result>(_ transform: (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        var results = [Result?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSlots(buffer: buffer)
            withoutActuallyEscaping(transform) { transform in
                let work = UnsafeWork(transform: transform)
                self.withUnsafeBufferPointer { elements in
                    let input = UnsafeInput(buffer: elements)
                    DispatchQueue.concurrentPerform(iterations: count) { index in
                        slots.buffer[index] = work.transform(input.buffer[index])
                    }
                }
            }
        }
        return results.map { $0! }
    }
}

// Each iteration writes only its own slot and reads only its own element, and
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
