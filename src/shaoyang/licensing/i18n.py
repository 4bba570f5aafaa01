"""Messages in Chinese through the catalog, and keeping the zh_CN catalog complete.

Every text a person reads passes through the catalog: schema titles and vocabulary terms as
``_(msgid, default=中文)`` messages (translated where they are shown), and texts the server
writes itself — journal entries, REST refusals, notices, PDFs, mails — as plain strings made by
``zh(_(msgid, default=中文${name}), name=value)``.

``scripts/i18n-sync`` adds missing ids to the .pot and the zh_CN .po (a Chinese default
becomes the translation; anything else is left for a translator), and a test fails while any
id used in code or templates has no Chinese translation.
"""

from pathlib import Path
from zope.i18n import translate
from zope.i18nmessageid import Message

import re


def zh(message, /, **mapping):
    """The Chinese text of ``message`` (an ``_()`` message) with its ``${name}`` placeholders
    filled from ``mapping``, as a plain ``str``: what the server stores or sends itself. The site
    speaks zh_CN whatever the reader's browser asks for; without the catalog (pure tests) the
    Chinese default is the answer, so the text is the same either way."""
    return translate(Message(message, mapping=mapping or None), target_language="zh_CN")


PACKAGE = Path(__file__).resolve().parent
LOCALES = PACKAGE / "locales"
POT = LOCALES / "shaoyang.licensing.pot"
ZH_PO = LOCALES / "zh_CN" / "LC_MESSAGES" / "shaoyang.licensing.po"

PY_MESSAGE = re.compile(r'_\(\s*"([A-Za-z0-9_.]+)"\s*,\s*default\s*=\s*"([^"]*)"\s*\)')
PT_MESSAGE = re.compile(r'i18n:translate="([A-Za-z0-9_.]+)"[^>]*>([^<]*)<')
PT_ATTRIBUTES = re.compile(r'<[^>]*\bi18n:attributes="([^"]+)"[^>]*>')
XML_MESSAGE = re.compile(r'i18n:translate="">([A-Za-z0-9_.]+)<')
PO_ENTRY = re.compile(r'^msgid "(.*)"\nmsgstr "(.*)"$', re.M)
CJK = re.compile(r"[\u4e00-\u9fff]")


def extract_messages():
    """``{msgid: default}`` for every message of the add-on's domain in py, pt and xml files."""
    messages = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for msgid, default in PY_MESSAGE.findall(path.read_text(encoding="utf-8")):
            messages.setdefault(msgid, default)
    for path in sorted(PACKAGE.rglob("*.pt")):
        text = path.read_text(encoding="utf-8")
        if 'i18n:domain="shaoyang.licensing"' not in text:
            continue
        for msgid, default in PT_MESSAGE.findall(text):
            messages.setdefault(msgid, " ".join(default.split()))
        for tag in PT_ATTRIBUTES.finditer(text):
            for pair in tag.group(1).split(";"):
                attribute, _, msgid = pair.strip().partition(" ")
                value = re.search(rf'\s{re.escape(attribute)}="([^"]*)"', tag.group(0))
                if msgid.strip() and value:
                    messages.setdefault(msgid.strip(), value.group(1))
    for path in sorted((PACKAGE / "profiles").rglob("*.xml")):
        text = path.read_text(encoding="utf-8")
        if 'i18n:domain="shaoyang.licensing"' in text:
            for msgid in XML_MESSAGE.findall(text):
                messages.setdefault(msgid, msgid)
    return messages


def catalog(path):
    """``{msgid: msgstr}`` of a .po/.pot file (single-line entries, as this project writes them)."""
    return {k: v for k, v in PO_ENTRY.findall(path.read_text(encoding="utf-8")) if k}


def _entry(msgid, default, msgstr):
    return f'\n#. Default: "{default}"\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'


def sync_catalogs():
    """Append missing ids to the .pot and the zh_CN .po; returns ids still untranslated."""
    messages = extract_messages()
    pot, po = catalog(POT), catalog(ZH_PO)
    with POT.open("a", encoding="utf-8") as out:
        for msgid in sorted(set(messages) - set(pot)):
            out.write(_entry(msgid, messages[msgid], ""))
    with ZH_PO.open("a", encoding="utf-8") as out:
        for msgid in sorted(set(messages) - set(po)):
            default = messages[msgid]
            out.write(_entry(msgid, default, default if CJK.search(default) else ""))
    po = catalog(ZH_PO)
    return sorted(m for m in messages if not po.get(m))
