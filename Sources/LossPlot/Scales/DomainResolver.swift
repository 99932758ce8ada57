import Foundation

/// Chooses an axis domain from the data extent and whatever bounds the caller fixed.
///
/// The rules, in order: ignore values the scale cannot show; let caller-given bounds win;
/// widen a zero-width domain (a single point) symmetrically by a round amount; then round the
/// ends the caller did not fix outward to tick steps (linear) or decades (log).
enum DomainResolver {
    static func resolve(
        values: [Double],
        type: ScaleType,
        min fixedMin: Double?,
        max fixedMax: Double?,
        tickCount: Int
    ) -> ClosedRange<Double> {
        let usable = values.filter { $0.isFinite && (type == .linear || $0 > 0) }
        let fixedMin = fixedMin.flatMap { isUsable($0, type) ? $0 : nil }
        let fixedMax = fixedMax.flatMap { isUsable($0, type) ? $0 : nil }

        var lo = fixedMin ?? usable.min() ?? fixedMax.map { defaultLower(below: $0, type) } ?? (type == .log ? 1 : 0)
        var hi = fixedMax ?? usable.max() ?? fixedMin.map { defaultUpper(above: $0, type) } ?? (type == .log ? 10 : 1)
        if lo > hi {
            // A fixed bound on the wrong side of all the data: keep the fixed end, flip the other.
            if fixedMin != nil && fixedMax == nil { hi = defaultUpper(above: lo, type) }
            else if fixedMax != nil && fixedMin == nil { lo = defaultLower(below: hi, type) }
            else { swap(&lo, &hi) }
        }
        if isDegenerate(lo, hi) {
            let padded = pad(center: (lo + hi) / 2, type: type)
            if fixedMin == nil { lo = padded.lowerBound }
            if fixedMax == nil { hi = padded.upperBound }
            if isDegenerate(lo, hi) { lo = padded.lowerBound; hi = padded.upperBound }
        }
        switch type {
        case .linear:
            return LinearTicks.nice(lo: lo, hi: hi, count: tickCount, fixLower: fixedMin != nil, fixUpper: fixedMax != nil)
        case .log:
            return LogTicks.nice(lo: lo, hi: hi, fixLower: fixedMin != nil, fixUpper: fixedMax != nil)
        }
    }

    private static func isUsable(_ v: Double, _ type: ScaleType) -> Bool {
        v.isFinite && (type == .linear || v > 0)
    }

    /// A span too small to subdivide in floating point counts as a single point.
    static func isDegenerate(_ lo: Double, _ hi: Double) -> Bool {
        let scale = Swift.max(lo.magnitude, hi.magnitude)
        return hi - lo <= scale * 1e-12 || hi - lo < Double.leastNormalMagnitude
    }

    /// Around a single value: one order of magnitude below it (so -7.3 shows -8.3…-6.3), or
    /// -1…1 around zero; on a log scale, a decade either side.
    static func pad(center: Double, type: ScaleType) -> ClosedRange<Double> {
        switch type {
        case .log:
            return (center / 10)...(center * 10)
        case .linear:
            if center == 0 { return -1...1 }
            let margin = LogTicks.power10(Int(log10(center.magnitude).rounded(.down)))
            let lo = center - margin, hi = center + margin
            guard lo.isFinite, hi.isFinite else { return (center - center.magnitude / 2)...(center + center.magnitude / 2) }
            return lo...hi
        }
    }

    private static func defaultUpper(above v: Double, _ type: ScaleType) -> Double {
        type == .log ? v * 10 : v + Swift.max(1, v.magnitude)
    }

    private static func defaultLower(below v: Double, _ type: ScaleType) -> Double {
        type == .log ? v / 10 : v - Swift.max(1, v.magnitude)
    }
}
