"""Package metadata of shaoyang.licensing (tool settings live in pyproject.toml)."""

from setuptools import find_namespace_packages
from setuptools import setup


setup(
    name="shaoyang.licensing",
    version="0.1.0.dev0",
    description="邵阳市行政许可档案管理系统: records management of the administrative-licensing archive",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Framework :: Plone :: Classic UI",
        "Programming Language :: Python :: 3.11",
        "Natural Language :: Chinese (Simplified)",
    ],
    keywords="Plone licensing archive records-management",
    license="GPL-2.0-or-later",
    # Native namespace package: src/shaoyang has no __init__.py (Plone 6.2 style).
    packages=find_namespace_packages("src", include=["shaoyang.*"]),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Products.CMFPlone",
        "plone.app.dexterity",
        "plone.restapi",
        "collective.exportimport",
        "python-docx",
        "pypdf",
        # The client major must match the node (8.x, see docs/search.md): 9.x clients send
        # compatible-with=9 headers that an 8.x node refuses.
        "elasticsearch>=8.19,<9",
        "opensearch-py",
        "chinesecalendar",
        "PyYAML",
        # the supervisors' dashboard exports its tables as .xlsx (supervision/export.py)
        "openpyxl",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "plone.app.contenttypes",
            "plone.classicui",
            "pytest",
            "pytest-plone",
            "playwright",
            "requests",
            # a real local SMTP sink for the daily digest's mail (tests/test_dashboard_digest.py)
            "aiosmtpd",
            # a real ZEO server for several Zope processes at once (tests/test_search_multiprocess.py)
            "ZEO",
        ],
        "start": [
            "Plone",
            "plone.recipe.zope2instance",
            "zc.buildout",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
    },
)
