/// A tiny typed SVG tree.
///
/// Marks and layout code build values of this type and never concatenate markup. Turning the
/// tree into text happens in exactly one place, ``SVGSerializer``, which is therefore the only
/// code that has to get escaping right (the JohnSundell/Plot model).
enum SVGNode: Sendable, Equatable {
    case element(SVGElement)
    case text(String)
}

/// One attribute. Attributes are kept in the order they were added, which is fixed by the code
/// that builds them, so output is deterministic without sorting (and stays readable: `id` and
/// `class` first, geometry after).
struct SVGAttribute: Sendable, Equatable {
    var name: String
    var value: String
}

/// An element with ordered attributes and children.
struct SVGElement: Sendable, Equatable {
    var name: String
    var attributes: [SVGAttribute]
    var children: [SVGNode]

    init(_ name: String, attributes: [SVGAttribute] = [], children: [SVGNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The value of an attribute, for tests and post-passes.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

extension SVGNode {
    /// Builds an element. Attributes whose value is `nil` are left out, so optional styling
    /// reads naturally at the call site (`"stroke-dasharray": dash`).
    static func el(
        _ name: String,
        _ attributes: KeyValuePairs<String, String?> = [:],
        _ children: [SVGNode] = []
    ) -> SVGNode {
        let kept = attributes.compactMap { pair in
            pair.value.map { SVGAttribute(name: pair.key, value: $0) }
        }
        return .element(SVGElement(name, attributes: kept, children: children))
    }

    /// A group, the unit every mark renders into (one `<g>` per mark, as in Observable Plot).
    static func group(_ attributes: KeyValuePairs<String, String?> = [:], _ children: [SVGNode]) -> SVGNode {
        el("g", attributes, children)
    }

    /// Every element in the tree, depth first; for tests.
    var allElements: [SVGElement] {
        guard case .element(let element) = self else { return [] }
        return [element] + element.children.flatMap(\.allElements)
    }
}
