"""Confidentiality on every path (issue 4): each role × classification × access path.

Cases of three levels, each with an application and an attachment, are tried by every kind of
user on REST GET of the case and of a record, the catalog search, the HTML view and the file
download; each must be allowed exactly where the rules allow it and nowhere else.
"""

from helpers import make_item
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile

import datetime
import pytest
import requests
import transaction


PASSWORD = "shaoyang-demo"
LEVELS = ("internal", "personal", "secret")

# who → the levels they may read (the rest must be refused)
READERS = {
    None: (),  # anonymous
    "jtys_receiver": (),  # a receiver of another department
    "liuna": ("internal", "personal"),  # reviewer of the deciding department
    "zhouqiang": ("internal", "personal"),  # supervisor: not named on the secret case
    "sunli": ("internal", "personal"),  # archivist
    "zhaomin": ("internal", "personal"),  # disclosure officer
    "zhangwei": LEVELS,  # first contact: named on every case he filed
}


@pytest.fixture(scope="class")
def layer(functional_class):
    """One stacked test database for the whole matrix (its cases are made once, then read)."""
    functional_class.testSetUp()
    yield functional_class
    functional_class.testTearDown()


@pytest.fixture(scope="class")
def cases(layer):
    portal = layer["portal"]
    make_item(portal)
    urls = {}
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.user.create(email="o@example.org", username="jtys_receiver", password=PASSWORD)
        api.group.add_user(groupname="Receivers", username="jtys_receiver")
        api.group.add_user(groupname="department-jtys", username="jtys_receiver")
    with api.env.adopt_user(username="zhangwei"):
        for level in LEVELS:
            case = createContentInContainer(
                portal["cases"], "CaseFile", item_code="XK09901000", classification=level,
                disclosure="withheld" if level == "secret" else "on_request",
            )
            application = createContentInContainer(
                case, "Application", applicant_type="person", applicant_name=f"申请人{level}",
                id_number="11010519491231002X", phone="13812345678", received_date=datetime.date.today(),
            )
            attachment = createContentInContainer(
                case, "Attachment", title="营业执照", file=NamedBlobFile(b"license scan", filename="license.txt"),
            )
            urls[level] = {
                "case": case.absolute_url(),
                "record": application.absolute_url(),
                "download": f"{attachment.absolute_url()}/@@download/file",
                "title": application.title,
            }
    transaction.commit()
    return urls


def auth(user):
    return (user, PASSWORD) if user else None


def fetch(url, user, json=True):
    headers = {"Accept": "application/json"} if json else {}
    return requests.get(url, headers=headers, auth=auth(user), timeout=30, allow_redirects=False)


def allowed(response):
    return response.status_code == 200


MATRIX = [(user, level) for user in READERS for level in LEVELS]


class TestMatrix:

    @pytest.mark.parametrize("user,level", MATRIX)
    def test_rest_get_of_case_and_record(self, cases, user, level):
        expected = level in READERS[user]
        assert allowed(fetch(cases[level]["case"], user)) is expected
        assert allowed(fetch(cases[level]["record"], user)) is expected

    @pytest.mark.parametrize("user,level", MATRIX)
    def test_html_view_and_file_download(self, cases, user, level):
        expected = level in READERS[user]
        view = fetch(cases[level]["case"], user, json=False)
        assert allowed(view) is expected
        download = fetch(cases[level]["download"], user, json=False)
        assert allowed(download) is expected
        if expected:
            assert download.content == b"license scan"

    @pytest.mark.parametrize("user", list(READERS))
    def test_catalog_search_finds_only_readable_records(self, cases, layer, user):
        site = f"http://{layer['host']}:{layer['port']}/plone"
        found = fetch(f"{site}/@search?portal_type=Application&b_size=100", user).json()
        titles = {item["title"] for item in found.get("items", [])}
        expected = {cases[level]["title"] for level in READERS[user]}
        assert titles == expected

    @pytest.mark.parametrize("user", [None, "jtys_receiver", "liuna", "zhouqiang", "sunli"])
    def test_exports_are_for_administrators_only(self, layer, user):
        site = f"http://{layer['host']}:{layer['port']}/plone"
        response = fetch(f"{site}/@@export_content", user, json=False)
        assert response.status_code in (302, 401, 403)

