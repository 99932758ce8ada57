import Foundation

/// A position scale: maps a closed data domain onto a pixel range.
///
/// Scales know nothing of marks; marks ask a scale for positions (the Observable Plot split).
/// `position(_:)` returns `nil` for values the scale cannot show (non-finite values, and
/// non-positive values on a log scale) so marks can break lines there instead of inventing a
/// point.
struct Scale: Sendable, Equatable {
    var type: ScaleType
    var domain: ClosedRange<Double>
    /// Pixel positions of `domain.lowerBound` and `domain.upperBound`; `end < start` for y axes.
    var start: Double
    var end: Double

    func position(_ value: Double) -> Double? {
        guard value.isFinite, let p = rawPosition(value), !p.isNaN else { return nil }
        // Values absurdly far outside a tiny domain map to ±∞; a large finite stand-in keeps
        // the clipping arithmetic (∞ − ∞) well defined, and clipping removes it anyway.
        return min(max(p, -Self.farAway), Self.farAway)
    }

    static let farAway = 1.0e7

    private func rawPosition(_ value: Double) -> Double? {
        switch type {
        case .linear:
            // Halving both sides keeps `hi - lo` finite even for domains near ±Double.max.
            let lo = domain.lowerBound / 2, hi = domain.upperBound / 2
            let span = hi - lo
            guard span > 0 else { return (start + end) / 2 }
            return start + (value / 2 - lo) / span * (end - start)
        case .log:
            guard value > 0, domain.lowerBound > 0 else { return nil }
            let lo = log10(domain.lowerBound), hi = log10(domain.upperBound)
            guard hi > lo else { return (start + end) / 2 }
            return start + (log10(value) - lo) / (hi - lo) * (end - start)
        }
    }

    /// Like `position(_:)`, but clamps to the ends of the range; for bar baselines and similar
    /// anchors that must stay on the canvas.
    func clampedPosition(_ value: Double) -> Double {
        // Unshowable anchors (0 on a log scale) sit at the low end, where a bar would start.
        guard let p = position(value) else { return start }
        let lo = min(start, end), hi = max(start, end)
        return min(max(p, lo), hi)
    }

    /// Whether a value lies inside the domain (inclusive, with a little slack for rounding).
    func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        let slack = (domain.upperBound / 2 - domain.lowerBound / 2) * 2e-9  // halves: no overflow
        return value >= domain.lowerBound - slack && value <= domain.upperBound + slack
    }
}
