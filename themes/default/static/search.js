// The static search reader (search-index/FORMAT.md); written with the search UI.
