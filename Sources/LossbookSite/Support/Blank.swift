/// Foundation's `.whitespaces` and `.whitespacesAndNewlines` trimming, without Foundation:
/// `trimmingCharacters(in:)` bridges through NSString on Linux and cost 10–13 µs a call, and
/// it is asked of every heading, fence and figure title. The sets are the scalars Foundation
/// trims here (`.whitespaces`: Unicode's space separators and the tab; with newlines: the
/// White_Space property; both also U+200B ZERO WIDTH SPACE, as swift-corelibs-foundation has
/// them, checked against it scalar by scalar in `BlankTests`), and, as Foundation does, whole
/// scalars are trimmed, not Characters.
enum Blank {
    /// Whether text is empty once `.whitespaces` are trimmed from it: asked of every source
    /// line after a heading.
    static func isBlank(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy(isSpace)
    }

    /// A space separator or the tab (Foundation's `.whitespaces`).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || scalar == "\t" }
        return scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// Also a line or paragraph separator, or a line break (Foundation's `.whitespacesAndNewlines`).
    static func isSpaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar == "\u{200B}" || scalar.properties.isWhitespace
    }

    static func trimmed(_ text: Substring, where trims: (Unicode.Scalar) -> Bool) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, trims(scalars[start]) { scalars.formIndex(after: &start) }
        while end > start {
            let before = scalars.index(before: end)
            guard trims(scalars[before]) else { break }
            end = before
        }
        return String(scalars[start..<end])
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs (`trimmingCharacters(in: .whitespaces)`).
    var trimmingWhitespaces: String { Blank.trimmed(self[...], where: Blank.isSpace) }

    /// The text without leading and trailing white space of any kind, line breaks included
    /// (`trimmingCharacters(in: .whitespacesAndNewlines)`).
    var trimmingWhitespacesAndNewlines: String { Blank.trimmed(self[...], where: Blank.isSpaceOrNewline) }
}

extension Substring {
    var trimmingWhitespaces: String { Blank.trimmed(self, where: Blank.isSpace) }
    var trimmingWhitespacesAndNewlines: String { Blank.trimmed(self, where: Blank.isSpaceOrNewline) }
}
