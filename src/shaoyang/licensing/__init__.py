"""shaoyang.licensing: the administrative-licensing archive of Shaoyang on Plone 6.2."""

from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "shaoyang.licensing"

_ = MessageFactory(PACKAGE_NAME)
