"""Staff search as a page (``@@case-search``); its REST twin is ``GET @case-search`` (search/rest.py).

Both call ``shaoyang.licensing.search.staff.search``: always filtered by what the user may
read; with the search node down they answer from the catalog with ``degraded: true``. A
request that makes no sense (text too long, bad year or page) gets its Chinese reason: HTTP
400 over REST, a notice above an empty result on the page.
"""

from Products.Five.browser import BrowserView
from shaoyang.licensing import _
from shaoyang.licensing.search import staff
from shaoyang.licensing.search.limits import InvalidSearch
from urllib.parse import urlencode
from zope.i18n import translate


def search_parameters(form):
    """The search's arguments from a request's form (page and REST alike)."""
    filters = {}
    for name in staff.FILTERS:
        value = form.get(name)
        if isinstance(value, str) and "," in value:
            value = [v for v in value.split(",") if v]
        if value not in (None, "", []):
            filters[name] = value
    return {
        "q": form.get("q", "") or "",
        "filters": filters,
        "sort": form.get("sort", "relevance") if form.get("sort") in staff.SORTS else "relevance",
        "b_start": form.get("b_start") or 0,  # checked by the search (search/limits.py)
        "b_size": form.get("b_size") or 20,
    }


FACET_TITLES = {
    "item_code": _("case_search_facet_item", default="事项"),
    "agency": _("case_search_facet_agency", default="实施机关"),
    "state": _("case_search_facet_state", default="办理状态"),
    "year": _("case_search_facet_year", default="年度"),
    "classification": _("case_search_facet_classification", default="密级"),
    "applicant_type": _("case_search_facet_applicant_type", default="申请人类型"),
    "overdue": _("case_search_facet_overdue", default="超时"),
}
SORT_TITLES = {
    "relevance": _("case_search_sort_relevance", default="相关度"),
    "received_desc": _("case_search_sort_received_desc", default="收件日期（新→旧）"),
    "received_asc": _("case_search_sort_received_asc", default="收件日期（旧→新）"),
    "receipt_number": _("case_search_sort_receipt_number", default="受理编号"),
    "modified_desc": _("case_search_sort_modified", default="最近修改"),
}
PLACEHOLDER = _("case_search_placeholder", default="受理编号、决定书文号、申请人名称、身份证号或统一社会信用代码、全文；用引号检索完整词组")


class CaseSearchView(BrowserView):
    problem = ""  # the Chinese reason a request was refused (search/limits.py)

    def _t(self, message):
        return translate(message, context=self.request)

    @property
    def FACET_TITLES(self):
        return {k: self._t(v) for k, v in FACET_TITLES.items()}

    @property
    def SORT_TITLES(self):
        return {k: self._t(v) for k, v in SORT_TITLES.items()}

    def placeholder(self):
        return self._t(PLACEHOLDER)

    def update(self):
        self.params = search_parameters(self.request.form)
        self.searched = bool(self.request.form)
        try:
            self.result = staff.search(self.context, **self.params)
        except InvalidSearch as error:
            self.problem = str(error)
            self.params = {**self.params, "b_start": 0, "b_size": 20}
            self.result = {"degraded": False, "notice": None, "total": 0, "items": [], "facets": {},
                           "b_start": 0, "b_size": 20}

    def __call__(self):
        self.update()
        return self.index()

    def facets(self):
        return [
            {"name": name, "title": self.FACET_TITLES[name], "values": self.result["facets"].get(name, [])}
            for name in staff.FACETS
            if self.result["facets"].get(name)
        ]

    def facet_url(self, name, value):
        form = {k: v for k, v in self.request.form.items() if k != "b_start"}
        form[name] = value
        return f"{self.context.absolute_url()}/@@case-search?{urlencode(form, doseq=True)}"

    def clear_url(self, name):
        form = {k: v for k, v in self.request.form.items() if k not in (name, "b_start")}
        return f"{self.context.absolute_url()}/@@case-search?{urlencode(form, doseq=True)}"

    def active_filters(self):
        return [{"name": k, "title": self.FACET_TITLES.get(k, k), "value": v}
                for k, v in self.params["filters"].items()]

    def snippets(self, item):
        return [s for field in ("applicant_name", "title", "item_title", "text")
                for s in item["highlights"].get(field, [])][:3]

    def pages(self):
        total, size, start = self.result["total"], self.result["b_size"], self.result["b_start"]
        form = dict(self.request.form)
        links = {}
        if start > 0:
            links["previous"] = self._page_url(form, max(0, start - size))
        if start + size < total:
            links["next"] = self._page_url(form, start + size)
        return links

    def _page_url(self, form, b_start):
        form = {**form, "b_start": b_start}
        return f"{self.context.absolute_url()}/@@case-search?{urlencode(form, doseq=True)}"
