import Foundation
import LossEngine
import LossPlot

/// `plot`: a figure drawn at build time from the engine's numbers — loss curves, densities,
/// activations, probability bars — as inline SVG that restyles with the page's theme.
/// The fields are documented in docs/authoring.md.
enum PlotDirective: Directive {
    static let name = "plot"
    static let drawsFigure = true

    static func run(_ fields: inout FieldReader, context: DirectiveContext) -> GeneratedBlock? {
        let pristine = fields
        let header = FigureHeader.read(&fields)
        let idPrefix = header.label ?? context.idPrefix
        let slider = Slider.read(&fields)
        guard let figure = figure(&fields, header: header, idPrefix: idPrefix, setting: slider.map { ($0.parameter, $0.initial) }),
              let title = header.title, !fields.hasErrors else { return nil }
        guard let slider else { return header.block(figure: figure, title: title) }
        // One frame per value, all computed now; the page's script only chooses which one shows.
        var frames: [(value: Double, figure: Figure)] = []
        for (index, value) in slider.values.enumerated() {
            var scratch = pristine
            let frameHeader = FigureHeader.read(&scratch)
            _ = Slider.read(&scratch)
            guard let frame = Self.figure(&scratch, header: frameHeader, idPrefix: "\(idPrefix)-\(index)", setting: (slider.parameter, value)) else {
                for diagnostic in scratch.diagnostics where !fields.diagnostics.contains(diagnostic) { fields.report(diagnostic) }
                return nil
            }
            frames.append((value, frame))
        }
        return header.sliderBlock(frames: frames, initial: slider.initialIndex, label: slider.label, title: title)
    }

    /// The figure for one setting of the slider's parameter (or the only figure, without a slider).
    private static func figure(_ fields: inout FieldReader, header: FigureHeader, idPrefix: String,
                               setting: (String, Double)?) -> Figure? {
        let kind = fields.string("kind") ?? "curves"
        switch kind {
        case "curves": return curveFigure(&fields, header: header, idPrefix: idPrefix, setting: setting)
        case "bars": return barFigure(&fields, header: header, idPrefix: idPrefix, setting: setting)
        case "likelihood": return LikelihoodFigure.figure(&fields, header: header, idPrefix: idPrefix)
        default:
            fields.error(.plotKind, at: fields.position, "unknown plot kind '\(kind)'; use curves, bars or likelihood")
            return nil
        }
    }

    // MARK: - Curves

    private static func curveFigure(_ fields: inout FieldReader, header: FigureHeader, idPrefix: String,
                                    setting: (String, Double)?) -> Figure? {
        let xAxis = AxisSpec.read(fields.value("x"), name: "x", fields: &fields)
        let yAxis = AxisSpec.read(fields.value("y"), name: "y", fields: &fields)
        let views = fields.strings("views") ?? [yAxis.scale.rawValue]
        guard let lower = xAxis.min, let upper = xAxis.max else {
            _ = fields.value("curves")  // read, so that it is not also reported as unknown
            if !xAxis.invalid {
                fields.error(.plotRange, at: fields.position, "a curve plot needs its x range: x: {min: -3, max: 3}")
            }
            return nil
        }
        guard lower < upper, lower.isFinite, upper.isFinite else {
            _ = fields.value("curves")
            // AxisSpec.read has said why, at the axis.
            if !xAxis.invalid {
                fields.error(.plotRange, at: xAxis.position ?? fields.position, "the x range is empty: min (\(lower)) must be below max (\(upper))")
            }
            return nil
        }
        let xs = sampleGrid(lower...upper, scale: xAxis.scale)
        var marks: [Mark] = []
        guard case .sequence(let items, _)? = fields.value("curves", required: true) else {
            if !fields.hasErrors { fields.error(.plotCurves, at: fields.position, "'curves' must be a list of curves") }
            return nil
        }
        for item in items {
            marks += curveMarks(item, xs: xs, setting: setting, fields: &fields)
        }
        marks += annotationMarks(&fields, setting: setting)
        var panels: [Panel] = []
        for view in views {
            guard let scale = ScaleType(rawValue: view) else {
                fields.error(.plotViews, at: fields.position, "unknown view '\(view)'; views are linear and log")
                continue
            }
            var y = yAxis.axis
            y.scale = scale
            let title: String? = views.count > 1 ? (scale == .log ? "Log scale" : "Linear scale") : nil
            panels.append(Panel(title: title, x: xAxis.axis, y: y, marks: marks))
        }
        return Figure(title: header.title ?? "", description: header.description, panels: panels,
                      height: views.count > 1 ? 340 : 400, idPrefix: idPrefix)
    }

