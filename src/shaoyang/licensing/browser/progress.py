"""Case progress for applicants, without login: ``@@case-progress`` (page) and
``POST @case-progress {"receipt_number", "code"}`` (REST), both on the site root. POST so
that the code stays out of addresses, histories and access logs.

The lookup (case/progress.py) reads the case unrestricted and answers only what the applicant
may know; refusals carry their Chinese reason: 400 for a malformed request, 404 for a wrong
number or code (the same answer for both), 429 while a number is locked after wrong tries,
403 for a case that is a state secret.
"""

from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from shaoyang.licensing.case import progress


class CaseProgressPost(Service):
    def reply(self):
        try:
            data = json_body(self.request) or {}
        except Exception:
            data = {}
        if not isinstance(data, dict):
            data = {}
        try:
            return progress.lookup(data.get("receipt_number"), data.get("code"))
        except progress.ProgressRefused as refused:
            self.request.response.setStatus(refused.status)
            return {"error": {"type": "ProgressRefused", "message": str(refused)}}


class CaseProgressView(BrowserView):
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
