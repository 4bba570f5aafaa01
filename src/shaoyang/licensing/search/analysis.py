"""Index settings shared by every index: Chinese text analysed into CJK bigrams.

``zh`` splits Han text into overlapping two-character terms (邵阳市 → 邵阳, 阳市), so a
two-character word finds documents without a dictionary; Latin text and digits stay whole
words. ``exact`` keeps numbers and names (receipt numbers, credit codes) as one term.
"""

ANALYSIS = {
    "analyzer": {
        "zh": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase", "cjk_bigram"],
        },
    },
    "normalizer": {
        "exact": {"type": "custom", "filter": ["lowercase"]},
    },
}


def index_settings(shards=1, replicas=0):
    """``settings`` of a new index: one shard, no replica on a single node."""
    return {
        "number_of_shards": shards,
        "number_of_replicas": replicas,
        "analysis": ANALYSIS,
    }


# A small index used by health checks and the skeleton tests; real indexes come with their issues.
PROBE_MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "title": {"type": "text", "analyzer": "zh", "fields": {"exact": {"type": "keyword"}}},
        "text": {"type": "text", "analyzer": "zh"},
        "number": {"type": "keyword", "normalizer": "exact"},
    },
}
