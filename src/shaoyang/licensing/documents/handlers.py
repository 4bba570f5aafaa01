"""Describe an attachment's file when it is stored: size, SM3/SHA-256, text and page count.

Runs on add and on every modification, but describes a file only once: the digests are the
fixity record of *that* file (R7.3), so they are taken when the file arrives and never
silently recomputed later. A blob changed behind the archive's back then fails the recheck
instead of being blessed by the next unrelated edit.
"""

from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.documents import chinese
from shaoyang.licensing.documents.fixity import digest_file
from shaoyang.licensing.documents.reading import DEFAULT_MAX_BYTES
from shaoyang.licensing.documents.reading import read_file

import logging


logger = logging.getLogger(__name__)

MAX_BYTES_RECORD = "shaoyang.licensing.documents.max_read_bytes"
FIELDS = ("file_size", "sm3", "sha256", "page_count", "extracted_text", "reading_status",
          "reading_note", "fixity_checked", "fixity_status")


def max_read_bytes():
    # A site installed before the record existed reads the documented default.
    value = api.portal.get_registry_record(MAX_BYTES_RECORD, default=None)
    return DEFAULT_MAX_BYTES if value is None else value


def describe_file(attachment, event=None):
    """Subscriber for IObjectAddedEvent and IObjectModifiedEvent of IAttachment."""
    named_file = getattr(attachment, "file", None)
    if named_file is not None and getattr(attachment, "_described_file", None) is named_file:
        return  # same file object as last time: an edit of other fields
    for name in FIELDS:
        setattr(attachment, name, None)
    attachment._described_file = named_file
    if named_file is None:
        return
    notes = []
    try:
        digests = digest_file(named_file)
        attachment.file_size, attachment.sm3, attachment.sha256 = digests.size, digests.sm3, digests.sha256
    except Exception as error:  # the file is kept; the missing digests are said out loud
        logger.exception("digesting %s failed", attachment.absolute_url())
        attachment.file_size = named_file.getSize()
        notes.append(chinese(_("note_digest_failed", default="无法计算摘要（${error}）"), error=type(error).__name__))
    reading = read_file(named_file, max_read_bytes())
    attachment.reading_status = reading.status
    attachment.page_count = reading.page_count
    attachment.extracted_text = reading.text or None
    attachment.reading_note = "；".join(n for n in (*notes, reading.note) if n) or None
    if reading.status != "ok":
        logger.info("%s: %s", attachment.absolute_url(), attachment.reading_note)
    attachment.reindexObject(idxs=["SearchableText"])
