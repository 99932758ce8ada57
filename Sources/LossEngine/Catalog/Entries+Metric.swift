extension LossCatalog {
    static let metricEntries: [CatalogEntry] = []
}
