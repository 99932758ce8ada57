import Testing
@testable import LossPlot

@Suite struct IdPrefixTests {
    @Test(arguments: [
        ("fig-huber", "fig-huber"), ("fig huber/1", "fig-huber-1"), ("1st", "plot-1st"),
        ("", "plot"), ("a\"><script>", "a---script-"), ("ΔLoss", "plot--Loss"),
    ])
    func sanitizes(raw: String, expected: String) {
        #expect(IdPrefix.sanitize(raw) == expected)
    }

    @Test func idsAreSequential() {
        var ids = IdGenerator(prefix: "p")
        #expect(ids.next("clip") == "p-clip-1")
        #expect(ids.next("clip") == "p-clip-2")
        #expect(ids.fixed("title") == "p-title")
    }
}
