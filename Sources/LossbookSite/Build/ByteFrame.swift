import Foundation

/// A compact framing for the caches an edit reads back on every build (the output manifest, the
/// notes' front matter): unsigned LEB128 integers and length-prefixed UTF-8 strings, read by
/// scanning bytes. `JSONDecoder` spent about a quarter of a one-page edit of a 10,000-page course
/// decoding the manifest; these files are ours alone, so they need neither JSON nor `Codable`.
///
/// A file is a header (a name, a version, the program's identity), the body, then a 64-bit
/// checksum of everything before it (`checksum`: eight bytes a step, where FNV-1a's byte a step
/// cost 40 ms a build on a 12 MB manifest, read and written). A reader that meets anything else (cut short, changed,
/// another version or program) throws `ByteFrame.Malformed`, and its caller uses nothing of it.
enum ByteFrame {
    struct Malformed: Error {}

    /// The most bytes a framed file may have; a larger one is not read (it was not written by us).
    static let maximumBytes = 1 << 30

    /// A checksum against files cut short or damaged (not against someone forging one: the cache
    /// folder is the author's own): each 8-byte word is mixed in with a multiply and a shift, so a
    /// change to any bit of any word changes the result but for a chance of one in 2^64.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        func mix(_ value: UInt64) -> UInt64 {
            var value = value
            value ^= value >> 33
            value = value &* 0xff51_afd7_ed55_8ccd
            value ^= value >> 33
            return value
        }
        var sum: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            sum = mix(sum ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))) &+ 0x9e37_79b9_7f4a_7c15
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
        return mix(mix(sum ^ tail) ^ UInt64(bytes.count))
    }

    struct Writer {
        private(set) var bytes: [UInt8] = []

        /// Starts a file of kind `name` (one line, ASCII) and `version`, for this program.
        init(name: String, version: Int) {
            bytes.reserveCapacity(1 << 16)
            bytes += Array(name.utf8)
            bytes.append(0x0A)
            integer(version)
            string(ComputeCache.programIdentity)
        }

        mutating func integer(_ value: Int) {
            var rest = UInt64(bitPattern: Int64(value))
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { buffer in
                integer(buffer.count)
                bytes.append(contentsOf: buffer)
            }
        }

        mutating func optional(_ value: String?) {
            bool(value != nil)
            if let value { string(value) }
        }

        mutating func optional(_ value: Int?) {
            bool(value != nil)
            if let value { integer(value) }
        }

        /// The file's bytes: the body followed by its checksum.
        func finished() -> Data {
            let sum = bytes.withUnsafeBytes { ByteFrame.checksum($0) }
            var data = Data(capacity: bytes.count + 8)
            data.append(contentsOf: bytes)
            withUnsafeBytes(of: sum.littleEndian) { data.append(contentsOf: $0) }
            return data
        }
    }

    /// Reads what a `Writer` wrote, in the same order; every read checks the bounds.
    struct Reader {
        private let bytes: [UInt8]
        private var offset = 0
        /// Where the checksum starts: reads stop before it.
        private let end: Int

        /// Checks the checksum and the header; throws unless the file is whole and of this kind,
        /// version and program.
        init(_ data: Data, name: String, version: Int) throws(Malformed) {
            guard data.count >= 8, data.count <= ByteFrame.maximumBytes else { throw Malformed() }
            bytes = [UInt8](data)
            let end = bytes.count - 8
            self.end = end
            let matches = bytes.withUnsafeBytes { raw in
                ByteFrame.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<end]))
                    == UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt64.self))
            }
            guard matches else { throw Malformed() }
            let header = Array(name.utf8) + [0x0A]
            guard end >= header.count, bytes[0..<header.count].elementsEqual(header) else { throw Malformed() }
            offset = header.count
            guard try integer() == version, try string() == ComputeCache.programIdentity else { throw Malformed() }
        }

        /// Whether every byte before the digest has been read.
        var atEnd: Bool { offset == end }

        mutating func integer() throws(Malformed) -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < end, shift < 64 else { throw Malformed() }
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return Int(Int64(bitPattern: value)) }
                shift += 7
            }
        }

        /// A count of things each at least one byte long: never more than the bytes left.
        mutating func count() throws(Malformed) -> Int {
            let value = try integer()
            guard value >= 0, value <= end - offset else { throw Malformed() }
            return value
        }

        mutating func bool() throws(Malformed) -> Bool {
            guard offset < end, bytes[offset] <= 1 else { throw Malformed() }
            offset += 1
            return bytes[offset - 1] == 1
        }

        mutating func string() throws(Malformed) -> String {
            let length = try count()
            let start = offset
            offset += length
            guard let value = String(validating: bytes[start..<offset], as: UTF8.self) else { throw Malformed() }
            return value
        }

        mutating func optionalString() throws(Malformed) -> String? {
            try bool() ? try string() : nil
        }

        mutating func optionalInteger() throws(Malformed) -> Int? {
            try bool() ? try integer() : nil
        }
    }
}
