"""The case file as one PDF (issue 6, third part), over HTTP with the demo staff: a case run
through the chain (its notices made at the steps), a PDF, a DOCX and an encrypted attachment,
the PDF produced by the archivist and read back with pypdf; who may produce it; storing it."""

from docx import Document
from helpers import make_item
from helpers import TEST_ITEM_CODE
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from pypdf import PdfReader
from pypdf import PdfWriter

import base64
import datetime
import io
import os
import pytest
import re
import requests
import transaction


PASSWORD = "shaoyang-demo"
TODAY = datetime.date.today()
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def as_(userid):
    return (userid, "secret" if userid == SITE_OWNER_NAME else PASSWORD)


def call(_method, _url, _userid, **json):
    return requests.request(_method, _url, headers={"Accept": "application/json"},
                            auth=as_(_userid) if _userid else None, json=json or None, timeout=300)


def step(case_url, transition, userid, **params):
    response = call("POST", f"{case_url}/@workflow/{transition}", userid, **params)
    assert response.status_code == 200, response.text


def post(case_url, userid, **body):
    response = call("POST", case_url, userid, **body)
    assert response.status_code == 201, response.text
    return response.json()


def get_pdf(case_url, userid, view="@case-pdf"):
    return requests.get(f"{case_url}/{view}", auth=as_(userid) if userid else None, timeout=300,
                        allow_redirects=False, headers={"Accept": "application/json"} if view.startswith("@c") else {})


