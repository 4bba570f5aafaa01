"""Demo cases: plan them as plain data (deterministic per seed), then file them into a site.

``plan_cases(items, count, seed)`` needs no site: it turns catalogue items into ``count`` case
specs (dicts) spread over 2023-01 … today and over every stage, each with its ``flow`` (records
added and workflow transitions taken, in order) and the workflow ``state`` it ends in:

    received   申请已登记 → received（部分一次性告知补正 → correction_requested）
    accepted   + 受理意见，accept → accepted（部分 start_review → under_review，少数 suspend）
    reviewed   + start_review、审核意见（第二人签署，R4.1）、submit_for_decision → pending_decision
    decided    + 审批意见、许可决定（准予或不予）、decide → decided
    delivered  + 送达记录、deliver → delivered（部分有好差评）
    closed     办结已久：close → closed，一年以前办结的约半数 archive → archived
    rejected   不予受理（理由、有权机关）→ rejected，旧案 close
    withdrawn  申请人撤回（受理前后、中止期间）→ withdrawn，旧案 close

Some accepted cases went through a correction round first (request_correction, resubmit), and
some had their clock paused (suspend with a reason of R3.5, the days and the notice; resume).

``file_cases(portal, specs)`` (demo/filing.py) files them through the real workflow.
"""

from plone import api
from shaoyang.licensing.deadlines.calendar import WorkingCalendar
from shaoyang.licensing.demo import people
from shaoyang.licensing.demo import tables
from shaoyang.licensing.workflow.states import state_ids
from shaoyang.licensing.workflow.states import transition_targets
from shaoyang.licensing.catalogue.lookup import catalogue_folder
from shaoyang.licensing.chain.parameters import PAUSE_REASONS
from shaoyang.licensing.case.records import DEFAULT_REMEDIES
from shaoyang.licensing.validation import today as today_in_shaoyang
from shaoyang.licensing.demo.people import rng_of

import collections
import datetime
import functools
import math
import re


# Where a case got to. The first six follow the chain; rejected (不予受理) and withdrawn cases
# leave it early and, once old enough, are closed like the rest.
CHAIN = ("received", "accepted", "reviewed", "decided", "delivered", "closed")
STAGES = CHAIN + ("rejected", "withdrawn")
STAGE_TITLES = {
    "received": "已收件",
    "accepted": "已受理",
    "reviewed": "已审核",
    "decided": "已决定",
    "delivered": "已送达",
    "closed": "已办结",
    "rejected": "不予受理",
    "withdrawn": "已撤回",
}
# Most of an archive is finished business; a few weeks' worth is still in the chain.
STAGE_WEIGHTS = {
    "received": 4, "accepted": 4, "reviewed": 4, "decided": 4, "delivered": 9, "closed": 71,
    "rejected": 2, "withdrawn": 2,
}
# The workflow states (workflows/case_workflow.yaml) a case of each stage may end in.
STAGE_STATES = {
    "received": ("received", "correction_requested"),
    "accepted": ("accepted", "under_review", "suspended"),
    "reviewed": ("pending_decision",),
    "decided": ("decided",),
    "delivered": ("delivered",),
    "closed": ("closed", "archived"),
    "rejected": ("rejected", "closed", "archived"),
    "withdrawn": ("withdrawn", "closed", "archived"),
}
# The case workflow's states and where each transition leads, from its specification.
WORKFLOW_STATES = state_ids()
TRANSITION_TARGETS = transition_targets()
# An accepted case right now: waiting for its reviewer, under review, or paused (R3.5).
ACCEPTED_STATES = {"accepted": 45, "under_review": 40, "suspended": 15}
CORRECTED_RATE = 0.12  # accepted only after a one-time correction notice and the supplement
PAUSE_RATE = 0.07  # cases that went on had their clock paused once (R3.5), then resumed
# Pause reasons by title (codes come from chain/parameters.py) and their working days.
PAUSE_WEIGHTS = {"专家评审": 30, "检测": 25, "检验": 15, "鉴定": 10, "听证": 10, "检疫": 5}
PAUSE_DAYS = {"专家评审": (5, 15), "检测": (5, 20), "检验": (5, 15), "鉴定": (10, 30), "听证": (10, 20), "检疫": (3, 10)}
PAUSE_NOTICE = "因需进行{title}，本案自{day}起中止计时，预计需要{days}个工作日，{title}所需时间不计入行政许可期限。已书面告知申请人。"
SETTLED_OPEN_WORKDAYS = 20  # rejected or withdrawn cases are closed after about a month
ARCHIVE_AFTER_DAYS = 365  # about half of the cases closed over a year ago are archived
ARCHIVE_RATE = 0.5
FIRST_DAY = datetime.date(2023, 1, 1)
REFUSAL_RATE = 0.10
LATE_RATE = 0.06
RECENTLY_DELIVERED_DAYS = 75  # "delivered" cases got their decision in this many days before today

