"""POST <attachment>/@fixity-check: recompute the digests and say whether they still match.

The result is also kept on the attachment (``fixity_checked``, ``fixity_status``) so the
last check can be read without repeating it; that is a write, hence POST.
"""

from datetime import datetime
from datetime import timezone
from shaoyang.licensing.documents.fixity import check_fixity
from shaoyang.licensing.rest.service import Service

import logging


logger = logging.getLogger(__name__)


class FixityCheckPost(Service):
    def reply(self):
        self.trust_json_client()
        result = check_fixity(self.context)
        checked = datetime.now(timezone.utc).replace(microsecond=0)
        self.context.fixity_checked = checked
        self.context.fixity_status = result.message
        log = logger.info if result.ok else logger.warning
        log("fixity check of %s: %s", self.context.absolute_url(), result.message)
        return {"@id": f"{self.context.absolute_url()}/@fixity-check", "checked": checked.isoformat(),
                **result.as_dict()}
