"""pytest wiring: pytest-plone fixtures over the add-on's layers, plus shared helpers."""

from pytest_plone import fixtures_factory
from shaoyang.licensing.testing import FUNCTIONAL_TESTING
from shaoyang.licensing.testing import INTEGRATION_TESTING

import pytest


pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


@pytest.fixture(scope="session")
def package_name():
    return "shaoyang.licensing"
