"""``@workflow`` on a case: parameters travel with the step, refusals say why in Chinese.

plone.restapi's own service passes only ``comment`` to the workflow tool; on case files this
one passes every field of the body (validated by workflow/parameters.py) and answers a refused
step with HTTP 400 listing the reasons, or 403 when the user's role may not take it.
"""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services.workflow.transition import WorkflowTransition
from Products.CMFCore.WorkflowCore import WorkflowException
from shaoyang.licensing.workflow.parameters import check_parameters
from shaoyang.licensing.workflow.preconditions import reasons


RESTAPI_KEYS = {"comment", "include_children", "effective", "expires", "effectiveDate", "expirationDate"}


class CaseWorkflowTransition(WorkflowTransition):
    params = {}

    def _refuse(self, status, message):
        self.request.response.setStatus(status)
        return {"error": {"type": "WorkflowException", "message": message}}

    def reply(self):
        if self.transition is None:
            return super().reply()
        data = json_body(self.request)
        workflow = self.wftool.getWorkflowsFor(self.context)[0]
        transition = workflow.transitions.get(self.transition)
        state = workflow.states[api.content.get_state(self.context)]
        if transition is None or self.transition not in state.transitions:
            return self._refuse(400, f"案件当前状态“{state.title}”不能进行“{self.transition}”操作")
        problems = reasons(self.context, self.transition)
        try:
            self.params = check_parameters(self.transition, data)
        except WorkflowException as error:
            problems.append(str(error))
        if problems:
            return self._refuse(400, f"不能“{transition.title}”：" + "；".join(problems))
        allowed = [t["id"] for t in self.wftool.getTransitionsFor(self.context)]
        if self.transition not in allowed:
            return self._refuse(403, f"您没有在本案件中“{transition.title}”的职责")
        self.params = {k: v for k, v in data.items() if k not in RESTAPI_KEYS}
        return super().reply()

    def recurse_transition(self, objs, comment, publication_dates, include_children=False):
        for obj in objs:
            self.wftool.doActionFor(obj, self.transition, comment=comment, **self.params)

