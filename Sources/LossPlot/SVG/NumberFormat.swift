import Foundation

/// Formats numbers that go into SVG attributes: at most two decimals in viewBox units (a
/// hundredth of a pixel is invisible and keeps files small), no trailing zeros, never `-0`.
enum NumberFormat {
    /// The largest magnitude written; anything further is off-canvas anyway and clamping keeps
    /// the integer arithmetic below safe and the output free of exponents.
    static let limit = 1.0e9

    static func coordinate(_ value: Double) -> String {
        formatted(value) { String(decoding: $0, as: UTF8.self) }
    }

    /// `coordinate(value)` appended to `text`: formatted on the stack and appended as one small
    /// string (an array per number, then a String of it, cost 270 instructions a tick coordinate).
    static func appendCoordinate(_ value: Double, to text: inout String) {
        text += coordinate(value)
    }

    /// `coordinate(value)` appended to UTF-8 bytes: path data is built as bytes and made a
    /// String once, not a small String per number. Byte by byte: for the few bytes of a number,
    /// appending a buffer cost three times as much.
    static func appendCoordinate(_ value: Double, to text: inout [UInt8]) {
        formatted(value) { bytes in for byte in bytes { text.append(byte) } }
    }

    /// Gives `body` the number's text, made digit by digit in a buffer on the stack.
    private static func formatted<R>(_ value: Double, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var end = buffer.count
            func put(_ byte: UInt8) { end -= 1; buffer[end] = byte }
            let clamped = value.isFinite ? min(max(value, -limit), limit) : 0
            let hundredths = Int64((clamped * 100).rounded())
            let magnitude = UInt64(hundredths.magnitude)
            let whole = magnitude / 100
            let fraction = magnitude % 100
            // Sign, at most 12 digits before the point (limit 1e9 → 10), point, two digits;
            // zero (and whatever rounds to it) is "0", never "-0".
            if fraction != 0 {
                if fraction % 10 != 0 { put(UInt8(ascii: "0") + UInt8(fraction % 10)) }
                put(UInt8(ascii: "0") + UInt8(fraction / 10))
                put(UInt8(ascii: "."))
            }
            var rest = whole
            repeat {
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            if hundredths < 0 { put(UInt8(ascii: "-")) }
            return body(UnsafeBufferPointer(rebasing: buffer[end...]))
        }
    }
}
