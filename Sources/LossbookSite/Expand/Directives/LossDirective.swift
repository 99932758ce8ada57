import LossEngine

/// `loss`: a table of a loss computed by the engine — the inputs of each item, its loss and the
/// gradient of the reduced loss with respect to each prediction — and the reduced value.
enum LossDirective: Directive {
    static let name = "loss"

    static func run(_ fields: inout FieldReader, context: DirectiveContext) -> GeneratedBlock? {
        let name = fields.string("loss", required: true)
        let args = fields.value("args", required: true).flatMap { EngineValues.mapping($0, fields: &fields) }
        let reduction = Computation.reductionField(&fields) ?? .mean
        let digits = fields.int("digits") ?? 4
        let caption = fields.string("caption")
        guard let name, let args, !fields.hasErrors else { return nil }
        guard let descriptor = LossCatalog.descriptor(named: name) else {
            let suggestion = Spelling.closest(to: name, among: LossCatalog.all.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
            fields.error("lossbook.loss.unknown", at: fields.position, "unknown loss '\(name)'\(suggestion); `lossbook eval --list` lists them")
            return nil
        }
        let reduced: LossEvaluation
        let items: LossEvaluation?
        do {
            reduced = try LossCatalog.evaluate(name, args: args, reduction: reduction)
            items = descriptor.reductions.contains(.none) ? try LossCatalog.evaluate(name, args: args, reduction: .none) : nil
        } catch {
            fields.error("lossbook.loss.compute", at: fields.position, "loss '\(name)': \(error)")
            return nil
        }
        let perItem = items.map { rows(of: $0.value) } ?? []
        let count = perItem.count
        // Columns: every argument (given or defaulted) with one entry per item, then the loss, then gradients.
        var columns: [(header: String, cells: [EngineValue])] = []
        for spec in descriptor.args {
            guard let value = args[spec.name], case .array(let entries) = value, entries.count == count, count > 0 else { continue }
            columns.append((spec.name, entries))
        }
        let lossHeader = "loss"
        var gradientColumns: [(String, [EngineValue])] = []
        for argument in descriptor.differentiable {
            guard let gradient = reduced.gradients[argument], case .array(let entries) = gradient, entries.count == count else { continue }
            gradientColumns.append(("∂L/∂\(argument)", entries))
        }
        let format = { (value: EngineValue) -> String in Self.format(value, digits: digits) }
        var writer = HTMLWriter()
        writer.element("div", ["class": "table-wrapper"]) { w in
            w.element("table", ["class": "computed", "id": context.idPrefix]) { w in
                w.element("caption") { w in
                    if let caption { w.text(caption + " ") }
                    w.text("\(name), reduction \(reduction.rawValue): L = ")
                    w.element("strong", ["class": "computed-value"], text: format(reduced.value))
                    w.text(". Computed by the engine at build time.")
                }
                w.element("thead") { w in
                    w.element("tr") { w in
                        if count > 0 { w.element("th", ["scope": "col"], text: "i") }
                        for column in columns { w.element("th", ["scope": "col"], text: column.header) }
                        if count > 0 { w.element("th", ["scope": "col"], text: lossHeader) }
                        for (header, _) in gradientColumns { w.element("th", ["scope": "col"], text: header) }
                    }
                }
                w.element("tbody") { w in
                    for row in 0..<count {
                        w.element("tr") { w in
                            w.element("td", text: String(row))
                            for column in columns { w.element("td", text: format(column.cells[row])) }
                            w.element("td", text: format(perItem[row]))
                            for (_, cells) in gradientColumns { w.element("td", text: format(cells[row])) }
                        }
                    }
                }
            }
        }
        return GeneratedBlock(label: nil, number: nil, html: writer.html)
    }

    /// The per-item values of a `.none` evaluation, one per row.
    private static func rows(of value: EngineValue) -> [EngineValue] {
        if case .array(let entries) = value { return entries }
        return [value]
    }

    static func format(_ value: EngineValue, digits: Int) -> String {
        switch value {
        case .number(let number): NumberFormat.format(number, digits: digits)
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): text
        case .array(let entries): "[" + entries.map { format($0, digits: digits) }.joined(separator: ", ") + "]"
        }
    }
}
