"""Generated notices (issue 6): each made at its step over REST, a real .docx with the right
numbers, names and missing materials, carrying the case's classification, journaled; a
correction is a new version that keeps the old; downloads follow the case's permissions."""

from docx import Document
from helpers import make_item
from helpers import TEST_ITEM_CODE
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from shaoyang.licensing.notices.render import text_of

import datetime
import io
import pytest
import requests
import transaction


PASSWORD = "shaoyang-demo"
TODAY = datetime.date.today()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def as_(userid):
    return (userid, "secret" if userid == SITE_OWNER_NAME else PASSWORD)


def call(_method, _url, _userid, **json):
    return requests.request(
        _method, _url, headers={"Accept": "application/json"}, auth=as_(_userid), json=json or None, timeout=60
    )


def step(case_url, transition, userid, **params):
    response = call("POST", f"{case_url}/@workflow/{transition}", userid, **params)
    assert response.status_code == 200, response.text
    return response


def notices(case_url):
    """{id: REST data} of the case's notices."""
    items = call("GET", f"{case_url}?fullobjects=1", SITE_OWNER_NAME).json()["items"]
    return {i["id"]: call("GET", i["@id"], SITE_OWNER_NAME).json() for i in items if i["@type"] == "Notice"}


def get_file(url, userid):
    return requests.get(url, auth=as_(userid) if userid else None, timeout=30, allow_redirects=False)


def download(notice, userid=SITE_OWNER_NAME):
    response = get_file(f"{notice['@id']}/@@download/file", userid)
    assert response.status_code == 200, response.status_code
    return response.content


def docx_text(data):
    Document(io.BytesIO(data))  # python-docx opens it
    return text_of(data)


def journal_documents(case_url):
    entries = call("GET", f"{case_url}/@journal", "zhouqiang").json()
    assert entries["verification"]["ok"]
    return [e for e in entries["items"] if e["action"] == "document"]


@pytest.fixture
def site_url(functional):
    make_item(functional["portal"])
    transaction.commit()
    return f"http://{functional['host']}:{functional['port']}/plone"


def new_case(site_url, **extra):
    response = call("POST", f"{site_url}/cases", "zhangwei", **{"@type": "CaseFile", "item_code": TEST_ITEM_CODE, **extra})
    assert response.status_code == 201, response.text
    return response.json()["@id"], response.json()["receipt_number"]


def application(case_url, materials):
    response = call(
        "POST", case_url, "zhangwei",
        **{"@type": "Application", "applicant_type": "organisation", "applicant_name": "邵阳市湘味食品有限公司",
           "credit_code": "91350100M000100Y43", "phone": "0739-5321234", "received_date": TODAY.isoformat(),
           "submitted_materials": materials},
    )
    assert response.status_code == 201, response.text
    return response.json()["@id"]


def opinion(case_url, userid, step_id):
    response = call("POST", case_url, userid, **{"@type": "ReviewOpinion", "step": step_id, "opinion": "agree",
                                                  "text": "材料齐全，符合法定条件，同意。", "opinion_date": TODAY.isoformat()})
    assert response.status_code == 201, response.text


def to_decision(case_url):
    step(case_url, "start_review", "liuna")
    opinion(case_url, "liuna", "first_review")
    opinion(case_url, "wangfang", "check")
    step(case_url, "submit_for_decision", "wangfang")


