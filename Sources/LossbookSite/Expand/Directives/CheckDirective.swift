import Foundation

/// `check`: a numerical claim of the prose that the build verifies. All values under `equal`
/// must agree within `tolerance` (absolute, and relative to the larger magnitude). A false claim
/// stops the build at the directive; a true one shows as a small verified note.
enum CheckDirective: Directive {
    static let name = "check"

    static func run(_ fields: inout FieldReader, context: DirectiveContext) -> GeneratedBlock? {
        let claim = fields.string("claim", required: true)
        let tolerance = fields.double("tolerance") ?? 1e-9
        var computations: [Computation] = []
        if let equal = fields.value("equal", required: true) {
            guard case .sequence(let items, _) = equal, items.count >= 2 else {
                fields.error("lossbook.check.equal", at: equal.position, "'equal' must be a list of at least two values to compare")
                return nil
            }
            for item in items {
                if let computation = Computation.parse(item, fields: &fields) { computations.append(computation) }
            }
        }
        guard let claim, !fields.hasErrors else { return nil }
        var values: [Double] = []
        for computation in computations {
            switch computation.evaluate() {
            case .success(let value): values.append(value)
            case .failure(let error):
                fields.error("lossbook.check.compute", at: error.position, error.message)
                return nil
            }
        }
        guard let first = values.first else { return nil }
        for value in values.dropFirst() {
            let scale = max(Swift.abs(first), Swift.abs(value))
            let agrees = value == first || Swift.abs(value - first) <= tolerance * max(1, scale)
            if !agrees {
                let shown = values.map { "\($0)" }.joined(separator: " vs ")
                fields.error("lossbook.check.failed", at: fields.position,
                             "check failed: \(claim): the values differ (\(shown)), beyond the tolerance \(tolerance)")
                return nil
            }
        }
        var writer = HTMLWriter()
        writer.element("p", ["class": "check", "id": context.idPrefix]) { w in
            w.element("span", ["class": "check-mark", "aria-hidden": "true"], text: "✓")
            w.text(" Checked at build time: \(claim) (")
            w.text(values.map { NumberFormat.format($0, digits: 10) }.joined(separator: " = "))
            w.text(").")
        }
        return GeneratedBlock(label: nil, number: nil, html: writer.html)
    }
}
