import Foundation

/// BibTeX field text as a reader sees it: accent commands become accented letters (`{\"o}`,
/// `\'e`, `\v{s}` → ö, é, š), the special letters (`\ss`, `\o`, `\ae`, `\l`, …) their Unicode
/// selves, `--`/`---` dashes, `~` a no-break space, escaped specials (`\&`, `\%`, `\$`, `\_`, `\#`)
/// themselves, and the braces that protect capitals disappear. A command it does not know keeps
/// its argument's text (`\emph{x}` → x). Works on unbounded input in one pass, no recursion.
enum BibText {
    /// Accent commands → the combining mark they put on the next letter.
    private static let accents: [String: Character] = [
        "\"": "\u{308}", "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "~": "\u{303}", "=": "\u{304}",
        ".": "\u{307}", "u": "\u{306}", "v": "\u{30C}", "H": "\u{30B}", "c": "\u{327}", "k": "\u{328}",
        "r": "\u{30A}", "d": "\u{323}", "b": "\u{331}",
    ]
    /// Letter commands → their letters.
    private static let letters: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
        "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textquoteright": "’", "textquoteleft": "‘",
    ]

    static func plain(_ tex: String) -> String {
        let characters = Array(tex)
        var out = ""
        var index = 0
        /// A combining mark waiting for the next letter written.
        var pendingAccent: Character?
        func emit(_ text: String) {
            guard let accent = pendingAccent, let first = text.first else { out += text; return }
            pendingAccent = nil
            // A dotless i or j takes the accent as a plain i or j.
            var base = String(first)
            if first == "ı" { base = "i" } else if first == "ȷ" { base = "j" }
            let composed: String = (base + String(accent)).precomposedStringWithCanonicalMapping
            out += composed
            out += String(text.dropFirst())
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                index += 1
                guard index < characters.count else { break }
                let next = characters[index]
                if next.isLetter {
                    var name = ""
                    while index < characters.count, characters[index].isLetter { name.append(characters[index]); index += 1 }
                    // A control word swallows the spaces after it.
                    while index < characters.count, characters[index] == " " { index += 1 }
                    if let accent = accents[name] {
                        pendingAccent = accent
                    } else if let letter = letters[name] {
                        emit(letter)
                        // `{\o}` and `\o{}`: an empty group after a letter command is nothing.
                        if index + 1 < characters.count, characters[index] == "{", characters[index + 1] == "}" { index += 2 }
                    }
                    // Unknown commands (\emph, \textit, \url, …): their argument's text stays.
                } else {
                    index += 1
                    if let accent = accents[String(next)] {
                        pendingAccent = accent
                    } else {
                        // \& \% \$ \_ \# \{ \} and a control space.
                        emit(next == " " ? " " : String(next))
                    }
                }
            case "{", "}":
                index += 1
            case "~":
                emit("\u{A0}")
                index += 1
            case "-":
                var run = 0
                while index < characters.count, characters[index] == "-" { run += 1; index += 1 }
                emit(run >= 3 ? "—" : run == 2 ? "–" : "-")
            case "\n", "\r", "\t":
                if !out.hasSuffix(" ") { emit(" ") }
                index += 1
            default:
                emit(String(character))
                index += 1
            }
        }
        return collapseSpaces(out)
    }

    private static func collapseSpaces(_ text: String) -> String {
        var result = ""
        var space = false
        for character in text {
            if character == " " {
                space = true
                continue
            }
            if space, !result.isEmpty { result.append(" ") }
            space = false
            result.append(character)
        }
        return result
    }
}

/// A person's name from a BibTeX `author` or `editor` list, in BibTeX's three forms: "First von
/// Last", "von Last, First" and "von Last, Jr, First".
struct BibName: Hashable, Sendable {
    /// The family name with its particle ("van den Oord"), for citing.
    var family: String
    var given: String
    var suffix: String

    /// "Given Family, Suffix" for a reference list.
    var displayName: String {
        var name = given.isEmpty ? family : "\(given) \(family)"
        if !suffix.isEmpty { name += ", \(suffix)" }
        return name
    }

    /// Splits an `author` field at the word "and" outside braces; "others" (as in "and others")
    /// is kept as a name with family "others", which citing shows as "et al.".
    static func list(_ field: String) -> [BibName] {
        var names: [String] = []
        var current = ""
        var depth = 0
        let words = tokens(field)
        for word in words {
            if word.depth == 0, word.text.lowercased() == "and" {
                names.append(current)
                current = ""
                continue
            }
            current += (current.isEmpty ? "" : " ") + word.text
            depth = word.depth
        }
        _ = depth
        names.append(current)
        return names.map { parse($0) }.filter { !$0.family.isEmpty }
    }

    /// One name, in TeX.
    static func parse(_ tex: String) -> BibName {
        let parts = splitAtTopLevelCommas(tex).map { $0.trimmingWhitespaces }
        if parts.count >= 2 {
            let given = parts.count == 2 ? parts[1] : parts[2]
            let suffix = parts.count == 2 ? "" : parts[1]
            return BibName(family: BibText.plain(parts[0]), given: BibText.plain(given), suffix: BibText.plain(suffix))
        }
        let words = tokens(tex)
        guard words.count > 1 else { return BibName(family: BibText.plain(tex), given: "", suffix: "") }
        // "First von Last": the family name starts at the first lower-case word that is not the
        // last word (the particle), or is the last word.
        var familyStart = words.count - 1
        for (offset, word) in words.enumerated().dropLast() where offset > 0 {
            if word.depth == 0, let first = BibText.plain(word.text).first, first.isLowercase {
                familyStart = offset
                break
            }
        }
        let given = words[..<familyStart].map(\.text).joined(separator: " ")
        let family = words[familyStart...].map(\.text).joined(separator: " ")
        return BibName(family: BibText.plain(family), given: BibText.plain(given), suffix: "")
    }

    /// Words separated by spaces outside braces, with the brace depth at which each starts.
    private static func tokens(_ text: String) -> [(text: String, depth: Int)] {
        var result: [(String, Int)] = []
        var word = ""
        var depth = 0
        var startDepth = 0
        for character in text {
            if character == "{" { depth += 1 } else if character == "}" { depth = max(0, depth - 1) }
            if depth == 0, character == " " || character == "\n" || character == "\t" || character == "\r" {
                if !word.isEmpty { result.append((word, startDepth)) }
                word = ""
                continue
            }
            if word.isEmpty { startDepth = character == "{" ? 0 : depth }
            word.append(character)
        }
        if !word.isEmpty { result.append((word, startDepth)) }
        return result
    }

    private static func splitAtTopLevelCommas(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 } else if character == "}" { depth = max(0, depth - 1) }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}
