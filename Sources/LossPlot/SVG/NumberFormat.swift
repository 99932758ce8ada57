import Foundation

/// Formats numbers that go into SVG attributes: at most two decimals in viewBox units (a
/// hundredth of a pixel is invisible and keeps files small), no trailing zeros, never `-0`.
enum NumberFormat {
    /// The largest magnitude written; anything further is off-canvas anyway and clamping keeps
    /// the integer arithmetic below safe and the output free of exponents.
    static let limit = 1.0e9

    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = min(max(value, -limit), limit)
        let hundredths = Int64((clamped * 100).rounded())
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        let magnitude = negative ? -hundredths : hundredths
        let whole = magnitude / 100
        let fraction = magnitude % 100
        var text = negative ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return text
    }
}
