"""``GET <item>/@service-guide``: the service guide of an item (R1.5) over REST."""

from shaoyang.licensing.catalogue.views import guide_of
from shaoyang.licensing.rest.service import Service


class ServiceGuideGet(Service):
    def reply(self):
        return guide_of(self.context)
