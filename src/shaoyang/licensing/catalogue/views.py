"""The service guide (服务指南) of an item as a public page (``@@service-guide``)."""

from plone import api
from Products.Five.browser import BrowserView
from shaoyang.licensing.catalogue.guide import guide_sections
from shaoyang.licensing.catalogue.versions import current_version


def guide_of(item):
    """The guide of ``item`` with the item's code, version and state."""
    return {
        "item_code": item.item_code,
        "title": item.title,
        "version": current_version(item),
        "state": api.content.get_state(item),
        **guide_sections(item, api.portal.get().absolute_url()),
    }


class ServiceGuideView(BrowserView):
    def guide(self):
        return guide_of(self.context)

    def is_text(self, content):
        return isinstance(content, str)

    def is_list(self, content):
        return isinstance(content, list)
