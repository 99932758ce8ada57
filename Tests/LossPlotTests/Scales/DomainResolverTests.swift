import Testing
@testable import LossPlot

@Suite struct DomainResolverTests {
    @Test func singleNegativePointIsWidenedAroundIt() {
        let domain = DomainResolver.resolve(values: [-7.3, -7.3], type: .linear, min: nil, max: nil, tickCount: 5)
        #expect(domain.lowerBound < -7.3 && domain.upperBound > -7.3)
        #expect(domain.upperBound - domain.lowerBound <= 4)
        let ticks = AxisTicks.numeric(domain: domain, type: .linear, count: 5)
        #expect(ticks.values.count >= 3)
        TickInvariants.check(domain, count: 5)
    }

    @Test func singleZeroBecomesMinusOneToOne() {
        #expect(DomainResolver.resolve(values: [0], type: .linear, min: nil, max: nil, tickCount: 5) == -1...1)
    }

    @Test func singlePointOnLogScaleGetsADecadeEachSide() {
        #expect(DomainResolver.resolve(values: [5], type: .log, min: nil, max: nil, tickCount: 5) == 0.1...100)
    }

    @Test func fixedBoundsAreUsedExactly() {
        #expect(DomainResolver.resolve(values: [0.5, 20], type: .linear, min: -3, max: 3, tickCount: 5) == -3...3)
    }

    @Test func onlyTheFreeEndIsRounded() {
        #expect(DomainResolver.resolve(values: [0.2, 8.7], type: .linear, min: 0.2, max: nil, tickCount: 5) == 0.2...10)
    }

    @Test func logScaleIgnoresValuesItCannotShow() {
        let domain = DomainResolver.resolve(values: [0, -1, .nan, 12, 870], type: .log, min: -5, max: nil, tickCount: 5)
        #expect(domain == 10...1000)
    }

    @Test func noDataGivesAUnitDomain() {
        #expect(DomainResolver.resolve(values: [], type: .linear, min: nil, max: nil, tickCount: 5) == 0...1)
        #expect(DomainResolver.resolve(values: [], type: .log, min: nil, max: nil, tickCount: 5) == 1...10)
    }

    @Test func fixedBoundOnTheWrongSideOfTheData() {
        let domain = DomainResolver.resolve(values: [1, 2], type: .linear, min: 5, max: nil, tickCount: 5)
        #expect(domain.lowerBound == 5 && domain.upperBound > 5)
    }

    @Test func hugeAndTinyRanges() {
        let huge = DomainResolver.resolve(values: [-1e308, 1e308], type: .linear, min: nil, max: nil, tickCount: 5)
        #expect(huge.lowerBound.isFinite && huge.upperBound.isFinite)
        let tiny = DomainResolver.resolve(values: [1, 1 + 1e-14], type: .linear, min: nil, max: nil, tickCount: 5)
        #expect(tiny.upperBound - tiny.lowerBound >= 1)
    }
}
