import Testing
@testable import LossPlot

@Suite struct LogTicksTests {
    @Test func manyDecadesAreStrided() {
        let values = LogTicks.ticks(lo: 1e-5, hi: 1e3, count: 5)
        #expect(values == [1e-4, 1e-2, 1, 1e2])
        #expect(TickFormat.log(values) == ["10⁻⁴", "10⁻²", "10⁰", "10²"])
    }

    @Test func fewDecadesShowEveryDecade() {
        let values = LogTicks.ticks(lo: 1e-3, hi: 10, count: 6)
        #expect(values == [1e-3, 1e-2, 1e-1, 1, 10])
        #expect(TickFormat.log(values) == ["0.001", "0.01", "0.1", "1", "10"])
    }

    @Test func twoDecadesAddTwoAndFiveMultiples() {
        let values = LogTicks.ticks(lo: 1, hi: 100, count: 5)
        #expect(values == [1, 2, 5, 10, 20, 50, 100])
        #expect(TickFormat.log(values) == ["1", "2", "5", "10", "20", "50", "100"])
    }

    @Test func insideOneDecadeFallsBackToLinearTicks() {
        let values = LogTicks.ticks(lo: 2, hi: 8, count: 5)
        #expect(values.count >= 3)
        #expect(values.allSatisfy { $0 >= 2 && $0 <= 8 })
    }

    @Test func tinyAndHugeDecadesUsePowers() {
        #expect(TickFormat.log([1e-12, 1e-9]) == ["10⁻¹²", "10⁻⁹"])
        #expect(TickFormat.log([2e-7, 5e-7]) == ["2×10⁻⁷", "5×10⁻⁷"])
    }

    @Test func niceWidensToWholeDecades() {
        #expect(LogTicks.nice(lo: 0.013, hi: 97, fixLower: false, fixUpper: false) == 0.01...100)
        #expect(LogTicks.nice(lo: 0.013, hi: 97, fixLower: true, fixUpper: false) == 0.013...100)
    }

    @Test func invalidDomainsGiveNoGarbage() {
        #expect(LogTicks.ticks(lo: -1, hi: 10, count: 5).isEmpty)
        #expect(LogTicks.ticks(lo: 5, hi: 5, count: 5) == [5])
    }
}

@Suite struct LogMinorTicksTests {
    @Test func consecutiveDecadesGetMinorTicks() {
        let majors = LogTicks.ticks(lo: 1e-3, hi: 10, count: 6)
        let minor = LogTicks.minorTicks(lo: 1e-3, hi: 10, majors: majors)
        #expect(minor.count == 8 * 4)
        #expect(minor.first == 2e-3 && minor.last == 9)
    }

    @Test func stridedOrDenseTicksGetNone() {
        let strided = LogTicks.ticks(lo: 1e-5, hi: 1e3, count: 5)
        #expect(LogTicks.minorTicks(lo: 1e-5, hi: 1e3, majors: strided).isEmpty)
        let dense = LogTicks.ticks(lo: 1, hi: 100, count: 5)
        #expect(LogTicks.minorTicks(lo: 1, hi: 100, majors: dense).isEmpty)
    }
}
