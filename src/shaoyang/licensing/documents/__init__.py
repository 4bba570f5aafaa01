"""Uploaded documents: text and page count for search (reading.py), fixity digests (fixity.py),
the upload handlers that store both on an Attachment (handlers.py), and the REST recheck."""

from zope.i18n import translate
from zope.i18nmessageid import Message


def chinese(message, **mapping):
    """A message as the Chinese text stored on the record.

    Notes are data of the archive (read in REST answers, exports and packages), not labels
    rendered per request, so they are fixed in the site's language when written.
    """
    if mapping:
        message = Message(message, mapping=mapping)
    return translate(message, target_language="zh_CN")
