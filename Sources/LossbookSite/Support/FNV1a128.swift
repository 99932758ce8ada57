import Foundation

/// The 128-bit FNV-1a hash (Fowler, Noll, Vo), used for the fingerprints in cache keys (of the
/// renderer files and of the macros).
///
/// Foundation has no SHA-256 on Linux, and a cryptographic hash is not needed: nobody gains
/// anything by forging a katex.js or a macros file that collides with another one. By accident, a
/// collision between two of the few fingerprints a course ever has needs about 2^64 of them for an
/// even chance. TeX and code are never hashed: they are part of the cache keys in full.
///
/// Offset basis 0x6c62272e07bb014262b821756295c58d, prime 2^88 + 0x13b; the product is taken
/// modulo 2^128 on two 64-bit halves, so `UInt128` (macOS 15+) is not needed.
struct FNV1a128: Sendable {
    private(set) var high: UInt64 = 0x6c62_272e_07bb_0142
    private(set) var low: UInt64 = 0x62b8_2175_6295_c58d

    init() {}

    mutating func combine(byte: UInt8) {
        low ^= UInt64(byte)
        // (high·2^64 + low) · (2^88 + 0x13b) mod 2^128
        let (carry, product) = low.multipliedFullWidth(by: 0x13b)
        high = high &* 0x13b &+ carry &+ (low << 24)
        low = product
    }

    mutating func combine(bytes: UnsafeRawBufferPointer) {
        var high = self.high
        var low = self.low
        for byte in bytes {
            low ^= UInt64(byte)
            let (carry, product) = low.multipliedFullWidth(by: 0x13b)
            high = high &* 0x13b &+ carry &+ (low << 24)
            low = product
        }
        self.high = high
        self.low = low
    }

    mutating func combine(bytes: Data) {
        bytes.withUnsafeBytes { combine(bytes: $0) }
    }

    /// Adds a field with its length first, so that ("ab", "c") and ("a", "bc") differ.
    mutating func combine(field: String) {
        var field = field
        field.withUTF8 { buffer in
            combine(length: buffer.count)
            combine(bytes: UnsafeRawBufferPointer(buffer))
        }
    }

    mutating func combine(length: Int) {
        var value = UInt64(length)
        for _ in 0..<8 {
            combine(byte: UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
    }

    /// 32 lowercase hexadecimal digits.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(32)
        for half in [high, low] {
            for shift in stride(from: 60, through: 0, by: -4) {
                out.append(digits[Int((half >> UInt64(shift)) & 0xf)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(of fields: [String]) -> String {
        var hash = FNV1a128()
        for field in fields { hash.combine(field: field) }
        return hash.hex
    }
}
