/// SVG path data built as UTF-8 bytes, with coordinates formatted by ``NumberFormat``: grid
/// lines and ticks are dozens of commands a panel, and interpolating each into a String made
/// several temporary strings per command.
struct PathData {
    private(set) var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// `M x,y`
    mutating func move(_ x: Double, _ y: Double) {
        bytes.append(UInt8(ascii: "M"))
        NumberFormat.appendCoordinate(x, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        NumberFormat.appendCoordinate(y, to: &bytes)
    }

    /// `H x`, `V y`, `h dx`, `v dy`: one command letter and one number.
    mutating func append(_ command: Character, _ value: Double) {
        bytes.append(command.asciiValue!)
        NumberFormat.appendCoordinate(value, to: &bytes)
    }
}
