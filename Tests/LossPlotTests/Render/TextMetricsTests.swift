import Foundation
import Testing
@testable import LossPlot

/// Layout depends on text widths and tick labels, so the fast paths must agree exactly with the
/// slow, obviously right ones on any input.
@Suite struct TextMetricsAndTickFormatTests {
    /// Characters from every row of the width table, plus ones that must leave the fast path:
    /// combining marks, CR LF, an emoji with a modifier, letters of other scripts.
    static let alphabet: [String] = [
        "i", "l", "I", ".", " ", "(", "f", "m", "W", "×", "−", "—", "⁰", "⁴", "⁹", "ⁱ", "⁻", "¹", "²", "³",
        "a", "Z", "0", "9", "-", "+", "\t", "\n", "\r", "\r\n", "é", "e\u{301}", "\u{301}", "λ", "Ω", "Ж",
        "👍🏽", "中", "\u{200D}", "ß",
    ]

    @Test func scalarWidthsAgreeWithCharacterWidths() {
        var generator = RobustnessTests.Generator(state: 0x5EED)
        for _ in 0..<5000 {
            let length = Int(generator.next() % 12)
            let text = (0..<length).map { _ in generator.pick(Self.alphabet) }.joined()
            let fast = TextMetrics.width(text, fontSize: 12)
            let reference = TextMetrics.characterEms(text) * 12
            #expect(fast == reference, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func plainLabelsTakeTheScalarPath() {
        for text in ["−2.5", "10⁻³", "huber", "MSE (δ = 1)".replacingOccurrences(of: "δ", with: "d"), "2×10⁴"] {
            #expect(TextMetrics.scalarEms(text) != nil, "\(text)")
        }
        #expect(TextMetrics.scalarEms("e\u{301}") == nil)
        #expect(TextMetrics.scalarEms("a\r\nb") == nil)
    }

    @Test func printfMatchesFoundationFormatting() {
        var generator = RobustnessTests.Generator(state: 42)
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e-7, -1e-7, 123456.789, 1e15, -1e15,
                                .pi, -.pi, 0.045, 0.055, 1.005, 2.675, 9.995, 99.5, .ulpOfOne, 1e22, 2e23, 1e-30,
                                .leastNormalMagnitude, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .nan, .infinity,
                                -.infinity, 0.1 + 0.2, 1 - 1e-16]
        // Exact halves at every place: the round-half-to-even cases.
        for power in 1...20 { values += [Double(2 * power + 1) / Double(1 << power), -Double(4 * power + 1) / 64] }
        for _ in 0..<3000 {
            let bits = generator.next()
            let magnitude = Double(bits % 2_000_000) / Double(1 << (bits >> 40 % 24))
            values.append(bits & 1 == 0 ? magnitude : -magnitude)
        }
        for value in values {
            for decimals in 0...17 {
                #expect(TickFormat.printf(value, decimals: decimals) == String(format: "%.\(decimals)f", value),
                        "\(value) with \(decimals) decimals")
            }
        }
        // Past the stack buffer: still right.
        #expect(TickFormat.printf(1e300, decimals: 2) == String(format: "%.2f", 1e300))
    }
}