def plain_pdf(*sizes):
    writer = PdfWriter()
    for width, height in sizes:
        writer.add_blank_page(width, height)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf():
    writer = PdfWriter(clone_from=io.BytesIO(plain_pdf((595, 842))))
    writer.encrypt(user_password="open-me", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(*paragraphs):
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def attach(case_url, data, filename, content_type, title, **extra):
    return post(case_url, "zhangwei", **{
        "@type": "Attachment", "title": title,
        "file": {"data": base64.b64encode(data).decode(), "encoding": "base64", "filename": filename,
                 "content-type": content_type}, **extra})


def squeeze(text):
    return re.sub(r"\s+", "", text)


@pytest.fixture
def site_url(functional):
    make_item(functional["portal"])
    transaction.commit()
    return f"http://{functional['host']}:{functional['port']}/plone"


def new_case(site_url, **extra):
    return post(f"{site_url}/cases", "zhangwei", **{"@type": "CaseFile", "item_code": TEST_ITEM_CODE, **extra})


def delivered_case(site_url):
    """A case through the whole chain up to delivery, with three attachments."""
    case = new_case(site_url)
    case_url = case["@id"]
    post(case_url, "zhangwei", **{"@type": "Application", "applicant_type": "organisation",
                                  "applicant_name": "邵阳市湘味食品有限公司", "credit_code": "91350100M000100Y43",
                                  "phone": "0739-5321234", "received_date": TODAY.isoformat(),
                                  "submitted_materials": ["食品经营许可申请书", "营业执照"]})
    attach(case_url, plain_pdf((595, 842), (612, 792), (842, 595)), "yyzz.pdf", PDF, "营业执照（副本）",
           material_name="营业执照")
    attach(case_url, docx_bytes("食品安全管理制度", "一、从业人员健康管理制度。"), "zhidu.docx", DOCX, "食品安全管理制度")
    attach(case_url, encrypted_pdf(), "jiami.pdf", PDF, "加密的场所平面图")
    step(case_url, "accept", "zhangwei")
    step(case_url, "start_review", "liuna")
    for userid, step_id in (("liuna", "first_review"), ("wangfang", "check")):
        post(case_url, userid, **{"@type": "ReviewOpinion", "step": step_id, "opinion": "agree",
                                  "text": "材料齐全，符合法定条件，同意。", "opinion_date": TODAY.isoformat()})
    step(case_url, "submit_for_decision", "wangfang")
    decision = post(case_url, "chenjun", **{"@type": "Decision", "outcome": "grant", "decision_date": TODAY.isoformat(),
                                            "certificate_name": "食品经营许可证", "certificate_number": "JY14305000000001"})
    step(case_url, "decide", "chenjun")
    post(case_url, "zhangwei", **{"@type": "Delivery", "method": "window", "delivery_date": TODAY.isoformat(),
                                  "recipient": "王经理"})
    step(case_url, "deliver", "zhangwei")
    return case, decision["document_number"]


def outline(reader):
    found = []
    for item in reader.outline:
        if not isinstance(item, list):
            found.append((item.title, reader.get_destination_page_number(item)))
    return found


def test_archivist_produces_the_case_file(site_url):
    case, decision_number = delivered_case(site_url)
    case_url, receipt = case["@id"], case["receipt_number"]
    year = TODAY.year
    response = get_pdf(case_url, "sunli")
    assert response.status_code == 200, response.text[:500]
    assert response.headers["Content-Type"] == PDF
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    if os.environ.get("CASEPDF_SAMPLE"):  # docs/casepdf.md: how docs/case-file-sample.png is made
        with open(os.environ["CASEPDF_SAMPLE"], "wb") as sample:
            sample.write(response.content)

    # Bookmarks: cover, catalogue, then each document in the order it was filed.
    marks = outline(reader)
    titles = [title for title, _ in marks]
    receipt_notice = f"受理通知书（邵审批受〔{year}〕{receipt}号）"
    grant_notice = f"准予行政许可决定书（{decision_number}）"
    delivery_notice = f"送达回证（邵市监送〔{year}〕{receipt}号）"
    assert titles == [
        "封面", "卷内目录",
        "1. 申请（邵阳市湘味食品有限公司）", "2. 营业执照（副本）", "3. 食品安全管理制度",
        # 4. the encrypted attachment: listed, not bookmarked
        f"5. {receipt_notice}", "6. 初审意见（刘娜）", "7. 审核意见（王芳）", f"8. 许可决定记录（{decision_number}）",
        f"9. {grant_notice}", "10. 送达记录（窗口领取）", f"11. {delivery_notice}",
    ]
    starts = [page for _, page in marks]
    assert starts[:3] == [0, 1, 2] and starts == sorted(starts)
    assert starts[3] + 3 == starts[4]  # the three-page PDF attachment kept all its pages
    assert len(reader.pages) == int(response.headers["X-Case-PDF-Pages"]) >= starts[-1] + 1

    # The cover and the catalogue say what they should (R7.1).
    cover = squeeze(reader.pages[0].extract_text())
    for text in ("案卷封面", "邵阳市行政审批服务局", f"测试事项：食品经营许可（{receipt}）", receipt, "定期30年",
                 "内部（工作秘密）", f"共11件，{len(reader.pages) - 2}页"):
        assert squeeze(text) in cover, text
    catalogue = squeeze(reader.pages[1].extract_text())
    for text in ("序号", "文号", "责任者", "题名", "日期", "页数", "备注",
                 f"邵审批受〔{year}〕{receipt}号", receipt_notice, decision_number, grant_notice, delivery_notice,
                 "邵阳市湘味食品有限公司", "邵阳市市场监督管理局", "刘娜", TODAY.strftime("%Y%m%d"),
                 "加密的场所平面图", "PDF已加密，无法打开，未编入；原件存于案卷"):
        assert squeeze(text) in catalogue, text

    # Every document is in it: the notices converted from .docx, the record pages, the DOCX.
    def text_at(index):
        return squeeze(reader.pages[index].extract_text())

    assert "受理通知书" in text_at(starts[5]) and "予以受理" in text_at(starts[5])
    assert "审查意见" in text_at(starts[6]) and "刘娜（liuna）" in text_at(starts[6])
    assert "JY14305000000001" in text_at(starts[9])
    assert "从业人员健康管理制度" in text_at(starts[4])
    # Page numbers on every page, the last one included.
    total = len(reader.pages)
    assert f"第{total}页共{total}页" in text_at(total - 1)
    assert all(f"第{n}页共{total}页" in text_at(n - 1) for n in range(1, total + 1))

    # Journaled as a document made.
    entries = call("GET", f"{case_url}/@journal", "zhouqiang").json()
    assert entries["verification"]["ok"]
    made = [e for e in entries["items"] if e["action"] == "document" and e["details"].get("kind") == "case_pdf"]
    assert len(made) == 1 and made[0]["actor"] == "sunli" and made[0]["details"]["pages"] == total
    assert "1件未编入" in made[0]["summary"] and "加密的场所平面图" in made[0]["details"]["skipped"][0]

    # The Classic UI download gives the same document.
    view = get_pdf(case_url, "sunli", "@@case-pdf")
    assert view.status_code == 200 and view.content[:5] == b"%PDF-"
    assert len(PdfReader(io.BytesIO(view.content)).pages) == total


def test_store_it_in_the_case(site_url, functional):
    case = new_case(site_url)
    case_url = case["@id"]
    attach(case_url, plain_pdf((595, 842)), "a.pdf", PDF, "现场照片说明")
    response = call("POST", f"{case_url}/@case-pdf", "sunli")
    assert response.status_code == 201, response.text[:800]
    stored = response.json()
    assert stored["title"] == "案卷PDF" and stored["id"] == "case-pdf"
    assert stored["verification"]["ok"] and stored["verification"]["missing_bookmarks"] == []
    assert [row["题名"] for row in stored["catalogue"]] == ["现场照片说明"]
    attachment = call("GET", stored["@id"], "sunli").json()
    assert attachment["page_count"] == stored["pages"] == 3 and attachment["sha256"] == stored["sha256"]
    # The stored PDF is not put into the next one.
    again = call("POST", f"{case_url}/@case-pdf", "sunli").json()
    assert again["id"] == "case-pdf-2" and [row["题名"] for row in again["catalogue"]] == ["现场照片说明"]
    # A PDF that fails its read-back check is refused and not stored (here: no page numbers).
    from shaoyang.licensing.casepdf import assemble

    original, assemble._stamp = assemble._stamp, lambda writer, overlay: None
    try:
        refused = call("POST", f"{case_url}/@case-pdf", "sunli")
    finally:
        assemble._stamp = original
    assert refused.status_code == 500 and "页码缺失" in refused.json()["error"]["message"]
    assert refused.json()["error"]["verification"]["ok"] is False
    transaction.begin()
    case_obj = functional["portal"].unrestrictedTraverse(case_url.split("/plone/", 1)[1])
    assert [i for i in case_obj.objectIds() if i.startswith("case-pdf")] == ["case-pdf", "case-pdf-2"]
    # Nobody else stores one.
    assert call("POST", f"{case_url}/@case-pdf", "zhouqiang").status_code in (401, 403)


def test_who_may_produce_it(functional, site_url):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.user.create(email="o@example.org", username="jtys_receiver", password=PASSWORD)
        api.group.add_user(groupname="Receivers", username="jtys_receiver")
        api.group.add_user(groupname="department-jtys", username="jtys_receiver")
    transaction.commit()
    case_url = new_case(site_url)["@id"]
    # The refusals first (cheap: nothing is converted), then one producer of each kind.
    for userid in (None, "jtys_receiver", "liuna", "zhangwei", "zhouqiang"):
        for view in ("@case-pdf", "@@case-pdf"):
            response = get_pdf(case_url, userid, view)
            assert response.status_code in (302, 401, 403), (userid, view, response.status_code)
            assert response.content[:5] != b"%PDF-"
    for userid in ("sunli", SITE_OWNER_NAME):
        response = get_pdf(case_url, userid)
        assert response.status_code == 200 and response.content[:5] == b"%PDF-", userid

    # A secret case: archivists are not named on it, so they cannot read it, nor produce its PDF.
    secret_url = new_case(site_url, classification="secret", secrecy_period=5, disclosure="withheld")["@id"]
    assert get_pdf(secret_url, "sunli").status_code in (401, 403)
