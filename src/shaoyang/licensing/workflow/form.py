"""The Classic UI form of a case step: its parameters (workflow/parameters.py) and a comment.

The workflow menu of a case links here (the case workflow's action URLs), so a step that needs
a reason, a competent body or a pause notice asks for it, and a refused step shows the reasons
in Chinese instead of an error page.
"""

from plone import api
from plone.z3cform.layout import wrap_form
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.statusmessages.interfaces import IStatusMessage
from shaoyang.licensing.workflow.parameters import check_parameters
from shaoyang.licensing.workflow.parameters import SCHEMAS
from shaoyang.licensing.workflow.preconditions import reasons
from z3c.form import button
from z3c.form import field
from z3c.form import form
from zope import schema
from zope.interface import Interface


class IComment(Interface):
    comment = schema.Text(title="意见或说明", required=False)


class CaseTransitionForm(form.Form):
    ignoreContext = True

    @property
    def transition_id(self):
        return self.request.get("transition", "")

    def transition(self):
        workflow = api.portal.get_tool("portal_workflow").getWorkflowsFor(self.context)[0]
        return workflow.transitions.get(self.transition_id)

    @property
    def label(self):
        transition = self.transition()
        return transition.title if transition is not None else "办理"

    @property
    def description(self):
        transition = self.transition()
        return transition.description if transition is not None else ""

    @property
    def fields(self):
        schemas = [SCHEMAS[self.transition_id]] if self.transition_id in SCHEMAS else []
        return field.Fields(*schemas, IComment)

    @property
    def action(self):
        # keep the step across the submit
        return f"{self.request.getURL()}?transition={self.transition_id}"

    @button.buttonAndHandler("确定", name="apply")
    def handle_apply(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = "请更正下列错误。"
            return
        messages = IStatusMessage(self.request)
        problems = reasons(self.context, self.transition_id)
        if problems:
            messages.add("；".join(problems), type="error")
            return
        params = {k: v for k, v in data.items() if k != "comment" and v is not None}
        try:
            check_parameters(self.transition_id, params)
            api.portal.get_tool("portal_workflow").doActionFor(
                self.context, self.transition_id, comment=data.get("comment") or "", **params
            )
        except WorkflowException as error:
            messages.add(str(error), type="error")
            return
        messages.add(f"已{self.label}。", type="info")
        self.request.response.redirect(self.context.absolute_url())

    @button.buttonAndHandler("取消", name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


CaseTransitionView = wrap_form(CaseTransitionForm)
