"""The daily time-limit digest (时限提醒): overdue and due-soon cases mailed through Plone's
MailHost to the people who carry them and to the supervisors (issue 5). Run daily by
``scripts/digest`` (cron), as an administrator so every case is counted.

- a **handler** gets the cases where an active assignment names them as 承办人 (``handler``)
  or 审批负责人 (``approver``), or as a substitute for one (case/responsibility.py);
- a **supervisor** (global Supervisor role) gets every case they may read;
- **secret cases** (秘密, 机密, 绝密) are never mailed: their people see them in the system.

Nobody gets a mail when nothing of theirs is overdue or due soon; a user without an e-mail
address is reported, not mailed.
"""

from email import policy
from email.message import EmailMessage
from email.utils import formataddr
from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.case.due_dates import case_clocks
from shaoyang.licensing.case.responsibility import active
from shaoyang.licensing.case.classification import is_secret
from shaoyang.licensing.departments import department_name
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.supervision.zero_overdue import cases

import collections
import datetime


HANDLER_CAUSES = ("handler", "approver")
SUPERVISOR_ROLE = "Supervisor"


def _entry(case, clocks):
    late = [c for c in clocks if c["status"] == "overdue"]
    soon = [c for c in clocks if c["status"] == "due_soon"]
    if not late and not soon:
        return None
    return {
        "receipt_number": case.receipt_number,
        "title": case.title,
        "url": case.absolute_url(),
        "agency": department_name(case.accepting_agency),
        "overdue": bool(late),
        "clocks": late or soon,
    }


def _handlers(case):
    """User ids carrying the case: handlers and approvers, and whoever substitutes for them."""
    assignments = active(case)
    holders = {a["principal"] for a in assignments if a["cause"] in HANDLER_CAUSES}
    substitutes = {a["principal"] for a in assignments if a["cause"] == "substitution" and a.get("on_behalf_of") in holders}
    return holders | substitutes


def _supervisors():
    return [u for u in api.user.get_users() if SUPERVISOR_ROLE in api.user.get_roles(user=u)]


def collect(today=None):
    """``{userid: {"role": "handler"|"supervisor", "cases": [entry, ...]}}`` for today."""
    today = today or datetime.date.today()
    per_user = collections.defaultdict(lambda: {"role": "handler", "cases": []})
    supervisors = _supervisors()
    for case in cases():
        if is_secret(case):
            continue
        entry = _entry(case, case_clocks(case, today))
        if entry is None:
            continue
        for userid in sorted(_handlers(case)):
            per_user[userid]["cases"].append(entry)
        for user in supervisors:
            if api.user.has_permission("View", user=user, obj=case):
                mine = per_user[user.getId()]
                mine["role"] = "supervisor"
                if entry not in mine["cases"]:
                    mine["cases"].append(entry)
    return dict(per_user)


def _line(entry):
    clocks = "；".join(
        zh(_("sup_digest_clock", default="${clock}${due}到期（${status}）"), clock=c["title"], due=c["due"], status=c["status_title"])
        for c in entry["clocks"]
    )
    return f"- {entry['receipt_number']} {entry['title']}\n  {entry['agency']}：{clocks}\n  {entry['url']}"


def message_text(fullname, role, entries, today):
    """The subject and the body of one person's digest, in Chinese."""
    overdue = [e for e in entries if e["overdue"]]
    soon = [e for e in entries if not e["overdue"]]
    subject = zh(_("sup_digest_subject", default="【行政许可时限提醒】${date}：已超时${overdue}件，即将到期${soon}件"),
                 date=today.isoformat(), overdue=len(overdue), soon=len(soon))
    if role == "supervisor":
        scope = zh(_("sup_digest_scope_supervisor", default="您可查阅的全部案件"))
    else:
        scope = zh(_("sup_digest_scope_handler", default="您承办或审批的案件"))
    intro = zh(_("sup_digest_intro", default="截至${date}，${scope}中有以下案件需要关注（时限按工作日计算）。"),
               date=today.isoformat(), scope=scope)
    parts = [f"{fullname}：", "", intro, ""]
    if overdue:
        heading = zh(_("sup_digest_overdue_heading", default="一、已超时（${count}件）"), count=len(overdue))
        parts += [heading, *map(_line, overdue), ""]
    if soon:
        if overdue:
            heading = zh(_("sup_digest_due_soon_heading_second", default="二、即将到期（${count}件）"), count=len(soon))
        else:
            heading = zh(_("sup_digest_due_soon_heading_first", default="一、即将到期（${count}件）"), count=len(soon))
        parts += [heading, *map(_line, soon), ""]
    parts += [zh(_("sup_digest_closing", default="请及时办理，实现“零超时”。本邮件由邵阳市行政许可档案管理系统自动发送，请勿回复。"))]
    return subject, "\n".join(parts)


def send_digests(today=None, dry_run=False):
    """Mail each person their digest now; ``{"sent": [userids], "skipped": {userid: reason}, "messages": [...]}``."""
    today = today or datetime.date.today()
    mailhost = api.portal.get_tool("MailHost")
    sender = api.portal.get_registry_record("plone.email_from_address", default=None)
    sender_name = api.portal.get_registry_record("plone.email_from_name", default=None) or zh(_("sup_mail_sender_name", default="行政许可档案管理系统"))
    if not sender and not dry_run:
        raise ValueError(zh(_("sup_error_no_sender_address", default="未设置网站发件地址（plone.email_from_address），无法发送时限提醒")))
    outcome = {"sent": [], "skipped": {}, "messages": []}
    for userid, digest in sorted(collect(today).items()):
        user = api.user.get(userid=userid)
        if user is None:
            outcome["skipped"][userid] = zh(_("sup_digest_skipped_no_user", default="用户不存在"))
            continue
        address = user.getProperty("email")
        if not address:
            outcome["skipped"][userid] = zh(_("sup_digest_skipped_no_email", default="未登记电子邮箱"))
            continue
        subject, body = message_text(user.getProperty("fullname") or userid, digest["role"], digest["cases"], today)
        # CRLF line ends (the SMTP policy): MailHost sends the bytes as they are, and a strict
        # server refuses a long message with bare LFs as one over-long line (RFC 5321 4.5.3.1.6)
        message = EmailMessage(policy=policy.SMTP)
        message["Subject"] = subject
        message["To"] = address
        message.set_content(body, charset="utf-8")
        from_header = formataddr((sender_name, sender or "noreply@localhost"))
        outcome["messages"].append({"userid": userid, "to": address, "subject": subject, "body": body})
        if not dry_run:
            mailhost.send(message, mto=[address], mfrom=from_header, immediate=True)
        outcome["sent"].append(userid)
    return outcome
