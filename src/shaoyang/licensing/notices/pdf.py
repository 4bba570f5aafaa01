"""Render a notice with LibreOffice (``soffice --headless --convert-to``), to check its look
and, later, to put it into the case file PDF (issue 6, third part: not built yet).

LibreOffice comes from Debian (``libreoffice-writer-nogui`` in scripts/system-packages). Each
conversion uses its own temporary profile, so concurrent conversions do not share (and lock)
one, and ``fonts.conf`` maps the Chinese official fonts to the installed Noto CJK fonts.
"""

from pathlib import Path
from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.notices import kinds
from shaoyang.licensing.notices.render import fill

import os
import shutil
import subprocess
import tempfile
import datetime
import sys


FONTS_CONF = Path(__file__).with_name("fonts.conf")


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx_bytes, target="pdf", timeout=180):
    """The converted document's bytes (``target``: ``pdf``; writer-nogui has no image export,
    so page images are made from the PDF with ``pdftoppm``)."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: run scripts/system-packages")
    with tempfile.TemporaryDirectory(prefix="notice-") as tmp:
        source = Path(tmp) / "notice.docx"
        source.write_bytes(docx_bytes)
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": tmp}
        subprocess.run(
            [binary, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
             "--convert-to", target, "--outdir", tmp, str(source)],
            check=True, capture_output=True, timeout=timeout, env=env,
        )
        result = Path(tmp) / f"notice.{target}"
        if not result.exists():
            raise RuntimeError(f"LibreOffice wrote no {target}")
        return result.read_bytes()


def main():
    """``python -m shaoyang.licensing.notices.pdf KIND OUT.pdf``: a sample notice, to look at
    (``pdftoppm -png -r 80 -singlefile OUT.pdf docs/notice-sample`` gives docs/notice-sample.png)."""

    kind, out = sys.argv[1], Path(sys.argv[2])
    today = datetime.date.today()
    decision_number = zh(_("doc_sample_decision_number", default="邵市监许〔${year}〕1号"), year=today.year)
    facts = {
        "receipt_number": f"XZSP-{today.year}-00001", "year": today.year,
        "item_title": zh(_("doc_sample_item_title", default="食品经营许可")),
        "legal_basis": zh(_("doc_sample_legal_basis", default="《中华人民共和国食品安全法》第三十五条")),
        "promised_days": 10, "statutory_days": 20, "contact": "0739-5320000",
        "accepting_name": zh(_("doc_shaoyang_approval_bureau", default="邵阳市行政审批服务局")),
        "accepting_prefix": zh(_("doc_sample_accepting_prefix", default="邵审批")),
        "deciding_name": zh(_("doc_sample_market_bureau", default="邵阳市市场监督管理局")),
        "deciding_prefix": zh(_("doc_sample_deciding_prefix", default="邵市监")),
        "applicant_name": zh(_("doc_sample_applicant", default="邵阳市湘味食品有限公司")),
        "received_date": today, "mark": zh(_("doc_sample_mark", default="秘密★10年")),
        "missing_materials": [zh(_("doc_sample_material_application", default="食品经营许可申请书")),
                              zh(_("doc_sample_business_licence", default="营业执照")),
                              zh(_("doc_sample_material_layout", default="与食品经营相适应的主要设备设施布局、操作流程等文件"))],
        "rejection": {"reason": zh(_("doc_sample_rejection_reason", default="申请事项依法不属于本机关职权范围")),
                      "competent_body": zh(_("doc_sample_competent_body", default="邵阳市生态环境局"))},
        "suspension": {"reason": "hearing", "expected_days": 15,
                       "notice": zh(_("doc_sample_hearing_notice", default="本机关拟就该申请举行听证"))},
        "decision": {"document_number": decision_number,
                     "title": zh(_("doc_sample_grant_title", default="准予行政许可决定书（${number}）"),
                                 number=decision_number),
                     "certificate_name": zh(_("doc_sample_certificate_name", default="食品经营许可证")),
                     "certificate_number": "JY14305000000001",
                     "reasons": zh(_("doc_sample_refusal_reasons", default="经现场核查，经营场所与申请材料不符。")),
                     "remedies": None, "valid_from": today, "valid_until": today.replace(year=today.year + 5)},
        "delivery": {"recipient": zh(_("doc_sample_recipient", default="王经理")),
                     "method_title": zh(_("doc_sample_delivery_method", default="窗口领取")), "delivery_date": today},
    }
    values, body = kinds.compose(kind, facts, kinds.notice_number(kind, facts), today)
    out.write_bytes(convert(fill(None, values, body)))


if __name__ == "__main__":
    main()
