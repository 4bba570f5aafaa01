"""``@@public-decisions``: the public search page of published decisions (anonymous)."""

from Products.Five.browser import BrowserView
from shaoyang.licensing.departments import all_departments
from shaoyang.licensing.disclosure import public_search

import urllib.parse


class PublicDecisionsView(BrowserView):
    result = None
    problem = ""

    def __call__(self):
        self.params = public_search.search_parameters(self.request.form)
        try:
            self.result = public_search.search_public(**self.params)
        except public_search.InvalidSearch as error:
            self.problem = str(error)
            self.params = {**self.params, "b_start": 0, "b_size": 20}  # the batch links start over
            self.result = {"available": True, "items_total": 0, "items": [], "facets": {}}
        return self.index()

    def form(self, name):
        return self.request.form.get(name, "")

    def agencies(self):
        return [{"code": code, "name": d.get("name", code)} for code, d in all_departments().items()]

    def searched(self):
        return any(self.form(k) for k in ("q", "item", "agency", "type", "from", "to"))

    def batch_links(self):
        """Previous and next page URLs (or None)."""
        total = self.result.get("items_total", 0)
        start = int(self.params.get("b_start") or 0)
        size = min(public_search.MAX_PAGE, max(1, int(self.params.get("b_size") or 20)))
        base = {k: v for k, v in self.request.form.items() if k != "b_start" and v}
        url = self.context.absolute_url() + "/@@public-decisions?"
        previous = url + urllib.parse.urlencode({**base, "b_start": max(0, start - size)}) if start else None
        following = url + urllib.parse.urlencode({**base, "b_start": start + size}) if start + size < total else None
        return {"previous": previous, "next": following, "first": start + 1, "last": min(start + size, total)}
