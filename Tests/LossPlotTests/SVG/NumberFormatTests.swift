import Foundation
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

    /// The obvious version: round to hundredths, print, trim zeros.
    static func reference(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int64((min(max(value, -NumberFormat.limit), NumberFormat.limit) * 100).rounded())
        if hundredths == 0 { return "0" }
        var text = String(format: "%.2f", Double(hundredths) / 100)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    @Test func coordinatesMatchTheReference() {
        var generator = RobustnessTests.Generator(state: 7)
        var values: [Double] = [0, -0.0, 0.004, -0.004, 0.005, -0.005, 0.05, 0.5, 1, -1, 10.1, 99.99, 100, 1e9, -1e9, 2e9, -3e12,
                                .nan, .infinity, -.infinity, 0.015, 1.005, 123.45]
        for _ in 0..<20000 { values.append(generator.value()) }
        for value in values {
            #expect(NumberFormat.coordinate(value) == Self.reference(value), "\(value)")
        }
        var appended = "M"
        NumberFormat.appendCoordinate(-12.5, to: &appended)
        #expect(appended == "M-12.5")
    }
}