    /// 241 points, as LossPlot samples functions: round values of common ranges are hit exactly,
    /// so kinks (MAE at 0, Huber at δ) are drawn where they are.
    private static func sampleGrid(_ range: ClosedRange<Double>, scale: ScaleType) -> [Double] {
        let count = 241
        if scale == .log, range.lowerBound > 0 {
            let a = log10(range.lowerBound), b = log10(range.upperBound)
            return (0..<count).map { index -> Double in
                let t = Double(index) / Double(count - 1)
                return pow(10, a + (b - a) * t)
            }
        }
        return (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1) }
    }

    private static func curveMarks(_ value: YAMLValue, xs: [Double], setting: (String, Double)?,
                                   fields: inout FieldReader) -> [Mark] {
        var curve = FieldReader(value, path: fields.path, subject: "a curve")
        defer {
            curve.rejectUnknownFields()
            for diagnostic in curve.diagnostics { fields.report(diagnostic) }
        }
        let label = curve.string("label")
        let derivative = curve.bool("derivative") ?? false
        let both = curve.bool("both") ?? false
        var series: [(String?, [Double])] = []
        do {
            if let loss = curve.string("loss") {
                guard let descriptor = LossCatalog.descriptor(named: loss) else {
                    let suggestion = Spelling.closest(to: loss, among: LossCatalog.all.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                    curve.error(.plotUnknownLoss, at: value.position, "unknown loss '\(loss)'\(suggestion)")
                    return []
                }
                var args = curve.value("args").flatMap { EngineValues.mapping($0, fields: &curve) } ?? [:]
                if let (parameter, value) = setting, descriptor.arg(parameter) != nil {
                    args[parameter] = .number(value)
                }
                var against = CurveSampler.Against.defaultFor(descriptor)
                if let text = curve.string("against") {
                    guard let parsed = CurveSampler.Against(rawValue: text) else {
                        curve.error(.plotAgainst, at: value.position, "unknown 'against: \(text)'; use residual, margin, logit or probability")
                        return []
                    }
                    against = parsed
                }
                var link: Activation?
                if let text = curve.string("link") {
                    link = Activation(rawValue: text)
                    if link == nil { curve.error(.plotLink, at: value.position, "unknown link '\(text)'; use an activation such as sigmoid") }
                }
                let target = curve.double("target")
                let name = label ?? loss
                if both || !derivative {
                    series.append((name, try CurveSampler.loss(loss, args: args, against: against, derivative: false,
                                                               link: link, target: target, xs: xs)))
                }
                if both || derivative {
                    series.append((both ? "\(name), derivative" : name,
                                   try CurveSampler.loss(loss, args: args, against: against, derivative: true,
                                                         link: link, target: target, xs: xs)))
                }
            } else if let density = curve.string("density") {
                var params = Computation.doubleMapping(curve.value("params"), fields: &curve)
                if let (parameter, value) = setting,
                   DistributionCatalog.parameterSpecs.first(where: { $0.name == density })?.params.contains(where: { $0.0 == parameter }) == true {
                    params[parameter] = value
                }
                let log = curve.bool("log") ?? false
                series.append((label ?? density, try CurveSampler.density(density, params: params, log: log, xs: xs)))
            } else if let name = curve.string("activation") {
                guard let activation = Activation(rawValue: name) else {
                    curve.error(.plotActivation, at: value.position,
                                "unknown activation '\(name)'; known: \(Activation.allCases.map(\.rawValue).joined(separator: ", "))")
                    return []
                }
                let shown = label ?? name
                if both || !derivative { series.append((shown, xs.map(activation.value))) }
                if both || derivative { series.append((both ? "\(shown), derivative" : shown, xs.map(activation.derivative))) }
            } else if curve.bool("misclassification") == true {
                series.append((label ?? "0–1 loss", CurveSampler.misclassification(xs: xs)))
            } else {
                curve.error(.plotCurve, at: value.position, "a curve needs one of 'loss', 'density', 'activation' or 'misclassification: true'")
                return []
            }
        } catch {
            curve.error(.plotCompute, at: value.position, error.message)
            return []
        }
        return series.map { name, ys in
            .line(LineMark(name: name, points: zip(xs, ys).map { Point(x: $0, y: $1.isFinite ? $1 : .nan) }))
        }
    }

    /// Rules (`rules: [{x: 1, label: δ}]`) and labelled points (`points: [{x:, y:, label:}]`).
    private static func annotationMarks(_ fields: inout FieldReader, setting: (String, Double)?) -> [Mark] {
        var marks: [Mark] = []
        if let rules = fields.value("rules") {
            for item in listItems(rules, field: "rules", fields: &fields) {
                var rule = FieldReader(item, path: fields.path, subject: "a rule")
                var x = rule.double("x"), y = rule.double("y")
                let label = rule.string("label")
                // `follows: slider` moves a rule with the slider (a decision threshold, δ).
                if rule.string("follows") == "slider", let (_, value) = setting {
                    if x != nil { x = value } else if y != nil { y = value }
                }
                rule.rejectUnknownFields()
                switch (x, y) {
                case (let x?, nil): marks.append(.rule(RuleMark(x: x, label: label)))
                case (nil, let y?): marks.append(.rule(RuleMark(y: y, label: label)))
                default: rule.error(.plotRule, at: item.position, "a rule needs exactly one of 'x' or 'y'")
                }
                for diagnostic in rule.diagnostics { fields.report(diagnostic) }
            }
        }
        if let points = fields.value("points") {
            for item in listItems(points, field: "points", fields: &fields) {
                var point = FieldReader(item, path: fields.path, subject: "a point")
                let x = point.double("x", required: true), y = point.double("y", required: true), label = point.string("label")
                point.rejectUnknownFields()
                if let x, let y {
                    marks.append(.text(TextMark(at: Point(x: x, y: y), text: label ?? "", showsDot: true)))
                }
                for diagnostic in point.diagnostics { fields.report(diagnostic) }
            }
        }
        return marks
    }

    private static func listItems(_ value: YAMLValue, field: String, fields: inout FieldReader) -> [YAMLValue] {
        guard case .sequence(let items, _) = value else {
            fields.error(.fieldType, at: value.position, "'\(field)' must be a list")
            return []
        }
        return items
    }

    // MARK: - Bars

    private static func barFigure(_ fields: inout FieldReader, header: FigureHeader, idPrefix: String,
                                  setting: (String, Double)?) -> Figure? {
        let yAxis = AxisSpec.read(fields.value("y"), name: "y", fields: &fields)
        var y = yAxis.axis
        if y.label == nil { y.label = "probability" }
        if y.min == nil { y.min = 0 }
        if let mass = fields.string("mass") {
            var params = Computation.doubleMapping(fields.value("params"), fields: &fields)
            if let (parameter, value) = setting { params[parameter] = value }
            let xAxis = AxisSpec.read(fields.value("x"), name: "x", fields: &fields)
            let lower = Int(xAxis.min ?? 0), upper = Int(xAxis.max ?? 10)
            guard lower <= upper, upper - lower <= 200 else {
                fields.error(.plotRange, at: fields.position, "a mass plot needs 0 to 200 whole numbers: x: {min: 0, max: 10}")
                return nil
            }
            do {
                let values = try CurveSampler.mass(mass, params: params, range: lower...upper)
                let bars = BarMark(categories: (lower...upper).map(String.init), series: [BarSeries(name: nil, values: values)])
                var x = xAxis.axis
                x.min = nil
                x.max = nil
                return Figure(title: header.title ?? "", description: header.description,
                              panels: [Panel(x: x, y: y, marks: [.bars(bars)])], legend: .hidden, idPrefix: idPrefix)
            } catch {
                fields.error(.plotCompute, at: fields.position, error.message)
                return nil
            }
        }
        guard let logits = fields.doubles("logits", required: true) else { return nil }
        let categories = fields.strings("categories") ?? logits.indices.map { String($0) }
        let transform = fields.string("transform") ?? "softmax"
        var temperatures = fields.doubles("temperatures")
        if let (parameter, value) = setting, parameter == "temperature" { temperatures = [value] }
        guard categories.count == logits.count else {
            fields.error(.plotCategories, at: fields.position,
                         "'categories' has \(categories.count) names for \(logits.count) logits")
            return nil
        }
        var series: [BarSeries] = []
        switch transform {
        case "softmax":
            for temperature in temperatures ?? [1] {
                guard temperature > 0 else {
                    fields.error(.plotTemperature, at: fields.position, "temperatures must be positive, found \(temperature)")
                    return nil
                }
                let probabilities = StableMath.softmax(logits.map { $0 / temperature })
                series.append(BarSeries(name: temperatures == nil ? nil : "T = \(NumberFormat.format(temperature))", values: probabilities))
            }
        case "sigmoid":
            series.append(BarSeries(name: nil, values: logits.map(Activation.sigmoid.value)))
        case "none":
            series.append(BarSeries(name: nil, values: logits))
        default:
            fields.error(.plotTransform, at: fields.position, "unknown transform '\(transform)'; use softmax, sigmoid or none")
            return nil
        }
        let legend: LegendPlacement = series.count > 1 ? .top : .hidden
        let x = Axis(label: fields.string("xlabel"), grid: false)
        return Figure(title: header.title ?? "", description: header.description,
                      panels: [Panel(x: x, y: y, marks: [.bars(BarMark(categories: categories, series: series))])],
                      legend: legend, idPrefix: idPrefix)
    }

}

