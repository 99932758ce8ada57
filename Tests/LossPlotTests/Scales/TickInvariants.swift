import Foundation
import Testing
@testable import LossPlot

/// Checks every tick set must satisfy, whatever the domain.
enum TickInvariants {
    /// Whether `step` is 1, 2 or 5 times a power of ten.
    static func isOneTwoFive(_ step: Double) -> Bool {
        let power = LogTicks.power10(Int(log10(step).rounded(.down)))
        let m = step / power
        return [1.0, 2, 5, 10].contains { abs(m - $0) < 1e-9 }
    }

    static func check(_ domain: ClosedRange<Double>, count: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let (values, step) = LinearTicks.ticks(lo: domain.lowerBound, hi: domain.upperBound, count: count)
        #expect(!values.isEmpty, "no ticks for \(domain)", sourceLocation: sourceLocation)
        #expect(values.allSatisfy { $0.isFinite }, "non-finite tick for \(domain)", sourceLocation: sourceLocation)
        #expect(values == values.sorted(), sourceLocation: sourceLocation)
        #expect(values.count <= 2 * count + 2, "\(values.count) ticks for \(domain)", sourceLocation: sourceLocation)
        let slack = (domain.upperBound / 2 - domain.lowerBound / 2) * 1e-9
        #expect(values.allSatisfy { $0 >= domain.lowerBound - slack && $0 <= domain.upperBound + slack }, "ticks outside \(domain): \(values)", sourceLocation: sourceLocation)
        if let step {
            #expect(isOneTwoFive(step), "step \(step) for \(domain)", sourceLocation: sourceLocation)
        }
        let labels = TickFormat.linear(values, step: step)
        #expect(Set(labels).count == labels.count, "duplicate labels \(labels) for \(domain)", sourceLocation: sourceLocation)
        #expect(!labels.contains { $0.hasPrefix("-") || $0 == "−0" || $0.hasPrefix("−0.0") && Double($0.dropFirst()) == 0 }, "bad minus in \(labels)", sourceLocation: sourceLocation)
    }
}
