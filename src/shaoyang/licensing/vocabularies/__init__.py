"""Vocabularies of the add-on, registered in vocabularies/configure.zcml."""

from shaoyang.licensing.departments import all_departments
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(pairs):
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in pairs])


@provider(IVocabularyFactory)
def departments(context=None):
    """The city's departments: value = department code, title = Chinese name."""
    return _vocabulary((code, d["name"]) for code, d in all_departments().items())
