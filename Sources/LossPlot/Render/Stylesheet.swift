/// The figure's style sheet: every colour is a CSS custom property with a fallback, so a page
/// restyles figures (dark mode, print) by setting `--plot-c1`…`--plot-c8`, `--plot-axis`,
/// `--plot-grid`, `--plot-text` and `--plot-bg` without touching the SVG.
///
/// Series elements carry `lp-c<n>`, which sets the private `--lp-c` that line, marker, band and
/// bar rules read; this keeps colour out of element attributes. Class names are prefixed `lp-`
/// because a `<style>` inside inline SVG applies to the whole HTML page; every figure writes the
/// same rules, so repeats are harmless. The text contains no characters that need escaping, so
/// it reads the same as XML text and as raw HTML `<style>` content.
enum Stylesheet {
    static let text: String = {
        let palette = PaletteColor.allCases.map {
            ".lp-c\($0.rawValue){--lp-c:var(\($0.cssVariable),\($0.fallback))}"
        }
        let rules = [
            ".lp{font-family:inherit;font-size:12px}",
            ".lp text{fill:var(--plot-text,#374151)}",
            ".lp-axis{stroke:var(--plot-axis,#9ca3af);fill:none}",
            ".lp-grid{stroke:var(--plot-grid,#e5e7eb);fill:none}",
            ".lp-line{fill:none;stroke:var(--lp-c);stroke-width:2;stroke-linejoin:round;stroke-linecap:round}",
            ".lp-marker{fill:var(--lp-c);stroke:var(--plot-bg,#fff);stroke-width:.75}",
            ".lp-band{fill:var(--lp-c);fill-opacity:.16}",
            ".lp-band-edge{fill:none;stroke:var(--lp-c);stroke-opacity:.5;stroke-width:1}",
            ".lp-bar{fill:var(--lp-c)}",
            ".lp-rule{stroke:var(--plot-axis,#9ca3af);stroke-width:1.25}",
            ".lp-rule.lp-colored{stroke:var(--lp-c)}",
            ".lp-arrow{stroke:var(--plot-text,#374151);fill:none;stroke-width:1.25}",
            ".lp-arrowhead{fill:var(--plot-text,#374151)}",
            ".lp-halo{paint-order:stroke;stroke:var(--plot-bg,#fff);stroke-width:3px;stroke-linejoin:round}",
            ".lp-title{font-size:13px;font-weight:600}",
            ".lp-label{font-size:12.5px}",
            ".lp-legend-bg{fill:var(--plot-bg,#fff);fill-opacity:.9;stroke:var(--plot-grid,#e5e7eb)}",
        ]
        return (rules + palette).joined()
    }()
}
