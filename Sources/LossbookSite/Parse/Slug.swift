/// Heading anchors: lower-case words joined by hyphens, as GitHub and mdBook make them, so
/// links written by hand (`#the-four-steps`) work as authors expect.
enum Slug {
    static func make(_ text: String) -> String {
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
}
