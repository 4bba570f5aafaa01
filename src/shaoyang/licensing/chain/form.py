"""The Classic UI form of a case step: its parameters (chain/parameters.py) and a comment.

The workflow menu of a case links here (the case workflow's action URLs), so a step that needs
a reason, a competent body or a pause notice asks for it, and a refused step shows the reasons
in Chinese instead of an error page.
"""

from plone import api
from plone.z3cform.layout import wrap_form
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.statusmessages.interfaces import IStatusMessage
from shaoyang.licensing import _
from shaoyang.licensing.chain.parameters import check_parameters
from shaoyang.licensing.chain.parameters import SCHEMAS
from shaoyang.licensing.chain.preconditions import reasons
from z3c.form import button
from z3c.form import field
from z3c.form import form
from zope import schema
from zope.i18n import translate
from zope.interface import Interface


class IComment(Interface):
    comment = schema.Text(title=_("label_step_comment", default="意见或说明"), required=False)


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
        if transition is not None:
            return transition.title
        return translate(_("label_step_default", default="办理"), context=self.request)

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

    @button.buttonAndHandler(_("button_step_apply", default="确定"), name="apply")
    def handle_apply(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = _("status_step_form_errors", default="请更正下列错误。")
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
        messages.add(translate(_("status_step_taken", default="已${step}。", mapping={"step": self.label}),
                               context=self.request), type="info")
        self.request.response.redirect(self.context.absolute_url())

    @button.buttonAndHandler(_("button_step_cancel", default="取消"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


CaseTransitionView = wrap_form(CaseTransitionForm)