/// `slider: {parameter: delta, values: [0.5, 1, 2], initial: 1, label: δ}`: the figure is drawn
/// once per value, and the reader switches between the drawings. Nothing is recomputed in the browser.
struct Slider {
    var parameter: String
    var values: [Double]
    var initial: Double
    var label: String

    var initialIndex: Int { values.firstIndex(of: initial) ?? 0 }

    static func read(_ fields: inout FieldReader) -> Slider? {
        guard let value = fields.value("slider") else { return nil }
        var slider = FieldReader(value, path: fields.path, subject: "the slider")
        defer {
            slider.rejectUnknownFields()
            for diagnostic in slider.diagnostics { fields.report(diagnostic) }
        }
        guard let parameter = slider.string("parameter", required: true),
              let values = slider.doubles("values", required: true) else { return nil }
        guard (2...Limits.sliderValues).contains(values.count) else {
            slider.error(.plotSlider, at: value.position, "a slider needs between 2 and 40 values, found \(values.count)")
            return nil
        }
        let initial = slider.double("initial") ?? values[values.count / 2]
        guard values.contains(initial) else {
            slider.error(.plotSlider, at: value.position, "the slider's initial value \(initial) is not one of its values")
            return nil
        }
        return Slider(parameter: parameter, values: values, initial: initial, label: slider.string("label") ?? parameter)
    }
}

