import Foundation

/// Tick selection for linear scales: steps of 1, 2 or 5 times a power of ten.
///
/// The step is the 1-2-5 value nearest (in ratio) to `span / count`, the rule d3 uses; it gives
/// between about `count / 2` and `2 × count` ticks. Arithmetic is arranged so that huge domains
/// (near ±Double.max) never overflow and tiny ones never produce `0.30000000000000004`.
enum LinearTicks {
    /// The 1-2-5 step for about `count` intervals over `[lo, hi]`, or `nil` if the span is empty
    /// or not finite.
    static func step(lo: Double, hi: Double, count: Int) -> Double? {
        let n = Double(max(1, count))
        let raw = hi / n - lo / n
        guard raw > 0, raw.isFinite else { return nil }
        let power = (log10(raw)).rounded(.down)
        let base = pow(10, power)
        guard base > 0, base.isFinite else { return nil }
        let error = raw / base
        let factor: Double = error >= 50.0.squareRoot() ? 10 : error >= 10.0.squareRoot() ? 5 : error >= 2.0.squareRoot() ? 2 : 1
        let step = factor * base
        return step.isFinite ? step : nil
    }

    /// Tick values inside `[lo, hi]` at multiples of `step`.
    static func values(lo: Double, hi: Double, step: Double) -> [Double] {
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        // Too many or unrepresentable multiples: the domain is tiny relative to its magnitude.
        guard first.isFinite, last.isFinite, last >= first, last - first <= 1000 else { return [] }
        // Dividing by an integer inverse is exact where multiplying by 0.1 is not.
        let inverse = (1 / step).rounded()
        let useInverse = step < 1 && inverse.isFinite && abs(inverse * step - 1) < 1e-12
        var values: [Double] = []
        var i = first
        while i <= last {
            let v = useInverse ? i / inverse : i * step
            values.append(v == 0 ? 0 : v)  // no -0
            i += 1
        }
        return values
    }

    /// Ticks for a domain; falls back to the domain's ends when no 1-2-5 step fits.
    static func ticks(lo: Double, hi: Double, count: Int) -> (values: [Double], step: Double?) {
        guard let step = step(lo: lo, hi: hi, count: count) else {
            return (lo == hi ? [lo] : [lo, hi], nil)
        }
        let values = values(lo: lo, hi: hi, step: step)
        return values.isEmpty ? ([lo, hi], nil) : (values, step)
    }

    /// Extends `[lo, hi]` outward to multiples of the tick step, keeping ends the caller fixed.
    /// Iterates because widening can change the step (as d3's `nice` does).
    static func nice(lo: Double, hi: Double, count: Int, fixLower: Bool, fixUpper: Bool) -> ClosedRange<Double> {
        var lo = lo, hi = hi
        var previous: Double?
        for _ in 0..<10 {
            guard let step = step(lo: lo, hi: hi, count: count), step != previous else { break }
            previous = step
            let newLo = fixLower ? lo : (lo / step).rounded(.down) * step
            let newHi = fixUpper ? hi : (hi / step).rounded(.up) * step
            guard newLo.isFinite, newHi.isFinite, newLo < newHi else { break }
            lo = newLo == 0 ? 0 : newLo
            hi = newHi == 0 ? 0 : newHi
        }
        return lo...hi
    }
}
