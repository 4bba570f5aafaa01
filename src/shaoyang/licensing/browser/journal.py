"""The case's timeline for supervisors: who did what, when, on whose behalf; its deadlines."""

from plone import api
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from shaoyang.licensing.case import journal
from shaoyang.licensing.case.clocks import case_clocks
from shaoyang.licensing.case.clocks import state_title


def _fullname(userid):
    user = api.user.get(userid=userid) if userid else None
    return (user.getProperty("fullname") if user else "") or userid


READING = ("view", "download")


class CaseJournalView(BrowserView):
    def entries(self, reading=False):
        """Newest first; ``reading``: the views and downloads, else everything else."""
        items = [e for e in journal.entries(self.context) if (e["action"] in READING) is reading]
        for entry in items:
            entry["actor_name"] = _fullname(entry["actor"])
            entry["on_behalf_names"] = "、".join(_fullname(u) for u in entry["on_behalf_of"])
            entry["action_title"] = journal.ACTIONS.get(entry["action"], entry["action"])
        return list(reversed(items))

    def readings(self):
        return self.entries(reading=True)

    def verification(self):
        return journal.verify(self.context)

    def clocks(self):
        return case_clocks(self.context)

    def state(self):
        return state_title(self.context)


class ClocksGet(Service):
    def reply(self):
        return {"state": state_title(self.context), "clocks": case_clocks(self.context)}
