/// Heading anchors: lower-case words joined by hyphens, as GitHub and mdBook make them, so
/// links written by hand (`#the-four-steps`) work as authors expect.
enum Slug {
    static func make(_ text: String) -> String {
        makeASCII(text) ?? makeByCharacters(text)
    }

    /// The slug of any text, Character by Character.
    static func makeByCharacters(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.append(character)
            } else if character.isWhitespace || character == "-" || character == "_" || character == "–" || character == "—" {
                // Dashes count as hyphens, so smart punctuation (`--` → `–`) leaves anchors as they were.
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// The same slug read byte by byte, for ASCII text (nearly every heading); nil otherwise.
    /// Lower-casing and classifying Characters cost about 700 instructions a character.
    static func makeASCII(_ text: String) -> String? {
        var slug: [UInt8] = []
        var pendingHyphen = false
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingHyphen, !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                slug.append(byte | (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? 0x20 : 0))
            case 0x09...0x0D, 0x20, UInt8(ascii: "-"), UInt8(ascii: "_"):
                pendingHyphen = true
            default:
                break
            }
        }
        return slug.isEmpty ? "section" : String(decoding: slug, as: UTF8.self)
    }
}
