"""Classification (密级, rule R5.1) and disclosure attribute (rule R5.2) of every record.

A behavior, so every record type carries the same three fields. A new record takes its
defaults from the case it is filed in; enforcement is the responsibility-chain issue's job.
"""

from Acquisition import aq_base
from collections.abc import Mapping
from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from shaoyang.licensing import _
from shaoyang.licensing import validation
from shaoyang.licensing.case import journal
from shaoyang.licensing.case.casefile import find_case
from shaoyang.licensing.case.casefile import ICaseFile
from shaoyang.licensing.i18n import zh
from zope import schema
from zope.interface import invariant
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


# Secret levels with their default maximum periods in years (保守国家秘密法).
SECRET_LEVELS = {"secret": 10, "confidential": 20, "top_secret": 30}
CLASSIFICATIONS = SimpleVocabulary(
    [
        SimpleTerm("public", "public", _("classification_public", default="非涉密")),
        SimpleTerm("internal", "internal", _("classification_internal", default="内部（工作秘密）")),
        SimpleTerm("personal", "personal", _("classification_personal", default="含个人信息或商业秘密")),
        SimpleTerm("secret", "secret", _("classification_secret", default="秘密")),
        SimpleTerm("confidential", "confidential", _("classification_confidential", default="机密")),
        SimpleTerm("top_secret", "top_secret", _("classification_top_secret", default="绝密")),
    ]
)
DISCLOSURES = SimpleVocabulary(
    [
        SimpleTerm("proactive", "proactive", _("disclosure_proactive", default="主动公开")),
        SimpleTerm("on_request", "on_request", _("disclosure_on_request", default="依申请公开")),
        SimpleTerm("withheld", "withheld", _("disclosure_withheld", default="不予公开")),
    ]
)


