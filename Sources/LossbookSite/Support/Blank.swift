/// Whether text is empty once Foundation's `.whitespaces` (Unicode's space separators and the
/// tab) are trimmed from it, without Foundation: asked of every source line after a heading.
enum Blank {
    static func isBlank(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }
}