/// The fields every figure directive shares: label, title, caption, description.
struct FigureHeader {
    var label: String?
    var title: String?
    var caption: String?
    var description: String?

    static func read(_ fields: inout FieldReader, titleRequired: Bool = true) -> FigureHeader {
        let label = fields.string("label")
        if let label, !label.hasPrefix("fig-") {
            fields.error(.labelPrefix, at: fields.position, "figure label '\(label)' must start with 'fig-'")
        }
        return FigureHeader(label: label, title: fields.string("title", required: titleRequired),
                            caption: fields.string("caption"), description: fields.string("description"))
    }

    /// `<figure>` with the SVG and a caption whose number is filled in when the course is numbered.
    func block(figure: Figure, title: String) -> GeneratedBlock {
        var writer = HTMLWriter()
        writer.element("figure", ["class": "plot", "id": label]) { w in
            Self.writeLayouts(of: figure, into: &w)
            writeCaption(title: title, into: &w)
        }
        return GeneratedBlock(label: label, number: nil, html: writer.html)
    }

    /// The figure twice: laid out for a wide column and for a phone's. The page's style sheet
    /// shows one of them by the width of the figure (a container query, no script); the other is
    /// `display: none`, so it is neither painted nor in the accessibility tree. Inline SVG cannot
    /// use `<picture>`, and one SVG cannot re-lay its ticks and legend with CSS alone; the cost is
    /// the second copy's bytes. Ids stay unique: the narrow copy's prefix ends in `-narrow`.
    /// Both are drawn by one call, which does what does not depend on the width once.
    static func writeLayouts(of figure: Figure, into w: inout HTMLWriter) {
        let svg = figure.svgLayoutBytes()
        w.element("div", ["class": "plot-layout plot-wide"]) { $0.raw(bytes: svg.wide) }
        w.element("div", ["class": "plot-layout plot-narrow"]) { $0.raw(bytes: svg.narrow) }
    }

