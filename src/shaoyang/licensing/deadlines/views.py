"""``@@holiday-table``: the years loaded, and a form to paste a year's table (site administrators)."""

from Products.Five.browser import BrowserView
from shaoyang.licensing.city.data import CityProfileError
from shaoyang.licensing.deadlines.holiday_table import current_table
from shaoyang.licensing.deadlines.holiday_table import load_years


class HolidayTableView(BrowserView):
    """Years loaded, and a form to paste a year's table."""

    message = error = None

    def years(self):
        return [{"year": y, "source": v.get("source", ""), "holidays": len(v.get("holidays", {})),
                 "makeup": len(v.get("makeup_workdays", []))} for y, v in sorted(current_table().items())]

    def __call__(self):
        text = self.request.form.get("table")
        if self.request.method == "POST" and text is not None:
            try:
                result = load_years(text)
                self.message = f"已载入 {'、'.join(map(str, result['years']))} 年节假日表，重算 {result['recomputed']} 件在办案件的期限。"
            except CityProfileError as error:
                self.error = str(error)
        return self.index()
