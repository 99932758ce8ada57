import Foundation

extension StableMath {
    /// log cosh(x).
    ///
    /// Stability: cosh overflows for |x| > 710, so for |x| ≥ 1 it is written as
    /// |x| + log1p(e^{−2|x|}) − log 2, whose exponent is never positive. For |x| < 1 it uses
    /// cosh x − 1 = 2 sinh²(x/2), i.e. log1p(2 sinh²(x/2)), which keeps full relative precision
    /// for tiny x (log cosh x ≈ x²/2) where cosh x − 1 would cancel.
    @inline(__always)
    public static func logCosh(_ x: Double) -> Double {
        let a = Swift.abs(x)
        if a < 1 {
            let s = Foundation.sinh(a / 2)
            return Foundation.log1p(2 * s * s)
        }
        return a + Foundation.log1p(Foundation.exp(-2 * a)) - M_LN2
    }
}
