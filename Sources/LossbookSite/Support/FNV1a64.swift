/// The 64-bit FNV-1a hash of bytes: the same on every machine and in every run (unlike
/// `Hasher`), for what is stored or compared across runs: which cache bucket a key or a note
/// falls in, a render cache segment's index (`SegmentIndex`), `serve`'s entity tags. Not for
/// fingerprints that must not collide by accident across a course's life: `FNV1a128`.
public enum FNV1a64 {
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        // A string's UTF-8 and arrays are read through a buffer: iterating the generic sequence
        // (a String's UTF-8 view index by index) took twice as long as the hash itself.
        bytes.withContiguousStorageIfAvailable(hash(buffer:)) ?? Array(bytes).withUnsafeBufferPointer(hash(buffer:))
    }

    @inlinable
    static func hash(buffer bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
