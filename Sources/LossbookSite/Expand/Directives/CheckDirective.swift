import Foundation

/// `check`: a numerical claim of the prose that the build verifies. All values under `equal`
/// must agree within `tolerance` (absolute, and relative to the larger magnitude). A false claim
/// stops the build at the directive; a true one shows as a small verified note.
///
/// Values are compared as finite numbers: infinity would "agree" with anything within a
/// relative tolerance, and NaN with nothing. A value that is not finite is therefore an error,
/// unless the claim says it is about infinity with `infinite: true`; then every value must be
/// the same infinity (all +∞ or all −∞).
enum CheckDirective: Directive {
    static let name = "check"

    static func run(_ fields: inout FieldReader, context: DirectiveContext) -> GeneratedBlock? {
        let claim = fields.string("claim", required: true)
        let tolerance = fields.double("tolerance") ?? 1e-9
        let aboutInfinity = fields.bool("infinite") ?? false
        var computations: [Computation] = []
        var positions: [SourcePosition] = []
        if let equal = fields.value("equal", required: true) {
            guard case .sequence(let items, _) = equal, items.count >= 2 else {
                fields.error("lossbook.check.equal", at: equal.position, "'equal' must be a list of at least two values to compare")
                return nil
            }
            for item in items {
                if let computation = Computation.parse(item, fields: &fields) {
                    computations.append(computation)
                    positions.append(item.position)
                }
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
        // Swift prints a NaN with its sign bit ("-nan"), which means nothing to a reader.
        let described = values.map { $0.isNaN ? "nan" : "\($0)" }
        let shown = described.joined(separator: " vs ")
        if aboutInfinity {
            guard first.isInfinite, values.allSatisfy({ $0 == first }) else {
                fields.error("lossbook.check.failed", at: fields.position,
                             "check failed: \(claim): the claim is about infinity ('infinite: true'), but the values are not all the same infinity (\(shown))")
                return nil
            }
        } else if let index = values.firstIndex(where: { !$0.isFinite }) {
            fields.error("lossbook.check.non-finite", at: positions[index],
                         "check failed: \(claim): value \(index + 1) is \(described[index]), not a finite number (\(shown)); "
                         + "a check compares finite values (write 'infinite: true' if the claim is that they are all infinite)")
            return nil
        }
        for value in values.dropFirst() {
            let scale = max(Swift.abs(first), Swift.abs(value))
            let agrees = value == first || Swift.abs(value - first) <= tolerance * max(1, scale)
            if !agrees {
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
