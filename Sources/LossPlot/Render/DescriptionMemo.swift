/// Sentences of a figure's generated `<desc>` already written for one layout, so that the other
/// layout of the same figure (wide and narrow) does not write them again.
///
/// A sentence depends on the panel's data and the domains its axes were given, not on pixels,
/// so it is kept under those domains: a layout whose domains come out differently (fewer ticks
/// round a free end differently) writes its own. Notes and arrows are not kept: whether they
/// are described depends on whether they fit the plot area, which is a matter of pixels.
struct DescriptionMemo: Sendable {
    struct Key: Hashable, Sendable {
        /// The panel, and the mark within it; `nil` for the panel's axis sentence.
        var panel: Int
        var mark: Int?
        var x: Domain
        var y: Domain
    }

    struct Domain: Hashable, Sendable {
        var type: ScaleType
        var lower: Double
        var upper: Double

        init(_ scale: Scale) {
            type = scale.type
            lower = scale.domain.lowerBound
            upper = scale.domain.upperBound
        }
    }

    private var sentences: [Key: String?] = [:]

    /// The sentence under `key`, made by `make` the first time.
    mutating func sentence(_ key: Key, make: () -> String?) -> String? {
        if let known = sentences[key] { return known }
        let made = make()
        sentences[key] = made
        return made
    }
}