# Demo staff of profiles/city/staff.yaml who sign the chain.
RECEIVER = "zhangwei"
REVIEWER = "liuna"
CHECKER = "wangfang"
APPROVER = "chenjun"

CHANNEL_WEIGHTS = {"window": 45, "online": 33, "mobile": 17, "post": 5}

# -- working days --------------------------------------------------------------------------------


# The planner has no site: chinesecalendar's tables, weekdays beyond them (deadlines/calendar.py).
is_workday = functools.lru_cache(maxsize=None)(WorkingCalendar().is_working_day)


def add_workdays(day, count):
    """The ``count``-th working day after ``day`` (``day`` itself for 0)."""
    step = 1 if count >= 0 else -1
    for _ in range(abs(count)):
        day += datetime.timedelta(days=step)
        while not is_workday(day):
            day += datetime.timedelta(days=step)
    return day


def workday_on_or_before(day):
    while not is_workday(day):
        day -= datetime.timedelta(days=1)
    return day


def workday_on_or_after(day):
    while not is_workday(day):
        day += datetime.timedelta(days=1)
    return day


# -- the catalogue as plain data -----------------------------------------------------------------


def item_facts(item):
    """What planning needs of an item, from a LicensingItem, a version's data or an items.yaml entry."""
    if not isinstance(item, dict):
        get = functools.partial(getattr, item)
    else:
        get = item.get
    code = get("item_code", None) or get("code", None)
    materials = [
        {"name": m["name"], "mandatory": bool(m.get("mandatory"))} for m in (get("materials", None) or ())
    ]
    return {
        "code": code,
        "name": get("title", None) or get("name", None) or code,
        "result_name": get("result_name", None) or "",
        "validity": get("validity", None) or "",
        "statutory_days": int(get("statutory_days", None) or 20),
        "promised_days": int(get("promised_days", None) or get("statutory_days", None) or 20),
        "materials": materials,
        "review_points": list(get("review_points", None) or ()),
    }


def catalogue_items(portal=None):
    """The items in force in the site's catalogue, as ``item_facts`` (sorted by code)."""
    folder = catalogue_folder()
    items = [
        item_facts(item)
        for item in (folder.objectValues() if folder is not None else ())
        if api.content.get_state(item, default=None) == "effective"
    ]
    return sorted(items, key=lambda i: i["code"])


# -- planning ------------------------------------------------------------------------------------


def _weighted(rng, weights):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _industry(item):
    if item["code"] in tables.INDUSTRY:
        return tables.INDUSTRY[item["code"]]
    for word, industry in tables.INDUSTRY_BY_WORD:
        if word in item["name"]:
            return industry
    return "general"


def validity_years(text):
    """Years of a validity like ``5年`` or ``5年（辐射安全许可证）``; None for 长期 and the like."""
    match = re.match(r"\s*(\d+)\s*年", text or "")
    return int(match.group(1)) if match else None


