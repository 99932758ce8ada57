import Testing
@testable import LossPlot

@Suite struct LinearTicksTests {
    @Test func awkwardUnitRangeGetsTenthsOrFifths() {
        let (values, step) = LinearTicks.ticks(lo: 0.013, hi: 0.97, count: 5)
        #expect(step == 0.2)
        #expect(values == [0.2, 0.4, 0.6, 0.8])
        #expect(TickFormat.linear(values, step: step) == ["0.2", "0.4", "0.6", "0.8"])
        // Computed from data, the domain is rounded out to [0, 1].
        #expect(LinearTicks.nice(lo: 0.013, hi: 0.97, count: 5, fixLower: false, fixUpper: false) == 0...1)
    }

    @Test func symmetricNegativeRange() {
        let (values, step) = LinearTicks.ticks(lo: -3, hi: 3, count: 5)
        #expect(step == 1)
        #expect(values == [-3, -2, -1, 0, 1, 2, 3])
        #expect(TickFormat.linear(values, step: step) == ["−3", "−2", "−1", "0", "1", "2", "3"])
    }

    @Test func entirelyNegativeRange() {
        let (values, step) = LinearTicks.ticks(lo: -0.052, hi: -0.001, count: 5)
        #expect(step == 0.01)
        #expect(values == [-0.05, -0.04, -0.03, -0.02, -0.01])
        #expect(TickFormat.linear(values, step: step).first == "−0.05")
    }

    @Test func decimalsAreExactNotFloatingNoise() {
        let (values, _) = LinearTicks.ticks(lo: 0, hi: 0.3, count: 3)
        #expect(values == [0, 0.1, 0.2, 0.3])
    }

    @Test func hugeRangesDoNotOverflow() {
        let (values, step) = LinearTicks.ticks(lo: -1e308, hi: 1e308, count: 5)
        #expect(values.allSatisfy { $0.isFinite })
        #expect(values.contains(0))
        #expect(step.map(TickInvariants.isOneTwoFive) == true)
        let labels = TickFormat.linear([0, 1e300, 2e300], step: 1e300)
        #expect(labels == ["0", "10³⁰⁰", "2×10³⁰⁰"])
    }

    @Test func niceKeepsFixedEnds() {
        #expect(LinearTicks.nice(lo: -3, hi: 2.7, count: 5, fixLower: true, fixUpper: false) == -3...3)
        #expect(LinearTicks.nice(lo: 0.1, hi: 2.7, count: 5, fixLower: false, fixUpper: true) == 0...2.7)
    }

    @Test(arguments: [
        0.013...0.97, -3...3, -7.31...(-7.29), 0...1e-7, 1...1.000001, -1e-3...1e-3, 0...1e300,
        -1e308...1e308, 123_456...987_654, -0.5...9.5, 1e-300...2e-300, 0.1...0.30000000000000004,
    ])
    func invariantsHold(domain: ClosedRange<Double>) {
        for count in [2, 3, 5, 8, 10] { TickInvariants.check(domain, count: count) }
    }
}
