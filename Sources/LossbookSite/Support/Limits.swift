/// Limits that keep the generator responsive on hostile or mistaken input. Each is far above what
/// the course needs, and each, when exceeded, is an error naming the limit.
public enum Limits {
    /// One formula's TeX. The longest formula of the course is under 1 KB.
    public static let formulaBytes = 20_000
    /// Braces nested in one formula. KaTeX runs out of stack near 1,000 and then reports only
    /// "Maximum call stack size exceeded"; the course's formulas nest fewer than 10.
    public static let formulaBraceDepth = 64
    /// One directive's YAML body.
    public static let directiveBytes = 64 * 1024
    /// Nesting of block quotes and lists (see `MarkdownParser`).
    public static let nestingDepth = 64
    /// Points in one plotted curve, values in one slider.
    public static let sliderValues = 40
    /// How long one runnable Swift block may run, in seconds.
    public static let swiftRunSeconds = 10.0
    /// What one runnable Swift block may print (standard output and error together); a block that
    /// prints more is stopped. The course's blocks print under 4 KB.
    public static let swiftOutputBytes = 1 << 20
    /// A note's front matter. The course's longest is under 1 KB.
    public static let frontMatterBytes = 64 * 1024
    /// Nesting of YAML collections (front matter, directive bodies), checked before the YAML parser
    /// sees the text: the parser and the tree walk recurse, and 5,000 `[` crashed them. The course
    /// nests 4 deep.
    public static let yamlDepth = 64
    /// Values one YAML document may expand to. Aliases (`*name`) repeat an anchored value, so 500
    /// bytes of nested aliases could expand to gigabytes ("billion laughs"); without aliases a
    /// 64 KB body holds far fewer values than this.
    public static let yamlNodes = 100_000
    /// One `check` or inline-value expression: its length, its nesting (parentheses, signs,
    /// powers) and its terms and operators. The course's longest is under 100 characters.
    public static let expressionBytes = 4096
    public static let expressionDepth = 64
    public static let expressionNodes = 1000
    /// Nesting of braces and macro expansions in content/macros.tex.
    public static let macroDepth = 64
    /// The macros file as a whole. The course's is under 1 KB.
    public static let macroFileBytes = 256 * 1024
    /// Partials included inside partials (a partial that includes itself would never end).
    public static let partialDepth = 16
    /// Sections nested inside sections in one template.
    public static let templateSectionDepth = 64
}
