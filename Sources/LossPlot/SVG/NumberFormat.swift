import Foundation

/// Formats numbers that go into SVG attributes: at most two decimals in viewBox units (a
/// hundredth of a pixel is invisible and keeps files small), no trailing zeros, never `-0`.
enum NumberFormat {
    /// The largest magnitude written; anything further is off-canvas anyway and clamping keeps
    /// the integer arithmetic below safe and the output free of exponents.
    static let limit = 1.0e9

    static func coordinate(_ value: Double) -> String {
        var text = ""
        appendCoordinate(value, to: &text)
        return text
    }

    /// `coordinate(value)` appended to `text`, digit by digit: path data is thousands of
    /// numbers per figure, and this makes no intermediate strings.
    static func appendCoordinate(_ value: Double, to text: inout String) {
        var bytes: [UInt8] = []
        appendCoordinate(value, to: &bytes)
        text += String(decoding: bytes, as: UTF8.self)
    }

    /// `coordinate(value)` appended to UTF-8 bytes: path data is built as bytes and made a
    /// String once, not a small String per number.
    static func appendCoordinate(_ value: Double, to text: inout [UInt8]) {
        guard value.isFinite else { text.append(UInt8(ascii: "0")); return }
        let clamped = min(max(value, -limit), limit)
        let hundredths = Int64((clamped * 100).rounded())
        if hundredths == 0 { text.append(UInt8(ascii: "0")); return }
        let magnitude = UInt64(hundredths.magnitude)
        let whole = magnitude / 100
        let fraction = magnitude % 100
        // Sign, at most 12 digits before the point (limit 1e9 → 10), point, two digits.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var end = buffer.count
            func put(_ byte: UInt8) { end -= 1; buffer[end] = byte }
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
            // Byte by byte: for the few bytes of a number, appending a buffer cost three times as much.
            for index in end..<buffer.count { text.append(buffer[index]) }
        }
    }
}