class TermTitles(Mapping):
    """``{value: 中文 title}`` of a vocabulary, each title translated (``zh``) when it is read:
    plain text for marks, journal entries, refusals and the case PDF (casepdf/collect.py)."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary

    def __getitem__(self, value):
        try:
            term = self.vocabulary.getTerm(value)
        except LookupError:
            raise KeyError(value)
        return zh(term.title)

    def __iter__(self):
        return (term.value for term in self.vocabulary)

    def __len__(self):
        return len(self.vocabulary)


LEVEL_TITLES = TermTitles(CLASSIFICATIONS)
DISCLOSURE_TITLES = TermTitles(DISCLOSURES)


def _from_case(context, name, fallback):
    case = find_case(context)
    # Read the stored value only: getattr would ask this very default factory again when
    # the case itself has none yet.
    value = aq_base(case).__dict__.get(name) if case is not None else None
    return value if value is not None else fallback


@provider(IContextAwareDefaultFactory)
def default_classification(context):
    return _from_case(context, "classification", "internal")


@provider(IContextAwareDefaultFactory)
def default_disclosure(context):
    return _from_case(context, "disclosure", "on_request")


@provider(IContextAwareDefaultFactory)
def default_secrecy_period(context):
    return _from_case(context, "secrecy_period", None)


def classification_mark(level, period=None):
    """The mark printed on a record, e.g. ``机密★5年`` (R5.1); empty for non-secret levels."""
    if level not in SECRET_LEVELS:
        return ""
    return zh(_("case_classification_mark", default="${level}★${years}年"),
              level=LEVEL_TITLES[level], years=period or SECRET_LEVELS[level])


@provider(IFormFieldProvider)
class IClassification(model.Schema):
    model.fieldset(
        "classification",
        label=_("fieldset_classification", default="密级与公开"),
        fields=["classification", "secrecy_period", "secrecy_basis", "disclosure"],
    )
    directives.write_permission(
        classification="shaoyang.licensing.ChangeClassification",
        secrecy_period="shaoyang.licensing.ChangeClassification",
        secrecy_basis="shaoyang.licensing.ChangeClassification",
        disclosure="shaoyang.licensing.ChangeClassification",
    )
    classification = schema.Choice(
        title=_("label_classification", default="密级"),
        vocabulary=CLASSIFICATIONS,
        defaultFactory=default_classification,
    )
    secrecy_period = schema.Int(
        title=_("label_secrecy_period", default="保密期限（年）"),
        description=_("help_secrecy_period", default="仅涉密文件填写；留空取法定上限"),
        min=1,
        required=False,
        defaultFactory=default_secrecy_period,
    )
    secrecy_basis = schema.TextLine(
        title=_("label_secrecy_basis", default="延长保密期限的依据"), required=False
    )
    disclosure = schema.Choice(
        title=_("label_disclosure", default="公开属性"),
        vocabulary=DISCLOSURES,
        defaultFactory=default_disclosure,
    )

    @invariant
    def secrecy_rules(data):
        level = getattr(data, "classification", None)
        period = getattr(data, "secrecy_period", None)
        if level in SECRET_LEVELS:
            if period and period > SECRET_LEVELS[level] and not getattr(data, "secrecy_basis", None):
                raise validation.FieldInvalid(
                    "secrecy_basis",
                    zh(_("label_secrecy_basis", default="延长保密期限的依据")),
                    zh(_("case_error_secrecy_period_too_long", default="${level}级保密期限一般不超过${years}年，超过须写明依据"),
                       level=LEVEL_TITLES[level], years=SECRET_LEVELS[level]),
                )
            if getattr(data, "disclosure", None) != "withheld":
                raise validation.FieldInvalid(
                    "disclosure",
                    zh(_("label_disclosure", default="公开属性")),
                    zh(_("case_error_secret_must_be_withheld", default="涉及国家秘密的文件只能为“不予公开”")),
                )
        elif period:
            raise validation.FieldInvalid(
                "secrecy_period",
                zh(_("case_label_secrecy_period", default="保密期限")),
                zh(_("case_error_no_period_when_not_secret", default="非涉密文件不设保密期限")),
            )


def inherit_from_case(record, event):
    """A record added without its own values takes the case's (the default factories cannot
    see the case when a record is made outside a form, e.g. by code or a generator)."""
    if ICaseFile.providedBy(record):
        record._classification_seen = (record.classification, record.secrecy_period, record.disclosure)
        return
    case = find_case(record)
    if case is None:
        return
    stored = aq_base(record).__dict__
    for name in ("classification", "secrecy_period", "disclosure"):
        if name not in stored and name in aq_base(case).__dict__:
            setattr(record, name, getattr(case, name))
    record._classification_seen = (record.classification, record.secrecy_period, record.disclosure)


def classification_changed(record, event):
    """Journal every change of level or disclosure, on the case (R5.1, issue 4)."""
    now = (record.classification, record.secrecy_period, record.disclosure)
    seen = getattr(aq_base(record), "_classification_seen", None)
    record._classification_seen = now
    if seen is None or seen == now:
        return
    case = find_case(record)
    if case is not None:
        journal.record(
            case,
            "classification",
            zh(_("case_journal_classification", default="${title}：密级 ${level_before} → ${level_after}，公开属性 ${disclosure_before} → ${disclosure_after}"),
               title=record.title,
               level_before=LEVEL_TITLES.get(seen[0], seen[0]), level_after=LEVEL_TITLES.get(now[0], now[0]),
               disclosure_before=DISCLOSURE_TITLES.get(seen[2], seen[2]),
               disclosure_after=DISCLOSURE_TITLES.get(now[2], now[2])),
            {"path": "/".join(record.getPhysicalPath()), "before": list(seen), "after": list(now)},
        )
        apply_secrecy(case)


# -- state secrets are seen only by the people named on the case (R5.1) -------------------
# The case workflow grants reading to departments, supervisors, archivists and disclosure
# officers. For a case classified 秘密/机密/绝密 this overlay takes those grants away again after
# every transition and classification change, leaving administrators and named people
# (local roles from their assignments). Records inside acquire the case's settings.

READ_PERMISSIONS = ("View", "Access contents information")
# Chain roles are also held globally (role groups), so they cannot stand for "named here":
# people named on a secret case get the local Reader role from their assignments instead.
ROLES_OF_NAMED_PEOPLE = ("Manager", "Site Administrator", "Reader")


def apply_secrecy(case):
    if getattr(case, "classification", None) not in SECRET_LEVELS:
        return
    for permission in READ_PERMISSIONS:
        case.manage_permission(permission, roles=list(ROLES_OF_NAMED_PEOPLE), acquire=False)
    case.reindexObjectSecurity()


def is_secret(case):
    return getattr(case, "classification", None) in SECRET_LEVELS
