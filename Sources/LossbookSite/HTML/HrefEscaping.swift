/// Link and image URLs as cmark-gfm writes them: every byte outside the set it leaves alone
/// (letters, digits and `-_.+!*'(),%#@?=;:/&$~`) is percent-encoded, so that a backslash or a
/// space in a link reaches the browser as `%5C` or `%20` (a browser reads a bare `\` as `/`).
/// `%` is kept, so a link the author already encoded, and lossbook's own, are not encoded twice.
/// HTML escaping (`&` → `&amp;`) is the writer's.
enum HrefEscaping {
    static func escape(_ url: String) -> String {
        guard url.utf8.contains(where: { !safe[Int($0)] }) else { return url }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(url.utf8.count + 8)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in url.utf8 {
            if safe[Int(byte)] {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let safe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+!*'(),%#@?=;:/&$~".utf8 {
            table[Int(byte)] = true
        }
        return table
    }()
}
