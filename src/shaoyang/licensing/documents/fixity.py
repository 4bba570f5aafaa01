"""Fixity digests of stored files (R7.3): SM3 (GB/T 32905-2016) and SHA-256 beside it.

Digests are computed in one streaming pass over the blob, so a file of any size is never
held in memory whole. ``check_fixity`` recomputes them and compares with what was stored at
upload; any difference means the bytes changed behind the archive's back.
"""

from dataclasses import dataclass
from dataclasses import field
from shaoyang.licensing import _
from shaoyang.licensing.documents import chinese

import hashlib
import io


ALGORITHMS = ("sm3", "sha256")
CHUNK = 1024 * 1024


@dataclass
class Digests:
    sm3: str
    sha256: str
    size: int


def digest_stream(stream):
    """Both digests and the byte count of a readable binary stream, read in chunks."""
    hashes = {name: hashlib.new(name) for name in ALGORITHMS}
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        for h in hashes.values():
            h.update(chunk)
    return Digests(sm3=hashes["sm3"].hexdigest(), sha256=hashes["sha256"].hexdigest(), size=size)


def digest_file(named_file):
    """Digests of a NamedBlobFile (or any plone.namedfile file) without loading it whole."""
    opener = getattr(named_file, "open", None)
    if opener is None:  # NamedFile keeps its data in the ZODB record, not in a blob

        return digest_stream(io.BytesIO(named_file.data))
    with opener() as stream:
        return digest_stream(stream)


@dataclass
class FixityResult:
    """What a recheck found; ``algorithms`` maps sm3/sha256 to {stored, actual, ok}."""
    ok: bool
    algorithms: dict = field(default_factory=dict)
    size_stored: int | None = None
    size_actual: int | None = None
    message: str = ""

    def as_dict(self):
        return {
            "ok": self.ok,
            "message": self.message,
            "size": {"stored": self.size_stored, "actual": self.size_actual,
                     "ok": self.size_stored == self.size_actual},
            **self.algorithms,
        }


def check_fixity(attachment):
    """Recompute the file's digests and compare them with the stored ones.

    Never raises for an unreadable blob: a file that cannot be read back fails the check,
    which is exactly what the archivist needs to hear.
    """
    stored = {name: getattr(attachment, name, None) for name in ALGORITHMS}
    stored_size = getattr(attachment, "file_size", None)
    if attachment.file is None:
        return FixityResult(ok=False, size_stored=stored_size, message=chinese(_("fixity_no_file", default="文件缺失，无法复核")))
    try:
        actual = digest_file(attachment.file)
    except Exception as error:  # POSKeyError for a lost blob, OSError for a bad disk
        return FixityResult(
            ok=False,
            size_stored=stored_size,
            message=chinese(
                _("fixity_unreadable", default="文件无法读取，复核失败：${error}"),
                error=type(error).__name__,
            ),
        )
    algorithms = {}
    for name in ALGORITHMS:
        value = getattr(actual, name)
        algorithms[name] = {"stored": stored[name], "actual": value, "ok": stored[name] == value}
    ok = all(a["ok"] for a in algorithms.values()) and stored_size == actual.size
    if not all(stored.values()):
        message = chinese(_("fixity_no_digests", default="入库时未保存摘要，无法复核"))
        ok = False
    elif ok:
        message = chinese(_("fixity_ok", default="一致：SM3与SHA-256均与入库时相同"))
    else:
        bad = [n.upper().replace("SHA256", "SHA-256") for n, a in algorithms.items() if not a["ok"]]
        if stored_size != actual.size:
            bad.append(chinese(_("fixity_size", default="文件大小")))
        message = chinese(
            _("fixity_mismatch", default="不一致：${what}与入库时不同，文件可能已被篡改或损坏"),
            what="、".join(bad),
        )
    return FixityResult(
        ok=ok, algorithms=algorithms, size_stored=stored_size, size_actual=actual.size, message=message
    )
