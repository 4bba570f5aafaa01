"""Search over REST: ``GET @case-search`` (staff search, filtered by what the user may read)
and ``GET @search-status`` (whether the search node answers)."""

from shaoyang.licensing.rest.service import Refusal
from shaoyang.licensing.rest.service import Service
from shaoyang.licensing.search import staff
from shaoyang.licensing.search.limits import InvalidSearch
from shaoyang.licensing.search.status import search_status
from shaoyang.licensing.search.views import search_parameters
from urllib.parse import urlencode


class CaseSearchGet(Service):
    def reply(self):
        params = search_parameters(self.request.form)
        try:
            result = staff.search(self.context, **params)
        except InvalidSearch as error:
            raise Refusal(400, str(error))
        result["@id"] = f"{self.context.absolute_url()}/@case-search"
        if not result["degraded"]:
            end = result["b_start"] + result["b_size"]
            if end < result["total"]:
                query = {**self.request.form, "b_start": end}
                result["next"] = f"{result['@id']}?{urlencode(query, doseq=True)}"
        return result


class SearchStatusGet(Service):
    def reply(self):
        return search_status()
