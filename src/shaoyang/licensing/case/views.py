"""The case's pages: its timeline for supervisors (``@@case-journal``: who did what, when, on
whose behalf; its deadlines) and the applicants' progress lookup (``@@case-progress``)."""

from Products.Five.browser import BrowserView
from shaoyang.licensing.case import journal
from shaoyang.licensing.case import progress
from shaoyang.licensing.case.due_dates import case_clocks
from shaoyang.licensing.case.due_dates import state_title
from shaoyang.licensing.case.responsibility import fullname
from shaoyang.licensing.i18n import zh


READING = ("view", "download")


class CaseJournalView(BrowserView):
    def entries(self, reading=False):
        """Newest first; ``reading``: the views and downloads, else everything else."""
        items = [e for e in journal.entries(self.context) if (e["action"] in READING) is reading]
        for entry in items:
            entry["actor_name"] = fullname(entry["actor"])
            entry["on_behalf_names"] = "、".join(fullname(u) for u in entry["on_behalf_of"])
            title = journal.ACTIONS.get(entry["action"])
            entry["action_title"] = zh(title) if title is not None else entry["action"]
        return list(reversed(items))

    def readings(self):
        return self.entries(reading=True)

    def verification(self):
        return journal.verify(self.context)

    def clocks(self):
        return case_clocks(self.context)

    def state(self):
        return state_title(self.context)


class CaseProgressView(BrowserView):
    """Progress for applicants, without login: receipt number + query code (case/progress.py)."""

    result = None
    problem = ""

    def __call__(self):
        form = self.request.form
        self.receipt_number = (form.get("receipt_number") or "").strip()
        if self.receipt_number or form.get("code"):
            try:
                self.result = progress.lookup(self.receipt_number, form.get("code"))
            except progress.ProgressRefused as refused:
                self.problem = str(refused)
        return self.index()
