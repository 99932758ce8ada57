/// Input validation shared by the losses. Every check throws a ``LossError`` naming the argument.
enum Check {
    static func finite(_ x: [Double], _ argument: String) throws {
        for v in x where !v.isFinite { throw LossError.nonFinite(argument: argument) }
    }

    static func finite(_ x: Double, _ argument: String) throws {
        if !x.isFinite { throw LossError.nonFinite(argument: argument) }
    }

    static func nonEmpty(_ count: Int, _ argument: String) throws {
        if count == 0 { throw LossError.emptyInput(argument: argument) }
    }

    static func count(_ x: [Double], _ expected: Int, _ argument: String) throws {
        if x.count != expected { throw LossError.shapeMismatch(argument: argument, expected: [expected], found: [x.count]) }
    }

    static func count(_ x: [Int], _ expected: Int, _ argument: String) throws {
        if x.count != expected { throw LossError.shapeMismatch(argument: argument, expected: [expected], found: [x.count]) }
    }

    static func shape(_ t: Tensor, _ expected: [Int], _ argument: String) throws {
        if t.shape != expected { throw LossError.shapeMismatch(argument: argument, expected: expected, found: t.shape) }
    }

    static func rank(_ t: Tensor, _ rank: Int, _ argument: String, _ what: String) throws {
        if t.rank != rank {
            throw LossError.badShape(argument: argument, reason: "expected \(rank) dimensions (\(what)), found shape \(t.shape)")
        }
    }

    static func positive(_ x: [Double], _ argument: String) throws {
        for v in x where !(v > 0) { throw LossError.nonPositive(argument: argument, value: v) }
    }

    static func positive(_ x: Double, _ argument: String) throws {
        if !(x > 0) { throw LossError.nonPositive(argument: argument, value: x) }
    }

    static func nonNegative(_ x: [Double], _ argument: String) throws {
        for v in x where !(v >= 0) { throw LossError.outOfDomain(argument: argument, value: v, domain: "[0, ∞)") }
    }

    static func nonNegative(_ x: Double, _ argument: String) throws {
        if !(x >= 0) { throw LossError.outOfDomain(argument: argument, value: x, domain: "[0, ∞)") }
    }

    static func probability(_ x: [Double], _ argument: String) throws {
        if allWithin(x, 0, 1) { return }
        for v in x where !(v >= 0 && v <= 1) { throw LossError.probabilityOutOfRange(argument: argument, value: v) }
    }

    /// True when every element lies in [lo, hi] (NaN does not): four lanes at a time with the
    /// comparisons ANDed together and no branch per element (the scalar loop's branch cost
    /// 0.6–0.8 ns per element, a tenth of bce_with_logits); the caller's scalar loop then finds
    /// the first offending value for the error.
    static func allWithin(_ x: [Double], _ lo: Double, _ hi: Double) -> Bool {
        x.withUnsafeBufferPointer { b in
            guard let p = b.baseAddress else { return true }
            var tally = WithinTally(lo, hi)
            var i = 0
            while i + 4 <= b.count {
                tally.include(p.lanes(at: i))
                i += 4
            }
            while i < b.count {
                tally.include(Lanes(repeating: b[i]))
                i += 1
            }
            return tally.allWithin
        }
    }

    static func probability(_ x: Double, _ argument: String) throws {
        if !(x >= 0 && x <= 1) { throw LossError.probabilityOutOfRange(argument: argument, value: x) }
    }

    static func openUnit(_ x: [Double], _ argument: String) throws {
        for v in x where !(v > 0 && v < 1) { throw LossError.outOfDomain(argument: argument, value: v, domain: "(0, 1)") }
    }

    static func signs(_ x: [Double], _ argument: String) throws {
        for v in x where v != 1 && v != -1 { throw LossError.outOfDomain(argument: argument, value: v, domain: "{-1, 1}") }
    }

    static func binary(_ x: [Double], _ argument: String) throws {
        for v in x where v != 0 && v != 1 { throw LossError.outOfDomain(argument: argument, value: v, domain: "{0, 1}") }
    }

    static func classIndices(_ x: [Int], classes: Int, ignore: Int? = nil, _ argument: String) throws {
        for v in x where v != ignore && (v < 0 || v >= classes) {
            throw LossError.classIndexOutOfRange(argument: argument, index: v, classCount: classes)
        }
    }

    /// Bounds the work (or memory) a loss would need, so a hostile input cannot hang or exhaust
    /// the process: throws ``LossError/tooLarge(argument:count:limit:)`` when `work > limit`.
    static func work(_ work: Double, limit: Double = 2e8, _ argument: String) throws {
        if work > limit { throw LossError.tooLarge(argument: argument, count: Int(Swift.min(work, 9e18)), limit: Int(limit)) }
    }

    /// Broadcast a parameter given once or per element to `count` values.
    static func broadcast(_ x: [Double], to count: Int, _ argument: String) throws -> [Double] {
        if x.count == count { return x }
        if x.count == 1 { return [Double](repeating: x[0], count: count) }
        throw LossError.shapeMismatch(argument: argument, expected: [count], found: [x.count])
    }
}

extension Check {
    static func shapeEqual(_ found: [Int], _ expected: [Int], _ argument: String) throws {
        if found != expected { throw LossError.shapeMismatch(argument: argument, expected: expected, found: found) }
    }
}

/// Whether every value shown lies in [lo, hi] (NaN does not), as the comparisons of each vector
/// ANDed into one mask: no branch per element. A fused loss loop that loads its targets anyway
/// tallies them as it goes, so the targets are read once instead of by a check pass first
/// (0.16–0.23 ns an element, 3–4 % of bce_with_logits); the scalar check then names the first
/// offending value only when the tally says there is one.
struct WithinTally {
    private let lo: Lanes, hi: Lanes
    private var within = LaneBits(repeating: -1)

    @_transparent
    init(_ lo: Double, _ hi: Double) {
        self.lo = Lanes(repeating: lo)
        self.hi = Lanes(repeating: hi)
    }

    @_transparent
    mutating func include(_ v: Lanes) {
        within &= unsafeBitCast((v .>= lo) .& (v .<= hi), to: LaneBits.self)
    }

    var allWithin: Bool { VectorMath.allLanes(unsafeBitCast(within, to: LaneMask.self)) }
}
