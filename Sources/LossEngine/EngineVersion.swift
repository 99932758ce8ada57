/// The engine's version, part of every build-cache key: a change to the numbers must invalidate
/// everything the site computed with the old ones.
public enum EngineVersion {
    public static let string = "0.2.0"
}
