"""Finding catalogue items by code, and the vocabulary of items a case may be filed under."""

from plone import api
from plone.app.content.interfaces import INameFromTitle
from plone.supermodel import model
from shaoyang.licensing.catalogue.item import ILicensingItem
from zope.component import adapter
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


CATALOGUE_ID = "catalogue"


def catalogue_folder():
    return api.portal.get().get(CATALOGUE_ID)


def item_by_code(code):
    """The LicensingItem with basic code ``code`` (e.g. XK00012000), or None."""
    folder = catalogue_folder()
    if folder is None or not code:
        return None
    return folder.get(code.lower())


@provider(IVocabularyFactory)
def effective_items(context=None):
    """Items in force: value = basic code, title = "code name"."""
    folder = catalogue_folder()
    terms = []
    for item in folder.objectValues() if folder is not None else ():
        if api.content.get_state(item, default=None) == "effective":
            terms.append(SimpleTerm(item.item_code, item.item_code, f"{item.item_code} {item.title}"))
    return SimpleVocabulary(sorted(terms, key=lambda t: t.value))


@implementer(INameFromTitle)
@adapter(ILicensingItem)
class ItemName:
    """The id of a new item is its basic code in lower case (e.g. ``xk00012000``)."""

    def __init__(self, context):
        self.title = context.item_code.lower()


class IItemCatalogue(model.Schema):
    """Marker schema of the catalogue folder (title and description come from plone.basic)."""