def _years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _certificate_number(rng, item, day, serial):
    name = item["result_name"]
    county = rng.choice(["02", "03", "11", "21", "22", "23", "24", "25", "81"])
    if "食品经营" in name:  # JY + 业态 + 省市县 + 6-digit serial + check (14 digits)
        return f"JY{rng.choice('123')}4305{county}{serial % 10**6:06d}{rng.randint(0, 9)}"
    if "食品生产" in name:  # SC + 类别 + 省市县 + 4-digit serial + check (14 digits)
        return f"SC{rng.choice(['101', '103', '106', '111', '124'])}4305{county}{serial % 10**4:04d}{rng.randint(0, 9)}"
    if "道路运输" in name:
        return f"湘交运管许可邵字430500{serial:06d}号"
    if "卫生许可" in name:
        return f"邵卫公字〔{day.year}〕第{serial:05d}号"
    return f"湘邵{item['code'][2:7]}-{day.year}-{serial:05d}"


class _Applicants:
    """New applicants mostly; now and then one who applied before (a firm's second licence)."""
    def __init__(self, rng):
        self.rng = rng
        self.pool = collections.defaultdict(list)

    def get(self, kind, industry):
        key = kind if kind == "person" else industry
        known = self.pool[key]
        if known and self.rng.random() < 0.2:
            return dict(self.rng.choice(known))
        applicant = people.person(self.rng) if kind == "person" else people.organisation(self.rng, industry)
        known.append(applicant)
        return dict(applicant)


def _application(rng, item, applicant, received, channel, materials):
    data = {
        "applicant_type": applicant["applicant_type"],
        "applicant_name": applicant["applicant_name"],
        "phone": applicant["phone"],
        "address": applicant["address"],
        "received_date": received,
        "channel": channel,
        "submitted_materials": materials,
    }
    if applicant["applicant_type"] == "person":
        data["id_number"] = applicant["id_number"]
    else:
        data["credit_code"] = applicant["credit_code"]
        data["legal_representative"] = applicant["legal_representative"]
    return data


def _materials(rng, item, complete):
    """Submitted materials: every mandatory one (or, when incomplete, all but one or two)."""
    mandatory = [m["name"] for m in item["materials"] if m["mandatory"]]
    optional = [m["name"] for m in item["materials"] if not m["mandatory"]]
    missing = []
    if not complete and mandatory:
        missing = rng.sample(mandatory, k=min(len(mandatory), rng.choice((1, 1, 2))))
    chosen = set(m for m in mandatory if m not in missing) | set(m for m in optional if rng.random() < 0.5)
    return [m["name"] for m in item["materials"] if m["name"] in chosen], missing


