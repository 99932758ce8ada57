/// The ticks of one axis: positions in data units and their labels.
struct AxisTicks: Sendable, Equatable {
    var values: [Double]
    var labels: [String]
    /// Unlabelled short ticks between the labelled ones: 2×…9× each decade on a log axis that
    /// labels every decade, so readers can estimate values between powers of ten.
    var minor: [Double] = []

    /// Ticks for a numeric axis with about `count` ticks.
    static func numeric(domain: ClosedRange<Double>, type: ScaleType, count: Int) -> AxisTicks {
        switch type {
        case .linear:
            let (values, step) = LinearTicks.ticks(lo: domain.lowerBound, hi: domain.upperBound, count: count)
            return AxisTicks(values: values, labels: TickFormat.linear(values, step: step))
        case .log:
            let values = LogTicks.ticks(lo: domain.lowerBound, hi: domain.upperBound, count: count)
            return AxisTicks(values: values, labels: TickFormat.log(values),
                             minor: LogTicks.minorTicks(lo: domain.lowerBound, hi: domain.upperBound, majors: values))
        }
    }

    /// One tick per category, at x = 0, 1, 2, …
    static func categorical(_ categories: [String]) -> AxisTicks {
        AxisTicks(values: categories.indices.map(Double.init), labels: categories)
    }

    var widestLabel: Double { labels.map { TextMetrics.width($0) }.max() ?? 0 }
}
