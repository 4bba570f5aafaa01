"""Attachments uploaded over plone.restapi on the functional server: the stored text, page
count, digests and Chinese notes, the @fixity-check recheck (also of a tampered file), the
search index, and who may do what."""

from helpers import make_item
from helpers import TEST_ITEM_CODE
from plone import api
from test_attachments_reading import CHINESE
from test_attachments_reading import encrypted_pdf
from test_attachments_reading import image_pdf
from test_attachments_reading import make_docx
from test_attachments_reading import text_pdf
from test_attachments_reading import truncated_pdf

import base64
import hashlib
import pytest
import requests
import transaction


RECEIVER = ("zhangwei", "shaoyang-demo")
ARCHIVIST = ("sunli", "shaoyang-demo")
SUPERVISOR = ("zhouqiang", "shaoyang-demo")
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def site_url(functional):
    make_item(functional["portal"])
    transaction.commit()
    return f"http://{functional['host']}:{functional['port']}/plone"


@pytest.fixture
def case_url(site_url):
    response = call("POST", f"{site_url}/cases", **{"@type": "CaseFile", "item_code": TEST_ITEM_CODE})
    assert response.status_code == 201, response.text
    return response.json()["@id"]


def call(method, url, auth=RECEIVER, **json):
    return requests.request(
        method, url, headers={"Accept": "application/json"}, auth=auth, json=json or None, timeout=60
    )


def upload(case_url, data, filename, content_type, **extra):
    body = {
        "@type": "Attachment",
        "title": filename,
        "file": {"data": base64.b64encode(data).decode(), "encoding": "base64",
                 "filename": filename, "content-type": content_type},
        **extra,
    }
    response = call("POST", case_url, **body)
    assert response.status_code == 201, response.text
    return response.json()


def download(attachment, auth=RECEIVER):
    return requests.get(attachment["file"]["download"], auth=auth, timeout=60, allow_redirects=False)


def stored_object(functional, attachment):
    """The attachment as the test's own ZODB connection sees it after the server's commit."""
    transaction.begin()  # see what the server committed
    path = attachment["@id"].split("/plone/", 1)[1]
    return functional["portal"].unrestrictedTraverse(path)


def test_pdf_upload_stores_text_pages_and_both_digests(case_url):
    data = text_pdf()
    attachment = upload(case_url, data, "申请书.pdf", PDF, material_name="食品经营许可申请书")
    assert attachment["reading_status"] == "ok"
    assert attachment["page_count"] == 2
    assert "Food business licence application" in attachment["extracted_text"]
    assert attachment["reading_note"] is None
    assert attachment["file_size"] == len(data)
    assert attachment["sm3"] == hashlib.new("sm3", data).hexdigest()
    assert attachment["sha256"] == hashlib.sha256(data).hexdigest()
    assert download(attachment).content == data


def test_docx_upload_stores_chinese_text(case_url):
    attachment = upload(case_url, make_docx(*CHINESE, pages=2), "承诺书.docx", DOCX)
    assert attachment["reading_status"] == "ok"
    assert CHINESE[1] in attachment["extracted_text"]
    assert attachment["page_count"] == 2


@pytest.mark.parametrize(
    "make,filename,content_type,status,note",
    [
        (encrypted_pdf, "加密.pdf", PDF, "encrypted", "PDF已加密，无法读取文本"),
        (truncated_pdf, "截断.pdf", PDF, "broken", "文件已损坏或不完整，无法作为PDF读取"),
        (lambda: make_docx(*CHINESE)[:3000], "截断.docx", DOCX, "broken", "文件已损坏或不完整，无法作为DOCX读取"),
        (image_pdf, "扫描件.pdf", PDF, "image_only", "仅含图像，未提取到文字，需OCR"),
        (lambda: b"", "空.pdf", PDF, "empty", "空文件"),
        (lambda: b"\x89PNG\r\n\x1a\n\x00\x00", "照片.png", "image/png", "unsupported", "不支持读取此类文件（.png）"),
    ],
    ids=["encrypted", "truncated-pdf", "truncated-docx", "image-only", "empty", "unsupported"],
)
def test_unreadable_files_are_kept_with_a_chinese_note(case_url, make, filename, content_type, status, note):
    data = make()
    attachment = upload(case_url, data, filename, content_type)
    assert attachment["reading_status"] == status
    assert note in attachment["reading_note"], attachment["reading_note"]
    assert attachment["extracted_text"] is None
    # The file itself is always kept, byte for byte, with its digests.
    assert attachment["sha256"] == hashlib.sha256(data).hexdigest()
    assert download(attachment).content == data


def test_file_over_the_configured_limit_is_kept_but_not_read(functional, case_url):
    api.portal.set_registry_record("shaoyang.licensing.documents.max_read_bytes", 200)
    transaction.commit()
    data = text_pdf()
    attachment = upload(case_url, data, "大文件.pdf", PDF)
    assert attachment["reading_status"] == "too_large"
    assert attachment["reading_note"] == "超过大小上限（200 字节），未提取文本；文件已完整保存"
    assert attachment["page_count"] is None
    assert attachment["sm3"] == hashlib.new("sm3", data).hexdigest()
    assert download(attachment).content == data


