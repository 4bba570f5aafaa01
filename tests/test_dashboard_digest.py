"""The daily time-limit digest (issue 5): overdue and due-soon cases mailed through Plone's
MailHost to the handlers, approvers and supervisors, received by a real local SMTP server."""

from aiosmtpd.controller import Controller
from email import message_from_bytes
from email import policy
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from shaoyang.licensing.case import responsibility
from shaoyang.licensing.supervision.digest import collect
from shaoyang.licensing.supervision.digest import send_digests
from test_dashboard import _case
from test_dashboard import build_cases
from test_dashboard import TODAY

import datetime
import pytest
import socket


class Sink:
    """Keeps what the SMTP server receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink(portal):
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    # Plone's MailHost takes its server from the mail settings (the control panel's records)
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", controller.port)
    api.portal.set_registry_record("plone.email_from_address", "xzsp@shaoyang.gov.cn")
    api.portal.set_registry_record("plone.email_from_name", "邵阳市行政审批服务局")
    yield sink
    controller.stop()


@pytest.fixture
def carried_cases(portal):
    """The dashboard's known cases; C (overdue) handled by liuna, D (due soon) approved by
    chenjun, and a secret overdue case F handled by liuna."""
    cases = build_cases(portal)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        responsibility.assign(cases["c"], "liuna", "handler", "承办")
        responsibility.assign(cases["d"], "chenjun", "approver", "审批")
        secret = _case(portal, "XK09901000", datetime.date(2026, 3, 3), datetime.date(2026, 3, 3))
        secret.classification = "secret"
        responsibility.assign(secret, "liuna", "handler", "承办")
        api.user.get(userid="liuna").setMemberProperties({"email": "liuna@shaoyang.gov.cn"})
        api.user.get(userid="zhouqiang").setMemberProperties({"email": "zhouqiang@shaoyang.gov.cn"})
        api.user.get(userid="chenjun").setMemberProperties({"email": ""})  # reported, not mailed
    cases["secret"] = secret
    return cases


def test_who_gets_which_cases(portal, carried_cases):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        digests = collect(TODAY)
    numbers = {userid: [e["receipt_number"] for e in d["cases"]] for userid, d in digests.items()}
    c, dd = carried_cases["c"].receipt_number, carried_cases["d"].receipt_number
    assert numbers["liuna"] == [c]  # not the secret case: never mailed
    assert numbers["chenjun"] == [dd]
    assert sorted(numbers["zhouqiang"]) == sorted([c, dd])  # the supervisor sees both
    assert digests["zhouqiang"]["role"] == "supervisor"
    assert "zhangwei" not in digests  # a receiver carries nothing late here


def test_digest_mail_reaches_a_real_smtp_server_in_chinese(portal, carried_cases, smtp_sink):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        outcome = send_digests(TODAY)
    assert sorted(outcome["sent"]) == ["liuna", "zhouqiang"]
    assert outcome["skipped"]["chenjun"] == "未登记电子邮箱"  # (the test user, a supervisor here, too)
    received = {tuple(e.rcpt_tos): message_from_bytes(e.content, policy=policy.default) for e in smtp_sink.envelopes}
    assert set(received) == {("liuna@shaoyang.gov.cn",), ("zhouqiang@shaoyang.gov.cn",)}
    assert {e.mail_from for e in smtp_sink.envelopes} == {"xzsp@shaoyang.gov.cn"}
    supervisor = received[("zhouqiang@shaoyang.gov.cn",)]
    assert supervisor["Subject"] == "【行政许可时限提醒】2026-06-01：已超时1件，即将到期1件"
    assert "邵阳市行政审批服务局" in supervisor["From"] and "xzsp@shaoyang.gov.cn" in supervisor["From"]
    body = supervisor.get_content()
    assert body.startswith("周强：")
    assert "一、已超时（1件）" in body and "二、即将到期（1件）" in body
    assert carried_cases["c"].receipt_number in body and carried_cases["d"].receipt_number in body
    assert "许可决定时限2026-06-03到期（即将到期）" in body
    handler = received[("liuna@shaoyang.gov.cn",)]
    text = handler.get_content()
    assert "刘娜：" in text and "您承办或审批的案件" in text
    assert carried_cases["secret"].receipt_number not in text
    assert handler["Subject"].endswith("已超时1件，即将到期0件")


def test_no_sender_address_is_a_clear_error(portal, carried_cases):
    api.portal.set_registry_record("plone.email_from_address", "")
    with api.env.adopt_user(username=SITE_OWNER_NAME), pytest.raises(ValueError, match="发件地址"):
        send_digests(TODAY)
