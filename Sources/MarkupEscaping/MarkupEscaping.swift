/// The one escaper for text that goes into HTML or SVG: page templates, the HTML writer and the
/// figures' serializer all call it, so a fix here holds everywhere.
///
/// It works on Unicode scalars, not on Characters: a quote followed by a combining mark is one
/// Character that is not equal to `"`, and a Character-based escaper let it through unescaped
/// into an attribute value. The same escaping serves text and quoted attribute values; `&#39;`
/// is understood by XML and HTML alike (unlike `&apos;` in old HTML). Characters XML 1.0
/// forbids (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF) are
/// dropped: an SVG with one is not well-formed, and HTML reads them as errors.
public enum MarkupEscaping {
    /// `text` with `& < > " '` as entities and the forbidden characters dropped.
    public static func escaped(_ text: String) -> String {
        if !needsAnyEscaping(text) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &out)
        return out
    }

    /// Appends `escaped(text)` to `out` without making the intermediate string.
    public static func appendEscaped(_ text: String, to out: inout String) {
        // Most values (path data, numbers, plain words) need nothing.
        guard needsAnyEscaping(text) else {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Appends `escaped(text)` to a byte buffer (pages are written as bytes): the rules above,
    /// applied once, by the same code.
    public static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        guard needsAnyEscaping(text) else {
            text.withUTF8 { bytes in
                // A short value byte by byte: appending a buffer costs about a hundred
                // instructions however short it is, and most values are a few bytes.
                if bytes.count <= 16 {
                    for byte in bytes { out.append(byte) }
                } else {
                    out.append(contentsOf: bytes)
                }
            }
            return
        }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &escaped)
        out.append(contentsOf: escaped.utf8)
    }

    /// Bytes that start something `appendEscaped` changes: the five specials, C0 controls other
    /// than tab, newline and carriage return, and 0xEF (which starts U+FFFE and U+FFFF in UTF-8).
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: true
        case 0x09, 0x0A, 0x0D: false
        default: byte < 0x20
        }
    }

    /// Whether `appendEscaped` would change `text`: one loop over its contiguous UTF-8 bytes.
    /// Iterating `String.UTF8View` cost about ten instructions a byte, and a figure's path data,
    /// most of its bytes, is checked in full: eight bytes at a time, and byte by byte only in a
    /// word that may hold one (`mayNeedEscaping`).
    private static func needsAnyEscaping(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                while index + 8 <= bytes.count {
                    if mayNeedEscaping(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)),
                       bytes[index..<(index + 8)].contains(where: needsEscaping) { return true }
                    index += 8
                }
            }
            return bytes[index...].contains(where: needsEscaping)
        }
    }

    /// False only when none of the word's eight bytes needs escaping: all are ASCII, none is a
    /// control character, none is one of the five specials. Each test is exact about whether
    /// such a byte exists (the "has a zero byte" and "has a byte less than" tricks).
    @inline(__always)
    private static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        return word & highs != 0
            || (word &- 0x20 &* ones) & ~word & highs != 0
            || hasZeroByte(word ^ (0x26 &* ones)) || hasZeroByte(word ^ (0x3C &* ones))
            || hasZeroByte(word ^ (0x3E &* ones)) || hasZeroByte(word ^ (0x22 &* ones))
            || hasZeroByte(word ^ (0x27 &* ones))
    }
}