def test_each_notice_at_its_step(site_url):
    case_url, receipt = new_case(site_url)
    app_url = application(case_url, [])
    year = TODAY.year

    # 补正材料通知书: all missing mandatory materials at once (R3.1).
    step(case_url, "request_correction", "zhangwei")
    found = notices(case_url)
    assert list(found) == ["correction-1"]
    correction = found["correction-1"]
    assert correction["notice_kind"]["token"] == "correction"
    assert correction["notice_number"] == f"邵审批补〔{year}〕{receipt}号"
    assert correction["version"] == 1 and correction["classification"]["token"] == "internal"
    text = docx_text(download(correction))
    assert "补正材料通知书" in text and correction["notice_number"] in text and "邵阳市湘味食品有限公司：" in text
    assert "1. 食品经营许可申请书" in text and "2. 营业执照" in text and "（共2项）" in text
    assert "食品安全管理制度" not in text  # optional material: not demanded
    assert "【印章】" in text and "邵阳市行政审批服务局" in text and f"{year}年{TODAY.month}月{TODAY.day}日" in text
    assert correction["file"]["content-type"] == DOCX

    # 受理通知书
    step(case_url, "resubmit", "zhangwei")
    assert call("PATCH", app_url, "zhangwei", submitted_materials=["食品经营许可申请书", "营业执照"]).status_code == 204
    step(case_url, "accept", "zhangwei")
    receipt_notice = notices(case_url)["receipt-1"]
    assert receipt_notice["notice_number"] == f"邵审批受〔{year}〕{receipt}号"
    text = docx_text(download(receipt_notice))
    assert "受理通知书" in text and "予以受理" in text and "10个工作日" in text

    # 听证告知书 only for a hearing; another pause reason has no notice of this kind.
    step(case_url, "start_review", "liuna")
    step(case_url, "suspend", "chenjun", reason="expert_review", expected_days=5, notice="需组织专家评审。")
    assert not [n for n in notices(case_url) if n.startswith("hearing")]
    step(case_url, "resume", "chenjun")
    step(case_url, "suspend", "chenjun", reason="hearing", expected_days=15, notice="本机关拟就该申请举行听证")
    hearing = notices(case_url)["hearing-1"]
    assert hearing["notice_number"] == f"邵市监听告〔{year}〕{receipt}号"
    text = docx_text(download(hearing))
    assert "听证告知书" in text and "本机关拟就该申请举行听证" in text and "预计15个工作日" in text
    assert "邵阳市市场监督管理局" in text
    step(case_url, "resume", "chenjun")

    # 准予行政许可决定书 with the decision's document number and certificate.
    opinion(case_url, "liuna", "first_review")
    opinion(case_url, "wangfang", "check")
    step(case_url, "submit_for_decision", "wangfang")
    decision = call("POST", case_url, "chenjun", **{"@type": "Decision", "outcome": "grant", "decision_date": TODAY.isoformat(),
                                                   "certificate_name": "食品经营许可证", "certificate_number": "JY14305000000001"})
    assert decision.status_code == 201, decision.text
    document_number = decision.json()["document_number"]
    step(case_url, "decide", "chenjun")
    grant = notices(case_url)["grant-1"]
    assert grant["notice_number"] == document_number == f"邵市监许〔{year}〕1号"
    text = docx_text(download(grant))
    assert "准予行政许可决定书" in text and document_number in text
    assert "《食品经营许可证》" in text and "JY14305000000001" in text and "第三十八条第一款" in text

    # 送达回证
    delivery = call("POST", case_url, "zhangwei", **{"@type": "Delivery", "method": "window",
                                                    "delivery_date": TODAY.isoformat(), "recipient": "王经理"})
    assert delivery.status_code == 201, delivery.text
    step(case_url, "deliver", "zhangwei")
    delivery_notice = notices(case_url)["delivery-1"]
    data = download(delivery_notice)
    table = Document(io.BytesIO(data)).tables[0]
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert rows["受送达人"] == "王经理" and rows["送达方式"] == "窗口领取"
    assert document_number in rows["送达文书"]

    # Journaled, in order, each with its number and digest.
    documents = journal_documents(case_url)
    assert [e["details"]["kind"] for e in documents] == ["correction", "receipt", "hearing", "grant", "delivery"]
    assert documents[3]["summary"] == f"生成文书：准予行政许可决定书（{document_number}）"
    assert all(len(e["details"]["sha256"]) == 64 and e["details"]["template"] == "内置模板" for e in documents)

    # Found by search (the notice's text is indexed).
    found = call("GET", f"{site_url}/@search?SearchableText=JY14305000000001&portal_type=Notice", "liuna").json()
    assert [i["@id"] for i in found["items"]] == [grant["@id"]]


