extension LossCatalog {
    static let generativeEntries: [CatalogEntry] = []
}
