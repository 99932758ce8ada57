/// LossPlot draws figures as standalone, deterministic SVG.
///
/// It takes numbers and draws; it knows nothing of losses, Markdown or the site. The model is
/// declarative and made of plain `Sendable` values:
///
/// - ``Figure``: title and description (for `<title>`/`<desc>`), panels, size, legend
///   placement, id prefix. ``Figure/svg()`` renders it.
/// - ``Panel``: one plot area with an x and a y ``Axis`` (linear or log ``ScaleType``, optional
///   fixed `min`/`max`, label, grid) and its ``Mark``s.
/// - ``Mark``: ``LineMark`` (points or a sampled function), ``ScatterMark``, ``BarMark``
///   (grouped, over categories), ``BandMark`` (between two curves, or an area), ``RuleMark``
///   (vertical/horizontal, labelled), ``TextMark`` and ``ArrowMark``.
/// - ``SeriesStyle``: optional colour (``PaletteColor``), ``DashPattern``, ``MarkerShape``;
///   unset choices are made per distinct series name, consistently across panels.
///
/// ```swift
/// let curves: [Mark] = [
///     .band(BandMark(name: "±20 %", over: -3...3, lower: { 0.4 * $0 * $0 }, upper: { 0.6 * $0 * $0 })),
///     .line(LineMark(name: "MSE", function: { 0.5 * $0 * $0 }, over: -3...3)),
///     .rule(RuleMark(x: 1, label: "δ")),
/// ]
/// let figure = Figure(
///     title: "MSE",
///     panels: [
///         Panel(title: "Linear", x: Axis(label: "residual", min: -3, max: 3), y: Axis(label: "loss"), marks: curves),
///         Panel(title: "Log", x: Axis(label: "residual", min: -3, max: 3), y: Axis(label: "loss", scale: .log), marks: curves),
///     ],
///     width: 720, height: 340, legend: .top, idPrefix: "fig-mse")
/// let svg: String = figure.svg()
/// ```
///
/// ## Theming
///
/// Colours are CSS custom properties with fallbacks, so a page restyles every figure (dark mode)
/// by setting them on an ancestor of inline SVGs: `--plot-c1` … `--plot-c8` (series palette),
/// `--plot-axis`, `--plot-grid`, `--plot-text`, and `--plot-bg` (text halos and the inset legend
/// box; the figure itself has no background). Text uses `font-family: inherit`, so inline
/// figures take the page's font (a standalone file shows the viewer's default font). Elements
/// carry `lp-` classes (`lp-line`, `lp-grid`, `lp-axis`, `lp-legend`, …) for finer overrides.
///
/// ## Guarantees
///
/// All markup is produced by one serializer over a typed node tree, which escapes `& < > " '`
/// in text and attributes. Output is well-formed XML; coordinates have at most two decimals and
/// never `-0`; ids are `<prefix>-title`, `<prefix>-desc`, `<prefix>-clip-<n>`; the same figure
/// always renders to the same bytes.
public enum LossPlotVersion {
    public static let string = "0.1.0"
}
