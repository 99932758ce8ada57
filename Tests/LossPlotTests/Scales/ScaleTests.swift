import Testing
@testable import LossPlot

@Suite struct ScaleTests {
    @Test func linearMapsEndsAndMiddle() {
        let s = Scale(type: .linear, domain: -3...3, start: 100, end: 400)
        #expect(s.position(-3) == 100)
        #expect(s.position(0) == 250)
        #expect(s.position(3) == 400)
        #expect(s.position(.nan) == nil)
    }

    @Test func yScalesRunUpwards() {
        let s = Scale(type: .linear, domain: 0...10, start: 300, end: 20)
        #expect(s.position(10) == 20)
        #expect(s.clampedPosition(-5) == 300)
    }

    @Test func logMapsDecadesEvenly() throws {
        let s = Scale(type: .log, domain: 1e-3...1e3, start: 0, end: 600)
        #expect(try abs(#require(s.position(1)) - 300) < 1e-9)
        #expect(try abs(#require(s.position(1e-2)) - 100) < 1e-9)
        #expect(s.position(0) == nil)
        #expect(s.position(-1) == nil)
    }

    @Test func hugeLinearDomainStaysFinite() {
        let s = Scale(type: .linear, domain: -1e308...1e308, start: 0, end: 100)
        #expect(s.position(0) == 50)
        #expect(s.position(1e308) == 100)
    }

    @Test func tickFormatNeverWritesMinusZero() {
        #expect(TickFormat.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(TickFormat.fixed(-0.0, decimals: 0) == "0")
        #expect(TickFormat.trimmed(-0.0001, decimals: 2) == "0")
        // Trailing zeros and a bare point go; zeros before the point stay.
        #expect(TickFormat.trimmed(1.5, decimals: 2) == "1.5")
        #expect(TickFormat.trimmed(2, decimals: 3) == "2")
        #expect(TickFormat.trimmed(100, decimals: 0) == "100")
        #expect(TickFormat.trimmed(-2.5, decimals: 3) == "−2.5")
        #expect(TickFormat.fixed(-0.0, decimals: 1) == "0.0")
        #expect(TickFormat.fixed(-1.25, decimals: 1) == "−1.2")
        #expect(TickFormat.compact(-1234.4) == "−1234")
        #expect(TickFormat.compact(0.012345) == "0.0123")
        #expect(TickFormat.scientific(2.5e-5) == "2.5×10⁻⁵")
        #expect(TickFormat.scientific(9.999e5) == "10⁶")
    }
}
