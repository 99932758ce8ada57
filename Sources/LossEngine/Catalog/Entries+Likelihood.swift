extension LossCatalog {
    static let likelihoodEntries: [CatalogEntry] = []
}
