/// Makes a caller's id prefix safe as the start of an XML id: letters, digits, `-`, `_` and
/// `.` are kept, anything else becomes `-`, and a prefix that does not start with a letter is
/// given one. Ids are then `<prefix>-title`, `<prefix>-desc`, `<prefix>-clip-1`, … — sequential,
/// never random or derived from memory addresses, so output is reproducible.
enum IdPrefix {
    static func sanitize(_ raw: String) -> String {
        let out = String(raw.unicodeScalars.map { scalar -> Character in
            isASCIILetter(scalar) || (scalar.value >= 0x30 && scalar.value <= 0x39)
                || scalar == "-" || scalar == "_" || scalar == "." ? Character(scalar) : "-"
        })
        guard let first = out.unicodeScalars.first else { return "plot" }
        return isASCIILetter(first) ? out : "plot-" + out
    }

    private static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
    }
}

/// Hands out sequential ids under one prefix.
struct IdGenerator: Sendable {
    let prefix: String
    private var counter = 0

    init(prefix: String) { self.prefix = prefix }

    func fixed(_ name: String) -> String { "\(prefix)-\(name)" }

    mutating func next(_ kind: String) -> String {
        counter += 1
        return "\(prefix)-\(kind)-\(counter)"
    }
}
