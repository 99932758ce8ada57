import Foundation
import LossEngine
import LossPlot

/// `experiment`: runs one of the engine's seeded experiments at build time and shows its
/// figure, its table of metrics, or both, under the reader's title, caption and column labels
/// (`columns`). Same seed, same numbers, every build.
enum ExperimentDirective: Directive {
    static let name = "experiment"
    static let drawsFigure = true

    static func run(_ fields: inout FieldReader, context: DirectiveContext) -> GeneratedBlock? {
        let experiment = fields.string("name", required: true)
        let seed = fields.int("seed") ?? 7
        let show = fields.strings("show") ?? ["plot", "table"]
        let digits = fields.int("digits") ?? 4
        let header = FigureHeader.read(&fields, titleRequired: false)
        let columnLabels = fields.value("columns")
        guard let experiment, !fields.hasErrors else { return nil }
        for item in show where item != "plot" && item != "table" {
            fields.error(.experimentShow, at: fields.position, "unknown 'show: \(item)'; use plot, table or both")
        }
        guard ExperimentCatalog.names.contains(experiment) else {
            let suggestion = Spelling.closest(to: experiment, among: ExperimentCatalog.names).map { " (did you mean '\($0)'?)" } ?? ""
            fields.error(.experimentUnknown, at: fields.position,
                         "unknown experiment '\(experiment)'\(suggestion); known: \(ExperimentCatalog.names.joined(separator: ", "))")
            return nil
        }
        guard seed >= 0 else {
            fields.error(.experimentSeed, at: fields.position, "the seed must be a non-negative whole number")
            return nil
        }
        let result: ExperimentResult
        do {
            result = try context.experiments.result(experiment, seed: UInt64(seed))
        } catch {
            fields.error(.experimentFailed, at: fields.position, "experiment '\(experiment)' failed: \(error)")
            return nil
        }
        guard let headers = Self.headers(result.table.columns, labels: columnLabels, experiment: experiment, fields: &fields) else { return nil }
        let title = header.title ?? result.title
        var writer = HTMLWriter()
        writer.element("figure", ["class": "plot experiment", "id": header.label]) { w in
            if show.contains("plot") {
                let figure = Figure(title: title, description: header.description ?? result.summary,
                                    panels: result.figure.panels.map(panel), height: result.figure.panels.count > 1 ? 340 : 400,
                                    idPrefix: header.label ?? context.idPrefix)
                FigureHeader.writeLayouts(of: figure, into: &w)
            }
            if show.contains("table") {
                w.element("div", ["class": "table-wrapper", "role": "region", "tabindex": "0", "aria-label": "Table: \(title)"]) { w in
                    w.element("table", ["class": "computed"]) { w in
                        w.element("thead") { w in
                            w.element("tr") { w in
                                for column in headers { w.element("th", ["scope": "col"]) { DirectiveText.write(column, into: &$0) } }
                            }
                        }
                        w.element("tbody") { w in
                            for row in result.table.rows {
                                w.element("tr") { w in
                                    for cell in row {
                                        switch cell {
                                        case .text(let text): w.element("td") { DirectiveText.write(text, into: &$0) }
                                        case .number(let number): w.element("td", text: NumberFormat.format(number, digits: digits))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            header.writeCaption(title: title, fallback: result.summary, into: &w)
        }
        return GeneratedBlock(label: header.label, number: nil, html: writer.html)
    }

    /// The table's column headers: the experiment's own, with the reader's labels from the
    /// `columns` mapping (experiment column → label; formulas between dollars render) in their place.
    private static func headers(_ columns: [String], labels: YAMLValue?, experiment: String, fields: inout FieldReader) -> [String]? {
        guard let labels else { return columns }
        guard case .mapping(let pairs, _) = labels else {
            fields.error(.fieldType, at: labels.position,
                         "'columns' must be a mapping from a column of the experiment's table to its label, such as {\"Test NLL\": 'NLL on held-out points'}")
            return nil
        }
        var result = columns
        for pair in pairs {
            guard let index = columns.firstIndex(of: pair.key) else {
                let suggestion = Spelling.closest(to: pair.key, among: columns).map { " (did you mean '\($0)'?)" } ?? ""
                fields.error(.experimentColumn, at: pair.keyPosition,
                             "experiment '\(experiment)' has no column '\(pair.key)'\(suggestion); its columns are \(columns.map { "'\($0)'" }.joined(separator: ", "))")
                continue
            }
            guard case .scalar(let label, _, _, _) = pair.value else {
                fields.error(.fieldType, at: pair.value.position, "the label of column '\(pair.key)' must be text, found \(FieldReader.describe(pair.value))")
                continue
            }
            result[index] = label
        }
        return fields.hasErrors ? nil : result
    }

    private static func panel(_ panel: ExperimentPanel) -> Panel {
        var marks: [Mark] = panel.series.map { series in
            let points = zip(series.x, series.y).map { Point(x: $0, y: $1) }
            switch series.kind {
            case .line: return .line(LineMark(name: series.name, points: points))
            case .scatter: return .scatter(ScatterMark(name: series.name, points: points, radius: 2.5))
            }
        }
        marks += panel.verticalRules.map { .rule(RuleMark(x: $0)) }
        return Panel(title: panel.title, x: Axis(label: panel.xLabel), y: Axis(label: panel.yLabel, scale: panel.yLog ? .log : .linear),
                     marks: marks)
    }
}
