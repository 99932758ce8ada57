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
        resolve(extent: DataExtent(values), type: type, min: fixedMin, max: fixedMax, tickCount: tickCount)
    }

    /// `resolve(values:…)` from the values' extent, found once per axis however many tick
    /// counts and layouts are tried.
    static func resolve(
        extent: DataExtent,
        type: ScaleType,
        min fixedMin: Double?,
        max fixedMax: Double?,
        tickCount: Int
    ) -> ClosedRange<Double> {
        let usable = extent.range(for: type)
        let fixedMin = fixedMin.flatMap { isUsable($0, type) ? $0 : nil }
        let fixedMax = fixedMax.flatMap { isUsable($0, type) ? $0 : nil }

        var lo = fixedMin ?? usable?.lowerBound ?? fixedMax.map { defaultLower(below: $0, type) } ?? (type == .log ? 1 : 0)
        var hi = fixedMax ?? usable?.upperBound ?? fixedMin.map { defaultUpper(above: $0, type) } ?? (type == .log ? 10 : 1)
        if lo > hi {
            // A fixed bound on the wrong side of all the data: keep the fixed end, flip the other.
            if fixedMin != nil && fixedMax == nil { hi = defaultUpper(above: lo, type) }
            else if fixedMax != nil && fixedMin == nil { lo = defaultLower(below: hi, type) }
            else { swap(&lo, &hi) }
        }
        if isDegenerate(lo, hi) {
            let padded = pad(center: lo / 2 + hi / 2, type: type)
            if fixedMin == nil { lo = padded.lowerBound }
            if fixedMax == nil { hi = padded.upperBound }
            if isDegenerate(lo, hi) { lo = padded.lowerBound; hi = padded.upperBound }
        }
        // Padding near the ends of the Double range can overflow; fall back rather than
        // hand infinities to the tick code.
        guard lo.isFinite, hi.isFinite, lo < hi, type == .linear || lo > 0 else {
            return type == .log ? 1...10 : 0...1
        }
        let nice: ClosedRange<Double>
        switch type {
        case .linear:
            nice = LinearTicks.nice(lo: lo, hi: hi, count: tickCount, fixLower: fixedMin != nil, fixUpper: fixedMax != nil)
        case .log:
            nice = LogTicks.nice(lo: lo, hi: hi, fixLower: fixedMin != nil, fixUpper: fixedMax != nil)
        }
        return nice.lowerBound.isFinite && nice.upperBound.isFinite ? nice : lo...hi
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
        guard center.isFinite, type == .linear || center > 0 else { return type == .log ? 1...10 : -1...1 }
        let lo: Double, hi: Double
        switch type {
        case .log:
            lo = center / 10
            hi = center * 10
        case .linear:
            if center == 0 { return -1...1 }
            let margin = LogTicks.power10(Int(log10(center.magnitude).rounded(.down)))
            lo = center - margin
            hi = center + margin
        }
        // Values at the very ends of the Double range cannot be padded by a decade; fall back
        // to half their magnitude, then to the default domain.
        if lo.isFinite, hi.isFinite, lo < hi, type == .linear || lo > 0 { return lo...hi }
        let halfLo = center - center.magnitude / 2, halfHi = center + center.magnitude / 2
        if type == .linear, halfLo < halfHi, halfLo.isFinite, halfHi.isFinite { return halfLo...halfHi }
        return type == .log ? 1...10 : -1...1
    }

    /// A default far end for a domain with only one fixed end; never infinite.
    private static func defaultUpper(above v: Double, _ type: ScaleType) -> Double {
        Swift.min(type == .log ? v * 10 : v + Swift.max(1, v.magnitude), .greatestFiniteMagnitude)
    }

    private static func defaultLower(below v: Double, _ type: ScaleType) -> Double {
        type == .log ? Swift.max(v / 10, .leastNormalMagnitude) : Swift.max(v - Swift.max(1, v.magnitude), -.greatestFiniteMagnitude)
    }
}
