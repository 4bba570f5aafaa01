"""Marker interfaces of the add-on."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IShaoyangLicensingLayer(IDefaultBrowserLayer):
    """Browser layer: registered views and resources exist only where the add-on is installed."""
