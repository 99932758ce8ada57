import Foundation

/// How computed numbers appear in prose and tables: a fixed number of significant digits,
/// no trailing zeros, a real minus sign, and powers of ten for very small or very large values.
enum NumberFormat {
    static func format(_ value: Double, digits: Int = 4) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        if value == 0 { return "0" }
        let digits = min(max(digits, 1), 17)
        let magnitude = Foundation.log10(Swift.abs(value))
        let sign = value < 0 ? "−" : ""
        if magnitude < -4 || magnitude >= 9 {
            let text = String(format: "%.\(digits - 1)e", Swift.abs(value))
            let parts = text.split(separator: "e")
            guard parts.count == 2, let exponent = Int(parts[1]) else { return sign + text }
            return "\(sign)\(trimZeros(String(parts[0]))) × 10\(superscript(exponent))"
        }
        let decimals = max(0, digits - 1 - Int(Foundation.floor(magnitude)))
        return sign + trimZeros(String(format: "%.\(decimals)f", Swift.abs(value)))
    }

    private static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = text
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result
    }

    private static func superscript(_ exponent: Int) -> String {
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                              "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return String(String(exponent).map { digits[$0] ?? $0 })
    }
}
