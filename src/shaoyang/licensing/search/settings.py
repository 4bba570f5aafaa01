"""Where the search node is and how to reach it, read from the environment (docs/search.md)."""

from dataclasses import dataclass

import os


@dataclass(frozen=True)
class SearchSettings:
    url: str = "http://127.0.0.1:9200"
    user: str = ""
    password: str = ""
    ca_certs: str = ""
    engine: str = "auto"  # elasticsearch | opensearch | auto (ask the node)
    index_prefix: str = "shaoyang"
    # Short on purpose: a node that does not answer must give a clear error, not a hang.
    timeout: float = 5.0


def settings_from_env(environ=None):
    """Settings from ``SHAOYANG_SEARCH_*`` variables, defaults for a local node otherwise."""
    env = os.environ if environ is None else environ
    defaults = SearchSettings()
    return SearchSettings(
        url=env.get("SHAOYANG_SEARCH_URL")
        or f"http://127.0.0.1:{env.get('SEARCH_PORT', '9200')}",
        user=env.get("SHAOYANG_SEARCH_USER", ""),
        password=env.get("SHAOYANG_SEARCH_PASSWORD", ""),
        ca_certs=env.get("SHAOYANG_SEARCH_CA_CERTS", ""),
        engine=env.get("SHAOYANG_SEARCH_ENGINE", defaults.engine),
        index_prefix=env.get("SHAOYANG_SEARCH_PREFIX", defaults.index_prefix),
        timeout=float(env.get("SHAOYANG_SEARCH_TIMEOUT", defaults.timeout)),
    )