def test_readonly_fields_cannot_be_set_over_rest(case_url):
    attachment = upload(case_url, text_pdf(), "a.pdf", PDF)
    response = call("PATCH", attachment["@id"], sm3="0" * 64, material_name="营业执照")
    assert response.status_code == 204, response.text
    again = call("GET", attachment["@id"]).json()
    assert again["sm3"] == attachment["sm3"]
    assert again["material_name"] == "营业执照"


def test_replacing_the_file_describes_the_new_file(case_url):
    attachment = upload(case_url, text_pdf(), "a.pdf", PDF)
    new = make_docx(*CHINESE)
    file = {"data": base64.b64encode(new).decode(), "encoding": "base64", "filename": "b.docx",
            "content-type": DOCX}
    assert call("PATCH", attachment["@id"], file=file).status_code == 204
    again = call("GET", attachment["@id"]).json()
    assert again["sha256"] == hashlib.sha256(new).hexdigest()
    assert CHINESE[0] in again["extracted_text"]


def test_fixity_check_matches_after_upload(case_url):
    attachment = upload(case_url, text_pdf(), "a.pdf", PDF)
    response = call("POST", f"{attachment['@id']}/@fixity-check", ARCHIVIST)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["ok"] is True
    assert result["sm3"] == {"stored": attachment["sm3"], "actual": attachment["sm3"], "ok": True}
    assert result["sha256"]["ok"] is True
    assert result["message"] == "一致：SM3与SHA-256均与入库时相同"
    again = call("GET", attachment["@id"]).json()
    assert again["fixity_status"] == result["message"]
    assert again["fixity_checked"]


def test_fixity_check_reports_a_tampered_file(functional, case_url):
    """Bytes changed under the archive (no event, as a disk fault or a direct write would)."""
    attachment = upload(case_url, text_pdf(), "a.pdf", PDF)
    obj = stored_object(functional, attachment)
    with obj.file.open("w") as blob:
        blob.write(text_pdf().replace(b"passed", b"failed"))
    transaction.commit()
    result = call("POST", f"{attachment['@id']}/@fixity-check", SUPERVISOR).json()
    assert result["ok"] is False
    assert result["sm3"]["ok"] is False and result["sha256"]["ok"] is False
    assert result["message"].startswith("不一致：SM3、SHA-256与入库时不同")
    # A later, unrelated edit does not bless the changed bytes with new digests.
    assert call("PATCH", attachment["@id"], material_name="营业执照").status_code == 204
    assert call("POST", f"{attachment['@id']}/@fixity-check", ARCHIVIST).json()["ok"] is False


def test_fixity_check_reports_a_changed_stored_digest(functional, case_url):
    attachment = upload(case_url, text_pdf(), "a.pdf", PDF)
    stored_object(functional, attachment).sha256 = "0" * 64
    transaction.commit()
    result = call("POST", f"{attachment['@id']}/@fixity-check", ARCHIVIST).json()
    assert result["ok"] is False
    assert result["sm3"]["ok"] is True and result["sha256"]["ok"] is False
    assert result["message"].startswith("不一致：SHA-256")


def test_fixity_check_needs_the_archive_permission(site_url, case_url):
    attachment = upload(case_url, text_pdf(), "a.pdf", PDF)
    url = f"{attachment['@id']}/@fixity-check"
    assert call("POST", url, None).status_code == 401
    assert call("POST", url, RECEIVER).status_code in (401, 403)


def test_anonymous_cannot_download_an_attachment(case_url):
    attachment = upload(case_url, text_pdf(), "a.pdf", PDF)
    response = requests.get(
        attachment["file"]["download"], headers={"Accept": "application/json"}, timeout=60,
        allow_redirects=False,
    )
    assert response.status_code == 401
    assert b"Food business" not in response.content


def test_extracted_text_is_searchable(case_url, site_url):
    upload(case_url, text_pdf(), "申请书.pdf", PDF)
    upload(case_url, make_docx(*CHINESE), "承诺书.docx", DOCX)

    def found(text):
        response = requests.get(f"{site_url}/@search", params={"SearchableText": text},
                                headers={"Accept": "application/json"}, auth=ARCHIVIST, timeout=60)
        return [i["title"] for i in response.json()["items"]]

    assert found("inspection") == ["申请书.pdf"]
    assert found("材料真实有效") == ["承诺书.docx"]


def test_classic_ui_shows_the_note_and_the_add_form_still_works(case_url):
    attachment = upload(case_url, encrypted_pdf(), "加密.pdf", PDF)
    page = requests.get(attachment["@id"], auth=RECEIVER, timeout=60)
    assert page.status_code == 200
    assert "PDF已加密，无法读取文本" in page.text
    assert "读取与校验" in page.text
    form = requests.get(f"{case_url}/++add++Attachment", auth=RECEIVER, timeout=60)
    assert form.status_code == 200
