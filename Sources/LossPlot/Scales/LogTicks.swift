import Foundation

/// Tick selection for base-10 log scales.
///
/// Ticks sit on decades. When there are more decades than room, every k-th decade is used;
/// when the domain spans two decades or fewer, 2× and 5× multiples are added so the axis
/// still has enough landmarks; within about a decade it falls back to linear ticks.
enum LogTicks {
    static func ticks(lo: Double, hi: Double, count: Int) -> [Double] {
        guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return lo > 0 && lo.isFinite ? [lo] : [] }
        let e0 = Int((log10(lo) - 1e-9).rounded(.up))
        let e1 = Int((log10(hi) + 1e-9).rounded(.down))
        let decades = log10(hi) - log10(lo)
        if decades <= 2.05 {
            let multiples = withMultiples(lo: lo, hi: hi)
            if multiples.count >= 3 { return multiples }
            // Less than about a decade: 1-2-5 multiples are too sparse, linear steps read better.
            let linear = LinearTicks.ticks(lo: lo, hi: hi, count: count).values.filter { $0 > 0 }
            return linear.count >= multiples.count ? linear : multiples
        }
        let available = max(1, count)
        let exponents = e1 - e0 + 1
        let stride = max(1, Int((Double(exponents) / Double(available)).rounded(.up)))
        // Align the stride on multiples so 10⁰ = 1 is a tick whenever it is in range.
        let start = Int((Double(e0) / Double(stride)).rounded(.up)) * stride
        return Swift.stride(from: start, through: e1, by: stride).map { power10($0) }
    }

    /// 1×, 2× and 5× each power of ten that fall inside the domain.
    private static func withMultiples(lo: Double, hi: Double) -> [Double] {
        let first = Int(log10(lo).rounded(.down))
        let last = Int(log10(hi).rounded(.up))
        var values: [Double] = []
        for e in first...last {
            for m in [1.0, 2.0, 5.0] {
                let v = m * power10(e)
                if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { values.append(v) }
            }
        }
        return values
    }

    /// 2×…9× every decade, when the major ticks are consecutive decades (more than two decades
    /// and few enough that the minor ticks do not blur together); empty otherwise.
    static func minorTicks(lo: Double, hi: Double, majors: [Double]) -> [Double] {
        guard majors.count >= 2, lo > 0, hi > lo, hi.isFinite else { return [] }
        let decades = log10(hi) - log10(lo)
        let consecutive = zip(majors, majors.dropFirst()).allSatisfy { abs($1 / $0 - 10) < 1e-6 }
        guard decades > 2.05, decades <= 8, consecutive else { return [] }
        var minor: [Double] = []
        for e in Int(log10(lo).rounded(.down))...Int(log10(hi).rounded(.up)) {
            for m in 2...9 {
                let v = Double(m) * power10(e)
                if v > lo && v < hi { minor.append(v) }
            }
        }
        return minor
    }

    /// Widens `[lo, hi]` to whole decades, keeping ends the caller fixed.
    static func nice(lo: Double, hi: Double, fixLower: Bool, fixUpper: Bool) -> ClosedRange<Double> {
        guard lo > 0, hi > lo, hi.isFinite else { return lo...max(lo, hi) }
        let newLo = fixLower ? lo : power10(Int((log10(lo) + 1e-9).rounded(.down)))
        let newHi = fixUpper ? hi : power10(Int((log10(hi) - 1e-9).rounded(.up)))
        guard newLo > 0, newHi.isFinite, newLo < newHi else { return lo...hi }
        return newLo...newHi
    }

    /// 10^e, exact for the decades that matter (`pow` can be off by an ulp on some platforms,
    /// which would print 0.30000000000000004-style labels).
    static func power10(_ e: Int) -> Double {
        // Parsing a decimal literal is correctly rounded.
        Double("1e\(e)") ?? (e > 0 ? .greatestFiniteMagnitude : 0)
    }
}
