extension LossCatalog {
    static let structuredEntries: [CatalogEntry] = []
}
