extension LossCatalog {
    static let binaryEntries: [CatalogEntry] = []
}
