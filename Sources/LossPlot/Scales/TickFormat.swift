import Foundation

/// Tick labels and other human-facing numbers.
///
/// Labels use the typographic minus (U+2212) and show exactly as many decimals as the tick
/// step needs, so a column of ticks reads 0, 0.2, 0.4 rather than 0, 0.2000, 0.4000. Very large
/// or very small magnitudes switch to `m×10ⁿ` with superscript exponents.
enum TickFormat {
    static let minus = "\u{2212}"

    /// Labels for linear-scale ticks with the given step.
    static func linear(_ values: [Double], step: Double?) -> [String] {
        let largest = values.map(\.magnitude).max() ?? 0
        if largest >= 1e6 || (largest > 0 && largest < 1e-3) {
            return values.map(scientific)
        }
        let decimals: Int
        if let step, step > 0 {
            decimals = min(15, max(0, Int((-log10(step) - 1e-9).rounded(.up))))
        } else {
            return values.map(compact)
        }
        return values.map { fixed($0, decimals: decimals) }
    }

    /// Labels for log-scale ticks: plain numbers in a comfortable range, powers of ten beyond.
    static func log(_ values: [Double]) -> [String] {
        let plain = values.allSatisfy { $0 >= 1e-3 && $0 < 1e5 }
        if plain {
            return values.map { v in
                fixed(v, decimals: min(15, max(0, Int((-log10(v) - 1e-9).rounded(.up)))))
            }
        }
        return values.map(scientific)
    }

    /// A value rounded to `decimals` places, without `-0` and with a typographic minus.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = printf(value, decimals: decimals)
        guard text.utf8.first == UInt8(ascii: "-") else { return text }
        let digits = text.utf8.dropFirst()
        if digits.allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) { return String(text.dropFirst()) }
        return minus + text.dropFirst()
    }

    /// `%.Nf` exactly as the C library writes it: the binary value rounded to `decimals` places,
    /// halfway cases to even, `-` on negative values (zero included). Worked out with integers
    /// for the values figures have; anything else (more than 15 places, huge, tiny, not finite)
    /// goes to `String(format:)`. Foundation's formatting, with its variadic arguments and dynamic
    /// casts, was a fifth of the time spent drawing a figure.
    static func printf(_ value: Double, decimals: Int) -> String {
        exactFixed(value, decimals: decimals) ?? String(format: "%.\(decimals)f", value)
    }

    private static let powersOfTen: [UInt128] = (0...15).map { power in (0..<power).reduce(UInt128(1)) { product, _ in product * 10 } }

    private static func exactFixed(_ value: Double, decimals: Int) -> String? {
        guard value.isFinite, (0...15).contains(decimals) else { return nil }
        let magnitude = value.magnitude
        // magnitude = significand × 2^exponent, with an integer significand of at most 53 bits.
        let significand: UInt64
        let exponent: Int
        if magnitude == 0 {
            significand = 0
            exponent = 0
        } else {
            guard magnitude.isNormal else { return nil }
            significand = magnitude.significandBitPattern | (1 << 52)
            exponent = Int(magnitude.exponent) - 52
        }
        // scaled = magnitude × 10^decimals < 2^53 × 10^15 < 2^103: fits in 128 bits.
        let scaled = UInt128(significand) * powersOfTen[decimals]
        var units: UInt128
        if exponent >= 0 {
            guard exponent <= 24 else { return nil }
            units = scaled << exponent
        } else {
            let shift = -exponent
            guard shift < 120 else { return nil }
            units = scaled >> shift
            let remainder = scaled & ((1 << shift) - 1)
            let half = UInt128(1) << (shift - 1)
            if remainder > half || (remainder == half && units & 1 == 1) { units += 1 }
        }
        var digits = units <= UInt128(UInt64.max) ? String(UInt64(units)) : String(units)
        if decimals > 0 {
            if digits.utf8.count <= decimals {
                digits = String(repeating: "0", count: decimals + 1 - digits.utf8.count) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return value.sign == .minus ? "-" + digits : digits
    }

    /// `m×10ⁿ` with up to three significant digits in `m`; `10ⁿ` when `m` is 1.
    static func scientific(_ value: Double) -> String {
        guard value != 0, value.isFinite else { return value.isFinite ? "0" : String(describing: value) }
        var exponent = Int(log10(value.magnitude).rounded(.down))
        var mantissa = value / LogTicks.power10(exponent)
        // 9.999 rounds to 10: move it into the next decade.
        if (mantissa.magnitude * 100).rounded() >= 1000 { mantissa /= 10; exponent += 1 }
        let power = "10" + superscript(exponent)
        let m = trimmed(mantissa, decimals: 2)
        switch m {
        case "1": return power
        case minus + "1": return minus + power
        default: return m + "×" + power
        }
    }

    /// Three significant digits, trailing zeros removed; for descriptions and annotations.
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : minus + "∞") }
        if value == 0 { return "0" }
        let magnitude = value.magnitude
        if magnitude >= 1e6 || magnitude < 1e-3 { return scientific(value) }
        let digitsBeforePoint = Int(log10(magnitude).rounded(.down)) + 1
        return trimmed(value, decimals: max(0, 3 - digitsBeforePoint))
    }

    /// `fixed` with trailing zeros (and a trailing point) removed.
    ///
    /// Works on the UTF-8 bytes: with Foundation imported, `String.contains(".")` is its
    /// locale-aware `range(of:)`, which was most of the cost of a figure's description.
    static func trimmed(_ value: Double, decimals: Int) -> String {
        let text = fixed(value, decimals: decimals)
        let bytes = text.utf8
        guard bytes.contains(UInt8(ascii: ".")) else { return text == minus + "0" ? "0" : text }
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "0") { end = bytes.index(before: end) }
        if end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: ".") { end = bytes.index(before: end) }
        let kept = String(text[..<end])
        return kept == minus + "0" ? "0" : kept
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(String(n.magnitude).map { digits[Int(String($0))!] })
        return (n < 0 ? "⁻" : "") + body
    }
}