def test_refusal_and_rejection(site_url):
    case_url, receipt = new_case(site_url)
    step(case_url, "reject_application", "zhangwei", reason="申请事项依法不属于本机关职权范围",
         competent_body="邵阳市生态环境局")
    rejection = notices(case_url)["rejection-1"]
    assert rejection["notice_number"] == f"邵审批不受〔{TODAY.year}〕{receipt}号"
    text = docx_text(download(rejection))
    assert "不予受理决定书" in text and "申请事项依法不属于本机关职权范围" in text
    assert "请你（单位）向邵阳市生态环境局提出申请" in text and "行政复议" in text
    # No application was filed: the addressee is still named.
    assert "申请人：" in text

    case_url, _ = new_case(site_url)
    application(case_url, ["食品经营许可申请书", "营业执照"])
    step(case_url, "accept", "zhangwei")
    to_decision(case_url)
    decision = call("POST", case_url, "chenjun", **{"@type": "Decision", "outcome": "refusal", "decision_date": TODAY.isoformat(),
                                                   "reasons": "经现场核查，经营场所与申请材料不符。"})
    assert decision.status_code == 201, decision.text
    step(case_url, "decide", "chenjun")
    refusal = notices(case_url)["refusal-1"]
    text = docx_text(download(refusal))
    assert refusal["notice_number"] == decision.json()["document_number"] in text
    assert "不予行政许可决定书" in text and "经现场核查，经营场所与申请材料不符。" in text
    assert "行政复议" in text and "行政诉讼" in text and "第三十八条第二款" in text


def test_correction_is_a_new_version_and_keeps_the_old(site_url):
    case_url, receipt = new_case(site_url)
    app_url = application(case_url, ["食品经营许可申请书", "营业执照"])
    step(case_url, "accept", "zhangwei")
    original = notices(case_url)["receipt-1"]
    first_bytes = download(original)

    refused = call("POST", f"{original['@id']}/@correct", "zhangwei")
    assert refused.status_code == 400 and "更正原因" in refused.json()["error"]["message"]
    # The applicant's name was wrong: fixed on the application, then the notice is corrected.
    assert call("PATCH", app_url, "zhangwei", applicant_name="邵阳市湘味食品股份有限公司").status_code == 204
    response = call("POST", f"{original['@id']}/@correct", "zhangwei", reason="申请人名称有误")
    assert response.status_code == 201, response.text
    assert response.json()["id"] == "receipt-1-v2"

    found = notices(case_url)
    old, new = found["receipt-1"], found["receipt-1-v2"]
    assert (old["version"], old["superseded_by"]) == (1, "receipt-1-v2")
    assert (new["version"], new["supersedes"], new["correction_reason"]) == (2, "receipt-1", "申请人名称有误")
    assert new["notice_number"] == old["notice_number"]
    assert download(old) == first_bytes  # the issued file is untouched
    assert "邵阳市湘味食品股份有限公司" not in docx_text(first_bytes)
    text = docx_text(download(new))
    assert "邵阳市湘味食品股份有限公司：" in text and "更正原因：申请人名称有误" in text and "第2版" in text

    # Only the latest version is corrected; writing the file over REST does nothing.
    again = call("POST", f"{old['@id']}/@correct", "zhangwei", reason="再次更正")
    assert again.status_code == 400 and "receipt-1-v2" in again.json()["error"]["message"]
    call("PATCH", old["@id"], "zhangwei", notice_number="篡改", version=9)
    assert notices(case_url)["receipt-1"]["notice_number"] == old["notice_number"]
    # Nobody but a Manager adds a notice by hand.
    assert call("POST", case_url, "zhangwei", **{"@type": "Notice", "title": "x"}).status_code in (400, 401, 403)

    kinds = [(e["details"]["kind"], e["details"]["version"], e["details"]["correction_reason"])
             for e in journal_documents(case_url)]
    assert kinds == [("receipt", 1, None), ("receipt", 2, "申请人名称有误")]


def test_secret_case_notice_carries_its_mark(site_url):
    case_url, _ = new_case(site_url, classification="secret", secrecy_period=5, disclosure="withheld")
    step(case_url, "reject_application", "zhangwei", reason="涉及国家秘密事项，不属于本机关职权范围",
         competent_body="邵阳市国家保密局")
    rejection = notices(case_url)["rejection-1"]
    assert rejection["classification"]["token"] == "secret" and rejection["secrecy_period"] == 5
    assert rejection["disclosure"]["token"] == "withheld"
    data = download(rejection)
    assert Document(io.BytesIO(data)).paragraphs[0].text == "秘密★5年"
    # Department staff and supervisors, not named on a secret case, cannot download it.
    for userid in ("liuna", "zhouqiang"):
        response = get_file(f"{rejection['@id']}/@@download/file", userid)
        assert response.status_code in (302, 401, 403) and response.content[:2] != b"PK", userid


