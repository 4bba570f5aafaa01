"""The zh_CN catalog covers every message the add-on shows (run scripts/i18n-sync to fix)."""

from shaoyang.licensing import i18n
from zope.i18n import translate

import pytest


def test_every_message_has_a_chinese_translation():
    catalog = i18n.catalog(i18n.ZH_PO)
    missing = [m for m in i18n.extract_messages() if not catalog.get(m)]
    assert missing == []


def test_extraction_finds_python_template_and_profile_messages():
    messages = i18n.extract_messages()
    assert messages["label_receipt_number"] == "受理编号"  # python
    assert "overview_title" in messages  # template
    assert "tab_overview" in messages  # profiles/default/actions.xml


@pytest.mark.parametrize(
    "msgid,chinese",
    [("overview_title", "行政许可档案概况"), ("tab_overview", "档案概况"), ("guide_heading_suffix", "服务指南")],
)
def test_compiled_catalog_is_loaded_by_zope(integration, msgid, chinese):
    assert translate(msgid, domain="shaoyang.licensing", target_language="zh_CN") == chinese
