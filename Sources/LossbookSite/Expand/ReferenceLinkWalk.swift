/// Cross-references and links in one walk over a note: what `ReferencePass` then `LinkPass`
/// make, in one traversal instead of two. Each pass keeps its own logic, checks and
/// diagnostics; this only drives them, so that every node is visited once.
///
/// Why the result is the same: the reference pass changes text only (into pieces, links to
/// labels and unknown references), which the link pass leaves alone; the link pass changes
/// links and images only, which the reference pass only descends into. So at every node at
/// most one of them acts, and the link pass sees a link's content after the references in it
/// are resolved, as it did when it ran second. An image's alt text gets the references only:
/// the link pass never descended into it. Each pass appends its checks and diagnostics in
/// document order, as before.
struct ReferenceLinkWalk: TreePass {
    var references: ReferencePass
    var links: LinkPass

    mutating func visit(inline: Inline) -> [Inline]? {
        switch inline {
        case .link(let destination, let title, let content, let at):
            let resolved = links.resolveLink(destination, at: at)
            return [.link(destination: resolved, title: title, content: rewrite(content), at: at)]
        case .image(let source, let title, let alt, let at):
            links.checkImage(source, at: at)
            return [.image(source: source, title: title, alt: references.rewrite(alt), at: at)]
        default:
            return references.visit(inline: inline)
        }
    }
}