def _timeline(rng, item, late):
    """Working-day offsets from the day received: accept, check, decide, deliver."""
    accept = rng.choices((0, 1, 2, 3), weights=(70, 18, 8, 4))[0]  # R3.1: within 5 working days
    promised = item["promised_days"]
    if late:
        days = promised + rng.randint(1, max(2, promised // 2 + 2))
    elif promised <= 2:
        days = rng.randint(0, promised)
    else:
        days = rng.randint(max(1, math.ceil(promised * 0.3)), promised)
    decide = accept + days
    check = accept + rng.randint(days // 2, days) if days else accept
    deliver = decide + rng.choices((0, 1, 2, 3, 5, 8), weights=(35, 30, 15, 10, 6, 4))[0]  # R3.4
    return {"accept": accept, "check": check, "decide": decide, "deliver": deliver}


def _received(rng, stage, offsets, today, correction):
    """The day received, so that the stage's last step is done by today and the next is not."""
    step = {"received": 0, "accepted": "accept", "reviewed": "check", "decided": "decide"}
    if stage in step:
        last = offsets[step[stage]] if step[stage] else 0
        following = {"received": "accept", "accepted": "check", "reviewed": "decide", "decided": "deliver"}
        gap = max(0, offsets[following[stage]] - last - 1)
        if stage == "received" and correction:
            gap = rng.randint(1, 15)  # waiting for the applicant's supplement
        waited = rng.randint(0, gap) if gap else 0
        if rng.random() < 0.05:
            waited += rng.randint(1, 10)  # stuck: overdue work in progress
        return add_workdays(workday_on_or_before(today), -(last + waited))
    latest = add_workdays(today, -(offsets["deliver"] + 1))
    if stage == "delivered":
        earliest = latest - datetime.timedelta(days=RECENTLY_DELIVERED_DAYS)
    else:
        earliest = FIRST_DAY
        latest = latest - datetime.timedelta(days=RECENTLY_DELIVERED_DAYS // 3)
    span = max(0, (latest - earliest).days)
    day = earliest + datetime.timedelta(days=rng.randint(0, span))
    day = workday_on_or_after(day)
    return day if day <= latest else workday_on_or_before(latest)


def _received_settled(rng, last, today):
    """The day received of a case rejected or withdrawn ``last`` working days later."""
    latest = add_workdays(workday_on_or_before(today), -last)
    if rng.random() < 0.3:  # still on the desk: settled within the last few weeks
        return add_workdays(latest, -rng.randint(0, 15))
    span = max(0, (latest - FIRST_DAY).days)
    day = workday_on_or_after(FIRST_DAY + datetime.timedelta(days=rng.randint(0, span)))
    return day if day <= latest else latest


def _workdays_between(first, last):
    """Working days after ``first`` up to and including ``last`` (0 when ``last <= first``)."""
    count, day = 0, first
    while True:
        following = add_workdays(day, 1)
        if following > last:
            return count
        count, day = count + 1, following


def _pause(rng):
    """Parameters of a ``suspend`` (R3.5): a reason of the law and the working days it needs."""
    weights = {code: PAUSE_WEIGHTS.get(title, 0) for code, title in PAUSE_REASONS.items()}
    if not any(weights.values()):
        weights = dict.fromkeys(PAUSE_REASONS, 1)
    code = _weighted(rng, {k: v for k, v in weights.items() if v})
    title = PAUSE_REASONS[code]
    low, high = PAUSE_DAYS.get(title, (5, 15))
    return {"reason": code, "expected_days": rng.randint(low, high)}


def _notice(pause, start):
    """The written notice of a pause (R3.5: the applicant is told the time it needs)."""
    day = f"{start.year}年{start.month}月{start.day}日"
    return PAUSE_NOTICE.format(title=PAUSE_REASONS[pause["reason"]], days=pause["expected_days"], day=day)


def _settle(rng, settled, today, flow, always=False):
    """Close (and maybe archive) a case settled on ``settled`` once it is old enough."""
    if not always and settled > add_workdays(today, -SETTLED_OPEN_WORKDAYS):
        return
    closed = min(add_workdays(settled, rng.randint(0, 10)), workday_on_or_before(today))
    flow.append({"do": "close", "on": closed, "comment": "", "params": {}})
    if closed < today - datetime.timedelta(days=ARCHIVE_AFTER_DAYS) and rng.random() < ARCHIVE_RATE:
        archived = min(workday_on_or_after(closed + datetime.timedelta(days=rng.randint(20, 90))), workday_on_or_before(today))
        flow.append({"do": "archive", "on": archived, "comment": "整理归档，四性检测通过。", "params": {}})


def final_state(flow, start="received"):
    """The workflow state a case ends in after the transitions of ``flow``."""
    state = start
    for step in flow:
        if "do" in step:
            state = TRANSITION_TARGETS[step["do"]]
    return state


def plan_case(rng, index, item, applicants, today):
    stage = _weighted(rng, STAGE_WEIGHTS)
    kind = "person" if rng.random() < tables.PERSON_SHARE.get(item["code"], 0.0) else "organisation"
    applicant = applicants.get(kind, _industry(item))
    channel = _weighted(rng, CHANNEL_WEIGHTS)
    mandatory = any(m["mandatory"] for m in item["materials"])
    # How far along the chain the case got: rejected ones never get past the window, withdrawn
    # ones are taken back before a decision.
    if stage == "rejected":
        chain = "received"
    elif stage == "withdrawn":
        chain = rng.choices(("received", "accepted"), weights=(45, 55))[0]
    else:
        chain = stage
    reached = CHAIN.index(chain)
    # Still waiting at the window with a one-time correction notice …
    correction = chain == "received" and stage != "rejected" and mandatory and rng.random() < 0.4
    # … or accepted only after such a notice and the applicant's supplement.
    corrected = reached >= 1 and mandatory and rng.random() < CORRECTED_RATE
    late = rng.random() < LATE_RATE
    # Public services (GG) are answered, not refused; licences are refused now and then.
    refused = rng.random() < REFUSAL_RATE and item["code"].startswith("XK")
    offsets = _timeline(rng, item, late)
    if corrected:  # the applicant takes some days to supplement; the time limit starts on acceptance
        supplement = rng.randint(2, 12)
        offsets["resubmit"] = supplement
        offsets = {k: v + (supplement if k != "resubmit" else 0) for k, v in offsets.items()}
    # accepted: waiting for a reviewer, under review, or paused (R3.5) right now.
    review = _weighted(rng, ACCEPTED_STATES) if chain == "accepted" else None
    # A pause in the past of a case that went on: the paused days shift what followed.
    paused_days = 0
    pause = None
    if reached >= CHAIN.index("reviewed") and rng.random() < PAUSE_RATE and offsets["check"] > offsets["accept"]:
        pause = _pause(rng)
        paused_days = max(1, pause["expected_days"] + rng.choice((-2, -1, 0, 0, 0, 1, 3)))
        offsets["suspend"] = offsets["accept"] + rng.randint(1, max(1, (offsets["check"] - offsets["accept"]) // 2))
        offsets["resume"] = offsets["suspend"] + paused_days
        for key in ("check", "decide", "deliver"):
            offsets[key] += paused_days
    if stage == "rejected":
        offsets["reject"] = offsets["accept"]
    elif stage == "withdrawn":
        offsets["withdraw"] = (offsets["accept"] if chain == "accepted" else 0) + rng.randint(1, 10)
    if stage in ("rejected", "withdrawn"):
        received = _received_settled(rng, offsets["reject" if stage == "rejected" else "withdraw"], today)
    else:
        received = _received(rng, chain, offsets, today, correction)
    on = {name: add_workdays(received, offset) for name, offset in offsets.items()}
    if review == "suspended":  # paused some day between acceptance and today (or the withdrawal)
        room = _workdays_between(on["accept"], min(workday_on_or_before(today), on.get("withdraw", today)))
        on["suspend"] = add_workdays(on["accept"], rng.randint(0, room))
        pause = _pause(rng)
    if pause:
        pause["notice"] = _notice(pause, on["suspend"])
    materials, missing = _materials(rng, item, complete=not correction)
    first_materials = None
    if corrected:  # the first submission lacked one or two mandatory materials
        mandatory_names = [m["name"] for m in item["materials"] if m["mandatory"]]
        missing = rng.sample(mandatory_names, k=min(len(mandatory_names), rng.choice((1, 1, 2))))
        first_materials = [m for m in materials if m not in missing]
    points = item["review_points"]

    flow = [{"add": "application"}]
    opinions = []

    def opinion(values):
        opinions.append(values)
        flow.append({"add": "opinion", "n": len(opinions) - 1})

    def do(transition, day, comment="", **params):
        flow.append({"do": transition, "on": day, "comment": comment, "params": params})

    if correction or corrected:
        notice = tables.CORRECTION_TEXT.format(missing="、".join(missing))
        opinion(
            {
                "step": "first_review",
                "signer": REVIEWER,
                "opinion": "correction",
                "text": notice,
                "points_checked": ["申请材料是否齐全、符合法定形式"],
                "opinion_date": received,
            }
        )
        do("request_correction", received, notice)
        if corrected:
            flow.append({"update": "application"})
            do("resubmit", on["resubmit"], "申请人已补正：" + "、".join(missing))
    if stage == "rejected":
        reason, body = rng.choice(tables.REJECTIONS)
        body = body.format(county=rng.choice(tables.COUNTIES))
        opinion(
            {
                "step": "first_review",
                "signer": RECEIVER,
                "opinion": "disagree",
                "text": tables.REJECTION_OPINION.format(reason=reason, body=body),
                "points_checked": ["申请事项是否属于本机关职权范围"],
                "opinion_date": on["reject"],
            }
        )
        do("reject_application", on["reject"], "已出具不予受理通知书", reason=reason, competent_body=body)
    if reached >= CHAIN.index("accepted"):
        opinion(
            {
                "step": "first_review",
                "signer": REVIEWER,
                "opinion": "agree",
                "text": tables.ACCEPT_AFTER_CORRECTION if corrected else rng.choice(tables.ACCEPT_TEXTS),
                "points_checked": ["申请材料是否齐全、符合法定形式"] + points[:1],
                "opinion_date": on["accept"],
            }
        )
        do("accept", on["accept"], "已出具受理通知书")
    if review in ("under_review", "suspended") or reached >= CHAIN.index("reviewed"):
        do("start_review", on["accept"])
    if pause:
        do("suspend", on["suspend"], pause["notice"], **pause)
        if "resume" in on:
            do("resume", on["resume"], "中止事由已消除，恢复计时")
    reason = None
    if refused:
        reason = rng.choice(tables.REFUSAL_REASONS).format(
            material=rng.choice(item["materials"])["name"] if item["materials"] else "申请书",
            point=rng.choice(points) if points else "申请人是否具备法定条件",
        )
    if reached >= CHAIN.index("reviewed"):
        if refused:
            text = tables.CHECK_REFUSAL_TEXT.format(reason_short=reason)
        else:
            text = rng.choice(tables.CHECK_GRANT_TEXTS).format(
                item=item["name"],
                point=(rng.choice(points) if points else "申请人主体资格是否合法"),
                result=item["result_name"] or "许可文书",
            )
        opinion(
            {
                "step": "check",
                "signer": CHECKER,
                "opinion": "disagree" if refused else "agree",
                "text": text,
                "points_checked": list(points),
                "opinion_date": on["check"],
            }
        )
        do("submit_for_decision", on["check"], "审查完毕，提请决定")

    decision = None
    if reached >= CHAIN.index("decided"):
        decided = on["decide"]
        opinion(
            {
                "step": "approval",
                "signer": APPROVER,
                "opinion": "disagree" if refused else "agree",
                "text": tables.APPROVAL_REFUSAL_TEXT
                if refused
                else rng.choice(tables.APPROVAL_GRANT_TEXTS).format(result=item["result_name"] or "许可文书"),
                "points_checked": [],
                "opinion_date": decided,
            }
        )
        if refused:

            decision = {
                "outcome": "refusal",
                "decision_date": decided,
                "reasons": f"{reason}。依据《中华人民共和国行政许可法》第三十八条第二款，决定不予行政许可。",
                "remedies": DEFAULT_REMEDIES,
            }
        else:
            years = validity_years(item["validity"])
            decision = {
                "outcome": "grant",
                "decision_date": decided,
                "certificate_name": item["result_name"] or f"{item['name']}批准文件",
                "certificate_number": _certificate_number(rng, item, decided, rng.randint(1, 99999)),
                "valid_from": decided,
                "valid_until": _years_later(decided, years) - datetime.timedelta(days=1) if years else None,
            }
        flow.append({"add": "decision"})
        do("decide", decided, "不予许可" if refused else "准予许可")

    delivery = None
    evaluation = None
    if reached >= CHAIN.index("delivered"):
        delivered = on["deliver"]
        if channel in ("online", "mobile"):
            method = _weighted(rng, {"electronic": 60, "post": 25, "window": 15})
        elif channel == "post":
            method = "post"
        else:
            method = _weighted(rng, {"window": 82, "post": 10, "electronic": 8})
        if refused and rng.random() < 0.05:
            method = "public_notice"
        if applicant["applicant_type"] == "person":
            recipient = applicant["applicant_name"]
            if rng.random() < 0.1:
                recipient = f"{people.name(rng)}（委托代理人）"
        elif rng.random() < 0.6:
            recipient = f"{applicant['legal_representative']}（法定代表人）"
        else:
            recipient = f"{people.name(rng)}（经办人）"
        note = tables.DELIVERY_NOTES[method].format(
            year=delivered.year,
            serial=rng.randint(1, 999999),
            tracking="".join(rng.choice("0123456789") for _ in range(13)),
            day=f"{delivered.month}月{delivered.day}日",
        )
        delivery = {"method": method, "delivery_date": delivered, "recipient": recipient, "receipt_note": note}
        flow.append({"add": "delivery"})
        do("deliver", delivered, note)

        rated_on = delivered + datetime.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        if rng.random() < (0.55 if stage == "closed" else 0.35) and rated_on < today:
            weights = tables.LEVEL_WEIGHTS_REFUSED if refused else tables.LEVEL_WEIGHTS
            level = _weighted(rng, weights)
            if late and level in ("very_satisfied", "satisfied") and rng.random() < 0.5:
                level = "dissatisfied"
            comment = rng.choice(tables.EVALUATION_COMMENTS[level])
            evaluation = {
                "channel": tables.EVALUATION_CHANNEL_OF[channel] if rng.random() < 0.85 else rng.choice(("sms", "phone")),
                "level": level,
                "rated_at": datetime.datetime.combine(
                    rated_on, datetime.time(rng.randint(8, 20), rng.randint(0, 59), rng.randint(0, 59))
                ),
                "staff": RECEIVER,
                "comment": comment or None,
                "real_name": rng.random() < 0.75,
            }
            flow.append({"add": "evaluation"})
        if stage == "closed":
            _settle(rng, delivered, today, flow, always=True)
    if stage == "withdrawn":
        do("withdraw", on["withdraw"], "申请人书面申请撤回", reason=rng.choice(tables.WITHDRAW_REASONS))
        _settle(rng, on["withdraw"], today, flow)
    elif stage == "rejected":
        _settle(rng, on["reject"], today, flow)

    return {
        "index": index,
        "stage": stage,
        "state": final_state(flow),
        "item_code": item["code"],
        "item_name": item["name"],
        "received_date": received,
        "promised_days": item["promised_days"],
        "due_date": add_workdays(on["accept"], item["promised_days"] + paused_days),
        "late": late and decision is not None,
        "case": {"item_code": item["code"], "received_date": received},
        "application": _application(rng, item, applicant, received, channel, materials),
        "first_materials": first_materials,
        "missing_materials": missing,
        "opinions": opinions,
        "decision": decision,
        "delivery": delivery,
        "evaluation": evaluation,
        "flow": flow,
    }


def plan_cases(items, count, seed, today=None):
    """``count`` case specs for ``items``: a pure function of ``seed`` (and of ``today``).

    ``items`` are LicensingItems, version data, items.yaml entries or ``item_facts``. The specs
    are in the order of their received date, so receipt numbers follow the calendar.
    """
    today = today or today_in_shaoyang()
    facts = sorted((item_facts(i) for i in items), key=lambda i: i["code"])
    if not facts:
        raise ValueError("事项清单为空：没有可生成案件的事项")
    weights = [tables.ITEM_WEIGHTS.get(i["code"], 2) for i in facts]
    rng = rng_of(f"shaoyang.licensing.demo:{seed}")
    applicants = _Applicants(rng)
    specs = [
        plan_case(rng, n, rng.choices(facts, weights=weights)[0], applicants, today) for n in range(count)
    ]
    specs.sort(key=lambda s: (s["received_date"], s["index"]))
    return specs
