/// Makes a caller's id prefix safe as the start of an XML id: letters, digits, `-`, `_` and
/// `.` are kept, anything else becomes `-`, and a prefix that does not start with a letter is
/// given one. Ids are then `<prefix>-title`, `<prefix>-desc`, `<prefix>-clip-1`, … — sequential,
/// never random or derived from memory addresses, so output is reproducible.
enum IdPrefix {
    static func sanitize(_ raw: String) -> String {
        var out = String(raw.unicodeScalars.map { scalar -> Character in
            let v = scalar.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                || scalar == "-" || scalar == "_" || scalar == "."
            return ok ? Character(scalar) : "-"
        })
        if let first = out.unicodeScalars.first, (first.value >= 0x41 && first.value <= 0x5A) || (first.value >= 0x61 && first.value <= 0x7A) {
            return out
        }
        out = "plot-" + out
        return out.hasSuffix("-") && raw.isEmpty ? "plot" : out
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
