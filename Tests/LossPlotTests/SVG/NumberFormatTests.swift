import Testing
@testable import LossPlot

@Suite struct NumberFormatTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (-0.004, "0"), (0.004, "0"), (0.005, "0.01"),
        (12.5, "12.5"), (12.50, "12.5"), (3.14159, "3.14"), (-2.5, "-2.5"), (0.05, "0.05"),
        (100, "100"), (-100.999, "-101"), (1.1, "1.1"), (2.0 / 3, "0.67"),
    ])
    func coordinates(value: Double, expected: String) {
        #expect(NumberFormat.coordinate(value) == expected)
    }

    @Test func nonFiniteAndHugeStayWellFormed() {
        #expect(NumberFormat.coordinate(.nan) == "0")
        #expect(NumberFormat.coordinate(.infinity) == "0")
        #expect(NumberFormat.coordinate(1e300) == "1000000000")
        #expect(NumberFormat.coordinate(-1e300) == "-1000000000")
    }
}
