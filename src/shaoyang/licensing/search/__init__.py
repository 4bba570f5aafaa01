"""Search: one small adapter over the search node (Elasticsearch or OpenSearch) and the index definitions."""
