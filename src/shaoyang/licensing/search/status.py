"""Whether the search node answers, for people (overview page) and programs (``@search-status``)."""

from shaoyang.licensing.search.engine import SearchEngine
from shaoyang.licensing.search.engine import SearchUnavailable


def search_status():
    """``{"available": True, engine, version, status}`` or ``{"available": False, "message"}``."""
    try:
        return {"available": True, **SearchEngine().info()}
    except SearchUnavailable as error:
        return {"available": False, "message": str(error)}
