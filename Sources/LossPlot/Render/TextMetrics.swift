/// Estimates of rendered text size. The font is inherited from the page, so exact metrics are
/// unknowable at build time; these are deliberately a little generous (average sans-serif
/// advance ≈ 0.6 em) so layout errs towards extra room rather than overlap.
enum TextMetrics {
    static let tickFontSize = 12.0
    static let labelFontSize = 12.5
    static let titleFontSize = 13.0

    static func width(_ text: String, fontSize: Double = tickFontSize) -> Double {
        var ems = 0.0
        for ch in text {
            switch ch {
            case "i", "l", "j", "I", ".", ",", ":", ";", "'", "!", "|", " ", "(", ")", "[", "]", "f", "t", "r":
                ems += 0.32
            case "m", "w", "M", "W", "×", "−", "—":
                ems += 0.85
            case "⁰"..."⁹", "⁻", "¹", "²", "³":
                ems += 0.38
            default:
                ems += ch.isUppercase ? 0.68 : 0.58
            }
        }
        return ems * fontSize
    }
}
