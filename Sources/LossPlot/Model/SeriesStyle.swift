/// The palette. Each colour is drawn through a CSS custom property with a fallback,
/// `var(--plot-c1, #2563eb)`, so a page can restyle the palette (for dark mode, say) without
/// touching the SVG. The colours are mid-saturation and distinguishable for common forms of
/// colour blindness when combined with the per-series dash patterns.
public enum PaletteColor: Int, Sendable, Hashable, CaseIterable {
    case blue = 1, orange, green, purple, pink, cyan, ochre, slate

    /// The CSS custom property that restyles this colour.
    public var cssVariable: String { "--plot-c\(rawValue)" }

    /// The colour used when the page does not set ``cssVariable``.
    public var fallback: String {
        switch self {
        case .blue: "#2563eb"
        case .orange: "#ea580c"
        case .green: "#059669"
        case .purple: "#9333ea"
        case .pink: "#db2777"
        case .cyan: "#0891b2"
        case .ochre: "#ca8a04"
        case .slate: "#475569"
        }
    }
}

/// Dash patterns, so series stay distinguishable in greyscale and for readers who cannot tell
/// the colours apart.
public enum DashPattern: String, Sendable, Hashable, CaseIterable {
    case solid, dashed, dotted, dashDot, longDash, dashDotDot

    /// The `stroke-dasharray` value, or `nil` for a solid line.
    var dashArray: String? {
        switch self {
        case .solid: nil
        case .dashed: "6 4"
        case .dotted: "1.5 3"
        case .dashDot: "8 3 1.5 3"
        case .longDash: "12 4"
        case .dashDotDot: "8 3 1.5 3 1.5 3"
        }
    }
}

/// Marker shapes for points and for optional markers on lines.
public enum MarkerShape: String, Sendable, Hashable, CaseIterable {
    case circle, square, triangle, diamond, triangleDown, cross
}

/// How one series looks. Anything left `nil` is chosen automatically from the series' position
/// among the figure's distinct series: the n-th series gets the n-th colour, dash and marker.
public struct SeriesStyle: Sendable, Hashable {
    public var color: PaletteColor?
    public var dash: DashPattern?
    public var marker: MarkerShape?
    /// Draw markers along a line (at its points, or spread evenly along a sampled function).
    public var showsMarkers: Bool

    public init(color: PaletteColor? = nil, dash: DashPattern? = nil, marker: MarkerShape? = nil, showsMarkers: Bool = false) {
        self.color = color
        self.dash = dash
        self.marker = marker
        self.showsMarkers = showsMarkers
    }

    public static let automatic = SeriesStyle()
}

/// A series style with every choice made; what marks render with.
struct ResolvedStyle: Sendable, Hashable {
    var color: PaletteColor
    var dash: DashPattern
    var marker: MarkerShape
    var showsMarkers: Bool
    /// Which of the figure's distinct series this is (0-based); spreads markers apart.
    var seriesIndex: Int

    /// The CSS class that sets `--lp-c` to this colour.
    var colorClass: String { "lp-c\(color.rawValue)" }

    static func automatic(index: Int, overrides: SeriesStyle) -> ResolvedStyle {
        let colors = PaletteColor.allCases, dashes = DashPattern.allCases, markers = MarkerShape.allCases
        return ResolvedStyle(
            color: overrides.color ?? colors[index % colors.count],
            dash: overrides.dash ?? dashes[index % dashes.count],
            marker: overrides.marker ?? markers[index % markers.count],
            showsMarkers: overrides.showsMarkers,
            seriesIndex: index
        )
    }
}
