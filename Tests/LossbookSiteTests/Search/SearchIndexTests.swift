import Foundation
import XCTest
@testable import LossbookSite

final class SearchIndexTests: XCTestCase {
    private func document(_ markdown: String) -> MarkdownDocument {
        let (document, problems) = MarkdownParser().parse(markdown, path: "test.md", firstLine: 1)
        XCTAssertEqual(problems, [])
        var callouts = CalloutPass(path: "test.md")
        return callouts.run(document)
    }

    static let pageA = #"""
    Every loss is an assumption about noise, written $-\log p(y \mid x)$.

    ## The Huber loss

    Quadratic for small residuals, linear for large ones: $\frac{1}{2}a^2$ near zero.

    $$
    \ell_\delta(a) = \delta\left(|a| - \tfrac{1}{2}\delta\right)
    $$

    ### Its gradient

    > [!NOTE]
    > The gradient is clipped at $\pm\delta$.

    ```swift
    let r = abs(a) // residual
    ```
    """#

    static let pageB = #"""
    Probabilities and classes. Café naïve.

    ## Cross entropy

    | loss | distribution |
    |------|--------------|
    | cross entropy | categorical |
    """#

    private func index() -> SearchIndex {
        var index = SearchIndex()
        index.add(page: "index.html", title: "A course", document: document(Self.pageA))
        index.add(page: "part/b.html", title: "Classes", document: document(Self.pageB))
        return index
    }

    func testPagesSplitIntoPassagesPerHeading() {
        let index = index()
        XCTAssertEqual(index.entries.map(\.anchor), [nil, "the-huber-loss", "its-gradient", nil, "cross-entropy"])
        XCTAssertEqual(index.entries.map(\.title), ["A course", "The Huber loss", "Its gradient", "Classes", "Cross entropy"])
        XCTAssertEqual(index.entries[0].text, "Every loss is an assumption about noise, written - log p(y | x).")
        XCTAssertEqual(index.entries[1].text, "Quadratic for small residuals, linear for large ones: 1/2 a² near zero.",
                       "inline math as readable TeX words; displayed math left out")
        XCTAssertEqual(index.entries[2].text, "Note. The gradient is clipped at ±δ. let r = abs(a) // residual")
        XCTAssertEqual(index.entries[4].text, "loss, distribution. cross entropy: categorical.",
                       "a table row by row")
    }

    func testTermsAreFoldedStemmedAndWithoutStopWords() {
        XCTAssertEqual(SearchIndex.terms(in: "Losses, probabilities & Café naïve gradients of the axis"),
                       ["loss", "probability", "&", "cafe", "naive", "gradient", "of", "the", "axis"].filter { $0 != "&" })
        let postings = index().postings()
        XCTAssertNil(postings["the"], "stop words are not indexed")
        XCTAssertEqual(postings["huber"]?.map(\.0), [1])
        XCTAssertEqual(postings["huber"]?.first?.1, SearchIndex.titleWeight, "a heading word weighs more")
        XCTAssertEqual(postings["probability"]?.map(\.0), [3])
        XCTAssertEqual(postings["cafe"]?.map(\.0), [3])
    }

    /// The index remembers how it folded each non-ASCII run; a run met again (or a canonically
    /// equivalent spelling of it) gives the terms folding it afresh gives.
    func testRememberedFoldingGivesTheSameTerms() {
        let texts = ["Café σ² ﬁnal", "café σ² and ℓ(θ)", "Cafe\u{301} ﬁnal Straße", "ΣΑΣ résumés σ²", "x₁ ℓ(θ) café"]
        var memo: SearchIndex.FoldMemo = [:]
        for text in texts + texts {
            XCTAssertEqual(SearchIndex.terms(in: text, memo: &memo), SearchIndex.terms(in: text), text)
        }
        XCTAssertFalse(memo.isEmpty)
        XCTAssertEqual(SearchIndex.terms(in: "Cafe\u{301}", memo: &memo), ["cafe"])
    }

    func testStemmerKeepsSingularEndings() {
        XCTAssertEqual(["loss", "softplus", "axis", "classes", "gradients", "is", "ies", "series"].map(SearchIndex.stem),
                       ["loss", "softplus", "axis", "class", "gradient", "is", "ies", "sery"])
    }

    func testMathTextReadsLikeTheFormula() {
        XCTAssertEqual(MathText.readable(#"\frac{1}{2}\sigma(z)"#), "1/2 σ(z)")
        XCTAssertEqual(MathText.readable(#"\operatorname{softmax}(z)_i"#), "softmax(z)ᵢ")
        XCTAssertEqual(MathText.readable(#"\left( \frac{a+b}{c} \right) \le \infty"#), "( (a+b)/c ) ≤ ∞")
        XCTAssertEqual(MathText.readable(#"y \in \mathbb{R}^K, \lVert x \rVert_2"#), "y ∈ R^K, ‖ x ‖₂")
        XCTAssertEqual(MathText.readable(#"\E_{x}[\ell]"#), "Eₓ[ℓ]", "unknown commands (macros) keep their name")
    }

    func testHTMLTextSkipsDrawingsAndReadsKaTeXAnnotations() {
        let html = #"<figure class="plot"><svg><title>t</title><style>.a{}</style></svg><figcaption><strong>Huber</strong> &amp; <span class="katex"><span class="katex-mathml"><math><semantics><mi>δ</mi><annotation encoding="application/x-tex">\delta</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span>δ</span></span></span></span></figcaption></figure>"#
        XCTAssertEqual(HTMLText.visibleText(html), "Huber & δ")
    }

    /// The index file is stable: a snapshot of it for two small pages. A change writes
    /// `search-index-changed.js` beside the snapshot; copy it over the snapshot when intended.
    func testLoaderListsTheShardsAndHowQueriesAreRead() {
        let loader = SearchIndex.loaderScript(shards: [("part-1", "assets/search/part-1.js"), ("part-2", "assets/search/part-2.js")])
        XCTAssertTrue(loader.contains(#""shards": [["part-1","assets/search/part-1.js"],["part-2","assets/search/part-2.js"]]"#), loader)
        XCTAssertTrue(loader.contains(#""stopWords": ["a","an","#), loader)
        XCTAssertTrue(loader.contains(#""titleWeight": 5"#), loader)
        XCTAssertTrue(loader.contains(#""version": 2"#), loader)
    }

    func testIndexScriptSnapshot() throws {
        let output = index().shardScript(name: "part-1")
        XCTAssertEqual(output, index().shardScript(name: "part-1"), "deterministic")
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        let snapshot = fixtures.appendingPathComponent("search-index.js")
        let changed = fixtures.appendingPathComponent("search-index-changed.js")
        guard let expected = try? String(contentsOf: snapshot, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
            try output.write(to: snapshot, atomically: true, encoding: .utf8)
            XCTFail("recorded a new snapshot at \(snapshot.path); run the test again")
            return
        }
        if expected != output {
            try output.write(to: changed, atomically: true, encoding: .utf8)
            XCTFail("the search index changed; see \(changed.path)")
        } else {
            try? FileManager.default.removeItem(at: changed)
        }
    }

    func testSiteAddress() throws {
        XCTAssertNil(SiteAddress("example.org"))
        XCTAssertNil(SiteAddress("ftp://example.org/"))
        XCTAssertNil(SiteAddress("https://example.org/?q=1"))
        let address = try XCTUnwrap(SiteAddress("https://example.org/course"))
        XCTAssertEqual(address.baseURL, "https://example.org/course/")
        XCTAssertEqual(address.url(of: "index.html"), "https://example.org/course/")
        XCTAssertEqual(address.url(of: "part/index.html"), "https://example.org/course/part/")
        XCTAssertEqual(address.url(of: "part/a.html"), "https://example.org/course/part/a.html")
        XCTAssertEqual(address.sitemap(pages: ["index.html", "a&b.html"]), """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>https://example.org/course/</loc></url>
        <url><loc>https://example.org/course/a&amp;b.html</loc></url>
        </urlset>

        """)
    }
}
