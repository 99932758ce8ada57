/// The smallest and largest values of an axis's data that each scale type can show: every
/// finite value on a linear scale, the positive ones on a log scale.
///
/// Found in one pass when a figure is laid out, because the domain is resolved many times from
/// the same data: once per x tick count tried, per panel, and again for the narrow layout.
struct DataExtent: Sendable, Equatable {
    /// The finite values' range, or `nil` if there are none.
    var linear: ClosedRange<Double>?
    /// The finite positive values' range, or `nil` if there are none.
    var positive: ClosedRange<Double>?

    init<Values: Sequence>(_ values: Values) where Values.Element == Double {
        // Ties keep the first value met, as `min()` and `max()` do (it matters for -0 and 0).
        var lo = Double.nan, hi = Double.nan, plo = Double.nan, phi = Double.nan
        for v in values where v.isFinite {
            if lo.isNaN { lo = v; hi = v } else {
                if v < lo { lo = v }
                if hi < v { hi = v }
            }
            if v > 0 {
                if plo.isNaN { plo = v; phi = v } else {
                    if v < plo { plo = v }
                    if phi < v { phi = v }
                }
            }
        }
        linear = lo.isNaN ? nil : lo...hi
        positive = plo.isNaN ? nil : plo...phi
    }

    func range(for type: ScaleType) -> ClosedRange<Double>? {
        type == .linear ? linear : positive
    }
}
