"""``@@holiday-table``: the years loaded, and a form to paste a year's table (site administrators)."""

from Products.Five.browser import BrowserView
from shaoyang.licensing import _
from shaoyang.licensing.city.data import CityProfileError
from shaoyang.licensing.deadlines.holiday_table import current_table
from shaoyang.licensing.deadlines.holiday_table import load_years
from shaoyang.licensing.i18n import zh


class HolidayTableView(BrowserView):
    """Years loaded, and a form to paste a year's table."""

    message = error = None

    def years(self):
        return [{"year": y, "source": v.get("source", ""), "holidays": len(v.get("holidays", {})),
                 "makeup": len(v.get("makeup_workdays", []))} for y, v in sorted(current_table().items())]

    def example(self):
        """The sample table in the form's text area: a year as the State Council publishes it."""
        source = zh(_("cat_holiday_example_source", default="国务院办公厅关于2027年部分节假日安排的通知"))
        new_year = zh(_("cat_holiday_example_new_year", default="元旦"))
        return (
            "years:\n"
            "  2027:\n"
            f"    source: {source}\n"
            "    holidays:\n"
            f"      2027-01-01: {new_year}\n"
            "    makeup_workdays: []"
        )

    def __call__(self):
        text = self.request.form.get("table")
        if self.request.method == "POST" and text is not None:
            try:
                result = load_years(text)
                self.message = zh(
                    _("cat_holiday_table_loaded", default="已载入 ${years} 年节假日表，重算 ${recomputed} 件在办案件的期限。"),
                    years="、".join(map(str, result["years"])),
                    recomputed=result["recomputed"],
                )
            except CityProfileError as error:
                self.error = str(error)
        return self.index()
