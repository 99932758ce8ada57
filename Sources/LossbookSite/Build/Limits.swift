/// Limits that keep the generator responsive on hostile or mistaken input. Each is far above what
/// the course needs, and each, when exceeded, is an error naming the limit.
public enum Limits {
    /// One formula's TeX. The longest formula of the course is under 1 KB.
    public static let formulaBytes = 20_000
    /// One directive's YAML body.
    public static let directiveBytes = 64 * 1024
    /// Nesting of block quotes and lists (see `MarkdownParser`).
    public static let nestingDepth = 64
    /// Points in one plotted curve, values in one slider.
    public static let sliderValues = 40
    /// How long one runnable Swift block may run, in seconds.
    public static let swiftRunSeconds = 10.0
}
