extension LossCatalog {
    static let multiclassEntries: [CatalogEntry] = []
}