def test_download_permissions(functional, site_url):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.user.create(email="o@example.org", username="jtys_receiver", password=PASSWORD)
        api.group.add_user(groupname="Receivers", username="jtys_receiver")
        api.group.add_user(groupname="department-jtys", username="jtys_receiver")
    transaction.commit()
    case_url, _ = new_case(site_url)
    application(case_url, ["食品经营许可申请书", "营业执照"])
    step(case_url, "accept", "zhangwei")
    url = f"{notices(case_url)['receipt-1']['@id']}/@@download/file"
    expected = {None: False, "jtys_receiver": False, "liuna": True, "zhangwei": True, "zhouqiang": True, "sunli": True}
    for userid, allowed in expected.items():
        response = get_file(url, userid)
        assert (response.status_code == 200) is allowed, (userid, response.status_code)
        if allowed:
            assert response.content[:2] == b"PK"
        else:  # anonymous: 401; signed in without the right: redirected to the login form
            assert response.status_code in (302, 401, 403) and response.content[:2] != b"PK"
    # The download by staff of a non-public notice is journaled like any record's.
    downloads = [e for e in call("GET", f"{case_url}/@journal", "zhouqiang").json()["items"]
                 if e["action"] == "download" and e["actor"] == "liuna"]
    assert downloads and "受理通知书" in downloads[0]["summary"]


def test_agency_template_and_preview(functional, site_url):
    from plone.namedfile.file import NamedBlobFile
    from shaoyang.licensing.notices.render import builtin_template

    template = builtin_template()
    template.paragraphs[1].runs[0].text = "{{title}}（本局格式）"
    out = io.BytesIO()
    template.save(out)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        folder = api.content.create(container=functional["portal"], type="Folder", id="notice-templates", title="文书模板")
        api.content.create(container=folder, type="File", id="xzsp-receipt.docx",
                           file=NamedBlobFile(out.getvalue(), filename="xzsp-receipt.docx"))
        api.content.create(container=folder, type="File", id="correction.docx",
                           file=NamedBlobFile(b"not a docx", filename="correction.docx"))
    transaction.commit()

    preview = requests.get(f"{site_url}/@@notice-preview?kind=receipt&agency=xzsp", auth=as_(SITE_OWNER_NAME), timeout=30)
    assert preview.status_code == 200 and preview.headers["Content-Type"] == DOCX
    assert "受理通知书（本局格式）" in docx_text(preview.content) and "（示例）" in docx_text(preview.content)
    for kind in ("correction", "rejection", "grant", "refusal", "hearing", "delivery"):
        response = requests.get(f"{site_url}/@@notice-preview?kind={kind}", auth=as_(SITE_OWNER_NAME), timeout=30)
        assert response.status_code == 200 and docx_text(response.content), kind
    assert get_file(f"{site_url}/@@notice-preview?kind=receipt", "zhangwei").status_code in (302, 401, 403)
    assert get_file(f"{site_url}/@@notice-preview?kind=receipt", None).status_code in (302, 401, 403)

    case_url, _ = new_case(site_url)
    app_url = application(case_url, ["食品经营许可申请书"])
    step(case_url, "request_correction", "zhangwei")  # broken upload: the built-in is used, and said
    step(case_url, "resubmit", "zhangwei")
    step(case_url, "request_correction", "zhangwei")  # a second correction notice gets its own number
    step(case_url, "resubmit", "zhangwei")
    call("PATCH", app_url, "zhangwei", submitted_materials=["食品经营许可申请书", "营业执照"])
    step(case_url, "accept", "zhangwei")
    found = notices(case_url)
    assert "本局格式" in docx_text(download(found["receipt-1"]))
    assert found["receipt-1"]["template"] == "notice-templates/xzsp-receipt.docx"
    assert found["correction-1"]["template"].startswith("内置模板（notice-templates/correction.docx 无法使用")
    assert found["correction-2"]["notice_number"].endswith("-2号")
    assert found["correction-1"]["notice_number"] != found["correction-2"]["notice_number"]
