import Foundation
import LossEngineEval
#if canImport(Glibc)
import Glibc
#endif

/// Reads lines from a file descriptor without ever holding more than `limit` bytes of one line.
///
/// `readLine()` buffers a whole line however long it is, so `lossbook eval --jsonl` fed a
/// 10 GB line without a newline would take 10 GB of memory before answering. This reader keeps
/// at most `limit` bytes; a longer line is skipped to its newline and reported by its length.
struct BoundedLineReader: Sequence, IteratorProtocol {
    /// A line's text, or only its length in bytes (without the newline) when over the limit.
    typealias Line = EvalProtocol.Input

    let descriptor: Int32
    let limit: Int
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var chunkStart = 0
    private var chunkEnd = 0
    private var finished = false

    init(descriptor: Int32 = STDIN_FILENO, limit: Int) {
        self.descriptor = descriptor
        self.limit = limit
    }

    /// The next line without its "\n" (and without a "\r" before it), or nil at the end of input.
    mutating func next() -> Line? {
        var line: [UInt8] = []
        var length = 0
        var sawAnything = false
        while true {
            if chunkStart == chunkEnd {
                guard refill() else { break }
            }
            sawAnything = true
            let (start, end) = (chunkStart, chunkEnd)
            let newline: Int? = chunk.withUnsafeBufferPointer { buffer in
                memchr(buffer.baseAddress! + start, Int32(UInt8(ascii: "\n")), end - start)
                    .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - buffer.baseAddress! }
            }
            if let newline {
                take(chunk[start..<newline], into: &line, length: &length)
                chunkStart = newline + 1
                return finish(line, length: length)
            }
            take(chunk[start..<end], into: &line, length: &length)
            chunkStart = end
        }
        return sawAnything ? finish(line, length: length) : nil
    }

    private func take(_ bytes: ArraySlice<UInt8>, into line: inout [UInt8], length: inout Int) {
        length += bytes.count
        guard line.count <= limit else { return }  // past the limit only the length counts
        line.append(contentsOf: bytes.prefix(limit + 1 - line.count))
    }

    private func finish(_ line: [UInt8], length: Int) -> Line {
        var line = line
        var length = length
        if line.last == UInt8(ascii: "\r"), length == line.count { line.removeLast(); length -= 1 }
        guard length <= limit else { return .tooLong(bytes: length) }
        return .text(String(decoding: line, as: UTF8.self))
    }

    private mutating func refill() -> Bool {
        guard !finished else { return false }
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { finished = true; return false }
            chunkStart = 0
            chunkEnd = count
            return true
        }
    }
}
