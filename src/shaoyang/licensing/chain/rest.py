"""REST of the chain: ``@workflow`` and ``@extension`` on a case.

``@workflow``: parameters travel with the step, refusals say why in Chinese.
plone.restapi's own service passes only ``comment`` to the workflow tool; on case files this
one passes every field of the body (validated by chain/parameters.py) and answers a refused
step with HTTP 400 listing the reasons, or 403 when the user's role may not take it.
"""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services.workflow.transition import WorkflowTransition
from Products.CMFCore.WorkflowCore import WorkflowException
from shaoyang.licensing import _
from shaoyang.licensing.chain.extension import extend_case
from shaoyang.licensing.chain.parameters import check_parameters
from shaoyang.licensing.chain.preconditions import reasons
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.rest.service import Refusal
from shaoyang.licensing.rest.service import Service


RESTAPI_KEYS = {"comment", "include_children", "effective", "expires", "effectiveDate", "expirationDate"}


class CaseWorkflowTransition(WorkflowTransition):
    params = {}

    # plone.restapi's own service is the base here (it takes the step); its refusals are
    # shaped like every other service's.
    def _refuse(self, status, message):
        refusal = Refusal(status, message)
        self.request.response.setStatus(status)
        return refusal.body()

    def reply(self):
        if self.transition is None:
            return super().reply()
        data = json_body(self.request)
        workflow = self.wftool.getWorkflowsFor(self.context)[0]
        transition = workflow.transitions.get(self.transition)
        state = workflow.states[api.content.get_state(self.context)]
        if transition is None or self.transition not in state.transitions:
            return self._refuse(400, zh(_("case_refusal_transition_not_here", default="案件当前状态“${state}”不能进行“${transition}”操作"),
                                        state=state.title, transition=self.transition))
        problems = reasons(self.context, self.transition)
        try:
            self.params = check_parameters(self.transition, data)
        except WorkflowException as error:
            problems.append(str(error))
        if problems:
            return self._refuse(400, zh(_("case_refusal_transition_refused", default="不能“${transition}”：${problems}"),
                                        transition=transition.title, problems="；".join(problems)))
        allowed = [t["id"] for t in self.wftool.getTransitionsFor(self.context)]
        if self.transition not in allowed:
            return self._refuse(403, zh(_("case_refusal_transition_not_yours", default="您没有在本案件中“${transition}”的职责"),
                                        transition=transition.title))
        self.params = {k: v for k, v in data.items() if k not in RESTAPI_KEYS}
        return super().reply()

    def recurse_transition(self, objs, comment, publication_dates, include_children=False):
        for obj in objs:
            self.wftool.doActionFor(obj, self.transition, comment=comment, **self.params)


class ExtensionPost(Service):
    """``POST <case>/@extension {"days", "reason"}``: the one extension (R3.2, chain/extension.py)."""

    def reply(self):
        self.trust_json_client()
        data = self.body()
        try:
            return extend_case(self.context, data.get("days"), data.get("reason"))
        except PermissionError as error:
            raise Refusal(403, str(error))
        except ValueError as error:
            raise Refusal(400, str(error))
