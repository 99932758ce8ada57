/// Writes JSON string literals for the renderer protocol: faster than JSONEncoder for thousands of
/// small requests, and byte-for-byte deterministic.
enum JSONText {
    /// Appends `value` as a quoted JSON string. Non-ASCII text is written as UTF-8 (JSON allows it);
    /// quotes, backslashes and control characters are escaped, so a request is always one line.
    static func appendString(_ value: String, to text: inout String) {
        text.append("\"")
        var runStart = value.unicodeScalars.startIndex
        var index = runStart
        let scalars = value.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\u{2028}": escape = "\\u2028"
            case "\u{2029}": escape = "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escape = nil
                }
            }
            if let escape {
                text.unicodeScalars.append(contentsOf: scalars[runStart..<index])
                text.append(escape)
                runStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        text.unicodeScalars.append(contentsOf: scalars[runStart..<scalars.endIndex])
        text.append("\"")
    }
}
