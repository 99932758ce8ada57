/// What marks math in a note. `$…$` and `$$…$$` always do. In CommonMark `\(` and `\[` are
/// backslash escapes (a literal `(` or `[`), so `\(…\)` and `\[…\]` are math only in a course
/// that opts in (`--math-delimiters dollars-and-brackets`), and never in code.
public enum MathDelimiters: String, Sendable, CaseIterable {
    case dollars
    case dollarsAndBrackets = "dollars-and-brackets"
}