    /// `<figcaption>`: "Figure N." (the number is filled in when the course is numbered), the
    /// title, then the caption or, failing that, `fallback`.
    func writeCaption(title: String, fallback: String? = nil, note: String? = nil, into w: inout HTMLWriter) {
        w.element("figcaption") { w in
            if label != nil {
                w.element("span", ["class": "figure-number"], text: "Figure \(GeneratedBlock.numberPlaceholder).")
                w.text(" ")
            }
            // The bold title is a sentence of its own: it ends with a full stop.
            w.element("strong") { DirectiveText.write(Self.sentence(title), into: &$0) }
            if let text = caption ?? fallback {
                w.text(" ")
                DirectiveText.write(text, into: &w)
            }
            if let note { w.text(" " + note) }
        }
    }

    /// `text` ending in a full stop, unless it already ends in a stop, question or exclamation mark.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingWhitespacesAndNewlines
        guard let last = trimmed.last else { return trimmed }
        return ".?!…".contains(last) ? trimmed : trimmed + "."
    }

    /// A figure with one frame per slider value; without JavaScript the initial frame shows.
    func sliderBlock(frames: [(value: Double, figure: Figure)], initial: Int, label sliderLabel: String, title: String) -> GeneratedBlock {
        var writer = HTMLWriter()
        writer.element("figure", ["class": "plot plot-slider", "id": label]) { w in
            for (index, frame) in frames.enumerated() {
                w.element("div", ["class": "plot-frame", "data-value": NumberFormat.format(frame.value, digits: 6),
                                  "hidden": index == initial ? nil : ""]) { Self.writeLayouts(of: frame.figure, into: &$0) }
            }
            w.element("div", ["class": "plot-slider-controls"]) { w in
                // The label wraps only its slider; the value is an <output> beside it, which is
                // not labelable content and so must not sit inside the <label>.
                w.element("label") { w in
                    w.element("span", ["class": "plot-slider-name"], text: sliderLabel)
                    w.void("input", ["type": "range", "class": "plot-slider-input", "min": "0", "max": String(frames.count - 1),
                                     "step": "1", "value": String(initial), "aria-label": "\(sliderLabel) for \(title)"])
                }
                w.element("span", ["class": "plot-slider-value"]) { w in
                    w.text("= ")
                    w.element("output", text: NumberFormat.format(frames[initial].value, digits: 6))
                }
            }
            writeCaption(title: title, into: &w)
        }
        return GeneratedBlock(label: label, number: nil, html: writer.html)
    }
}

/// An axis as written in a directive: `{label: loss, min: 0, max: 5, scale: log}`.
struct AxisSpec {
    var label: String?
    var min: Double?
    var max: Double?
    var scale: ScaleType = .linear
    var position: SourcePosition?
    /// Reading it reported an error, which says all there is to say about the range.
    var invalid = false

    var axis: Axis { Axis(label: label, scale: scale, min: min, max: max) }

    static func read(_ value: YAMLValue?, name: String, fields: inout FieldReader) -> AxisSpec {
        guard let value else { return AxisSpec() }
        var axis = FieldReader(value, path: fields.path, subject: "the \(name) axis")
        var spec = AxisSpec(label: axis.string("label"), min: axis.double("min"), max: axis.double("max"), position: value.position)
        if let scale = axis.string("scale") {
            if let parsed = ScaleType(rawValue: scale) {
                spec.scale = parsed
            } else {
                axis.error(.plotScale, at: value.position, "unknown scale '\(scale)'; use linear or log")
            }
        }
        for (key, number) in [("min", spec.min), ("max", spec.max)] {
            if let number, !number.isFinite {
                axis.error(.plotRange, at: value.position, "the \(name) axis's \(key) must be a finite number, found \(number.isNaN ? "nan" : "\(number)")")
            }
        }
        if let min = spec.min, let max = spec.max, min.isFinite, max.isFinite, min >= max {
            axis.error(.plotRange, at: value.position, "the \(name) range is empty: min (\(min)) must be below max (\(max))")
        }
        axis.rejectUnknownFields()
        spec.invalid = axis.hasErrors
        for diagnostic in axis.diagnostics { fields.report(diagnostic) }
        return spec
    }
}
