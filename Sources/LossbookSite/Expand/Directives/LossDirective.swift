import LossEngine

/// `loss`: a table of a loss — the inputs of each item (numbered from 1), its loss and the gradient
/// of the reduced loss with respect to each prediction — and the reduced value, under the reader's
/// caption and column labels (`caption`, `columns`, `total`; formulas between dollars render).
enum LossDirective: Directive {
    static let name = "loss"

    static func run(_ fields: inout FieldReader, context: DirectiveContext) -> GeneratedBlock? {
        let name = fields.string("loss", required: true)
        let args = fields.value("args", required: true).flatMap { EngineValues.mapping($0, fields: &fields) }
        let reduction = Computation.reductionField(&fields) ?? .mean
        let digits = fields.int("digits") ?? 4
        let caption = fields.string("caption")
        let total = fields.string("total")
        let labels = columnLabels(&fields)
        guard let name, let args, !fields.hasErrors else { return nil }
        guard let descriptor = LossCatalog.descriptor(named: name) else {
            let suggestion = Spelling.closest(to: name, among: LossCatalog.all.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
            fields.error(.lossUnknown, at: fields.position, "unknown loss '\(name)'\(suggestion); `lossbook eval --list` lists them")
            return nil
        }
        if let labels {
            let known = ["item", "loss"] + descriptor.args.map(\.name) + descriptor.differentiable.map { "\($0).grad" }
            for (key, position) in labels.positions where !known.contains(key) {
                let suggestion = Spelling.closest(to: key, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                fields.error(.lossColumn, at: position,
                             "unknown column '\(key)'\(suggestion); the columns of '\(name)' are \(known.joined(separator: ", "))")
            }
            if fields.hasErrors { return nil }
        }
        let reduced: LossEvaluation
        let items: LossEvaluation?
        do {
            reduced = try LossCatalog.evaluate(name, args: args, reduction: reduction)
            items = descriptor.reductions.contains(.none) ? try LossCatalog.evaluate(name, args: args, reduction: .none) : nil
        } catch {
            fields.error(.lossCompute, at: fields.position, "loss '\(name)': \(error)")
            return nil
        }
        let perItem = items.map { rows(of: $0.value) } ?? []
        let count = perItem.count
        let label = { (key: String, fallback: String) -> String in labels?.text[key] ?? fallback }
        // Columns: every argument (given or defaulted) with one entry per item, then the loss, then gradients.
        var columns: [(header: String, cells: [EngineValue])] = []
        for spec in descriptor.args {
            guard let value = args[spec.name], case .array(let entries) = value, entries.count == count, count > 0 else { continue }
            columns.append((label(spec.name, spec.name), entries))
        }
        var gradientColumns: [(String, [EngineValue])] = []
        let lossSymbol = reduction == .none ? "\\ell_i" : "L"
        for argument in descriptor.differentiable {
            guard let gradient = reduced.gradients[argument], case .array(let entries) = gradient, entries.count == count else { continue }
            gradientColumns.append((label("\(argument).grad", "$\\partial \(lossSymbol) / \\partial$ \(argument)"), entries))
        }
        let format = { (value: EngineValue) -> String in Self.format(value, digits: digits) }
        var writer = HTMLWriter()
        writer.element("div", ["class": "table-wrapper"]) { w in
            w.element("table", ["class": "computed", "id": context.idPrefix]) { w in
                let reducedNumber = reduced.value.doubleValue
                if caption != nil || reducedNumber != nil {
                    w.element("caption") { w in
                        if let caption { DirectiveText.write(caption, into: &w) }
                        if let reducedNumber {
                            if caption != nil { w.text(" ") }
                            DirectiveText.write(total ?? Self.totalLabel(reduction), into: &w)
                            w.text(": ")
                            w.element("strong", ["class": "computed-value"], text: NumberFormat.format(reducedNumber, digits: digits))
                            w.text(".")
                        }
                    }
                }
                w.element("thead") { w in
                    w.element("tr") { w in
                        if count > 0 { w.element("th", ["scope": "col"]) { DirectiveText.write(label("item", "Item"), into: &$0) } }
                        for column in columns { w.element("th", ["scope": "col"]) { DirectiveText.write(column.header, into: &$0) } }
                        if count > 0 { w.element("th", ["scope": "col"]) { DirectiveText.write(label("loss", "Loss"), into: &$0) } }
                        for (header, _) in gradientColumns { w.element("th", ["scope": "col"]) { DirectiveText.write(header, into: &$0) } }
                    }
                }
                w.element("tbody") { w in
                    for row in 0..<count {
                        w.element("tr") { w in
                            // Items are numbered as a reader counts them, from 1.
                            w.element("td", text: String(row + 1))
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

    /// What the reduced value is called when the author does not say.
    static func totalLabel(_ reduction: Reduction) -> String {
        switch reduction {
        case .mean: "Mean loss"
        case .sum: "Total loss"
        case .batchmean: "Total loss divided by the number of rows"
        case .none: "Loss"
        }
    }

    /// The `columns` field: a mapping from a column's key (an argument, `item`, `loss`, or
    /// `<argument>.grad`) to the label a reader sees. Keys are checked once the loss is known.
    private static func columnLabels(_ fields: inout FieldReader) -> (text: [String: String], positions: [(String, SourcePosition)])? {
        guard let value = fields.value("columns") else { return nil }
        guard case .mapping(let pairs, _) = value else {
            fields.error(.fieldType, at: value.position,
                         "'columns' must be a mapping from a column to its label, such as {input: '$\\hat y$', loss: '$\\ell$'}")
            return nil
        }
        var text: [String: String] = [:]
        var positions: [(String, SourcePosition)] = []
        for pair in pairs {
            guard case .scalar(let label, _, _, _) = pair.value else {
                fields.error(.fieldType, at: pair.value.position, "the label of column '\(pair.key)' must be text, found \(FieldReader.describe(pair.value))")
                continue
            }
            text[pair.key] = label
            positions.append((pair.key, pair.keyPosition))
        }
        return (text, positions)
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
