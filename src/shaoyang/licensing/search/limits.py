"""What one search request may ask, checked before the node sees it (staff and public search).

The node refuses a page beyond ``index.max_result_window`` (10,000 hits by default) and a query
with more clauses than it allows; both would come back as an engine error, which people would
see as a failure. Here they become ``InvalidSearch`` with a Chinese reason instead (REST: 400).
"""

from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh


RESULT_WINDOW = 10_000  # Elasticsearch's and OpenSearch's default index.max_result_window
MAX_QUERY_CHARS = 200  # far beyond any number, name or phrase; bounds the clauses of one query


class InvalidSearch(ValueError):
    """A search request that makes no sense; ``str()`` is the Chinese reason."""


def checked_text(q):
    """``q`` stripped; refused when longer than MAX_QUERY_CHARS."""
    q = (q or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidSearch(
            zh(
                _("cat_search_query_too_long", default="检索词过长（${length} 个字），最多 ${limit} 个字，请只输入关键的词语或编号"),
                length=len(q),
                limit=MAX_QUERY_CHARS,
            )
        )
    return q


def checked_page(b_start, b_size, max_page, default_size=20):
    """``(b_start, b_size)`` as integers, the size capped at ``max_page``; refused when not
    integers or when the page lies beyond the first RESULT_WINDOW hits."""
    try:
        b_start = max(0, int(b_start or 0))
        b_size = min(max_page, max(1, int(b_size or default_size)))
    except (TypeError, ValueError):
        raise InvalidSearch(zh(_("cat_search_page_not_integer", default="分页参数（b_start、b_size）应为整数")))
    if b_start + b_size > RESULT_WINDOW:
        raise InvalidSearch(
            zh(
                _("cat_search_beyond_window", default="只能翻阅前 ${window} 件结果，请增加筛选条件缩小范围"),
                window=f"{RESULT_WINDOW:,}",
            )
        )
    return b_start, b_size
