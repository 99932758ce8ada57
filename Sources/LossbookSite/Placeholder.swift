import CMarkGFM
public enum SiteVersion { public static let string = "0.1.0" }
