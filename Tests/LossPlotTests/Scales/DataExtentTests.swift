import Testing
@testable import LossPlot

@Suite struct DataExtentTests {
    @Test func linearAndPositiveRangesSkipWhatTheScaleCannotShow() {
        let extent = DataExtent([3, .nan, -2, .infinity, 0, 7, -.infinity, 0.5])
        #expect(extent.linear == -2...7)
        #expect(extent.positive == 0.5...7)
        #expect(extent.range(for: .log) == 0.5...7)
    }

    @Test func emptyOrUnusableValuesHaveNoRange() {
        #expect(DataExtent([]).linear == nil)
        let negatives = DataExtent([-1, -2, .nan])
        #expect(negatives.linear == -2 ... -1)
        #expect(negatives.positive == nil)
    }
}
