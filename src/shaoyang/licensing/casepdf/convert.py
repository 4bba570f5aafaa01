"""Several .docx to PDF in ONE LibreOffice run (each run costs seconds: starting soffice is
most of it), with the profile and fonts of ``notices/pdf.py``."""

from pathlib import Path
from shaoyang.licensing.notices.pdf import FONTS_CONF
from shaoyang.licensing.notices.pdf import soffice

import logging
import os
import subprocess
import tempfile
import time


logger = logging.getLogger(__name__)


def convert_many(documents, profile=None, timeout=600):
    """``{name: docx bytes}`` → ``{name: pdf bytes or None}``; None when LibreOffice wrote
    nothing for that file (a broken document does not stop the others). ``profile``: a
    directory for LibreOffice's user profile, to share between the runs of one assembly
    (creating a profile costs about two seconds); a fresh one per run by default."""
    if not documents:
        return {}
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: run scripts/system-packages")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="casepdf-") as tmp:
        names = {}
        sources = []
        for index, (name, data) in enumerate(documents.items(), 1):
            source = Path(tmp) / f"part-{index:04d}.docx"
            source.write_bytes(data)
            names[name] = source.with_suffix(".pdf").name
            sources.append(str(source))
        out = Path(tmp) / "out"
        out.mkdir()
        home = profile or tmp
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": home}
        result = subprocess.run(
            [binary, f"-env:UserInstallation=file://{home}/profile", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out), *sources],
            capture_output=True, timeout=timeout, env=env,
        )
        converted = {}
        for name, pdf_name in names.items():
            target = out / pdf_name
            converted[name] = target.read_bytes() if target.exists() and target.stat().st_size else None
        failed = [name for name, data in converted.items() if data is None]
        if failed:
            logger.warning("LibreOffice converted %d of %d (rc %s): %s failed; %s", len(documents) - len(failed),
                           len(documents), result.returncode, ", ".join(failed), result.stderr[-500:])
        logger.info("LibreOffice: %d document(s) in %.1f s", len(documents), time.monotonic() - started)
        return converted
