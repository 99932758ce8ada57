/// Insertion-ordered unique elements: batches keep the course's order, so builds are repeatable.
struct OrderedSet<Element: Hashable>: Sequence, ExpressibleByArrayLiteral {
    private var seen: Set<Element> = []
    private(set) var elements: [Element] = []

    init(arrayLiteral elements: Element...) {
        for element in elements { append(element) }
    }

    mutating func append(_ element: Element) {
        if seen.insert(element).inserted { elements.append(element) }
    }

    func makeIterator() -> IndexingIterator<[Element]> { elements.makeIterator() }
}
