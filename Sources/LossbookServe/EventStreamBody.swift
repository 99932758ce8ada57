import FlyingFox
import FlyingSocks

/// Adapts a stream of byte chunks to the buffered byte sequence FlyingFox streams a response body
/// from (with chunked transfer encoding, as the length is unknown). The response ends when the
/// stream finishes.
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8

    let chunks: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator {
        Iterator(base: chunks.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            guard await fill() else { return nil }
            return pending.popFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            guard await fill() else { return nil }
            let buffer = pending.prefix(Swift.max(1, count))
            pending = pending.dropFirst(buffer.count)
            return buffer
        }

        /// Waits for bytes; false when the stream has ended.
        private mutating func fill() async -> Bool {
            while pending.isEmpty {
                guard let chunk = await base.next() else { return false }
                pending = chunk[...]
            }
            return true
        }
    }
}
