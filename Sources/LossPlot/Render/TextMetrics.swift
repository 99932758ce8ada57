/// Estimates of rendered text size. The font is inherited from the page, so exact metrics are
/// unknowable at build time; these are deliberately a little generous (average sans-serif
/// advance ≈ 0.6 em) so layout errs towards extra room rather than overlap.
enum TextMetrics {
    static let tickFontSize = 12.0
    static let labelFontSize = 12.5
    static let titleFontSize = 13.0

    static func width(_ text: String, fontSize: Double = tickFontSize) -> Double {
        (scalarEms(text) ?? characterEms(text)) * fontSize
    }

    /// The estimate in ems, a character at a time.
    static func characterEms(_ text: String) -> Double {
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
        return ems
    }

    /// The same sum over Unicode scalars, for text in which every character is one scalar that
    /// the table above names or that is ASCII (tick labels, legends): about ten times faster than
    /// walking characters. Nil for anything else (combining marks, CR, other scripts), which takes
    /// the character walk, so the two never disagree.
    static func scalarEms(_ text: String) -> Double? {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x69, 0x6C, 0x6A, 0x49, 0x2E, 0x2C, 0x3A, 0x3B, 0x27, 0x21, 0x7C, 0x20, 0x28, 0x29, 0x5B, 0x5D, 0x66, 0x74, 0x72:
                ems += 0.32  // i l j I . , : ; ' ! | space ( ) [ ] f t r
            case 0x6D, 0x77, 0x4D, 0x57, 0xD7, 0x2212, 0x2014:
                ems += 0.85  // m w M W × − —
            case 0x2070, 0x2074...0x2079, 0x207B, 0xB9, 0xB2, 0xB3:
                ems += 0.38  // superscript digits and minus
            case 0x41...0x5A:
                ems += 0.68
            case 0x0D:
                return nil  // CR LF is one character
            case 0...0x7F:
                ems += 0.58
            default:
                return nil
            }
        }
        return ems
    }
}
