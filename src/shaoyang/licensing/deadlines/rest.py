"""``GET @holiday-table`` (the years loaded) and ``POST @holiday-table {"table": "<YAML text>"}``."""

from shaoyang.licensing.city.data import CityProfileError
from shaoyang.licensing.deadlines.holiday_table import current_table
from shaoyang.licensing.deadlines.holiday_table import load_years
from shaoyang.licensing.rest.service import Refusal
from shaoyang.licensing.rest.service import Service


class HolidayTableGet(Service):
    def reply(self):
        return {"years": current_table()}


class HolidayTablePost(Service):
    def reply(self):
        self.trust_json_client()
        try:
            return load_years(self.body().get("table"))
        except CityProfileError as error:
            raise Refusal(400, str(error))
