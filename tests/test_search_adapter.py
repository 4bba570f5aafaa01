"""The search adapter against the real node started by scripts/search-node (foundation, item 7)."""

from shaoyang.licensing.search.analysis import PROBE_MAPPINGS
from shaoyang.licensing.search.engine import SearchEngine
from shaoyang.licensing.search.engine import SearchUnavailable
from shaoyang.licensing.search.settings import SearchSettings
from shaoyang.licensing.search.settings import settings_from_env

import dataclasses
import logging
import os
import socket
import threading
import uuid

import pytest


pytestmark = pytest.mark.search


@pytest.fixture(scope="module")
def engine():
    settings = dataclasses.replace(settings_from_env(), index_prefix=f"test-{os.getpid()}")
    engine = SearchEngine(settings)
    try:
        engine.info()
    except SearchUnavailable as error:
        pytest.fail(f"{error} — `make test` starts it with scripts/search-node start")
    return engine


@pytest.fixture
def index(engine):
    name = engine.index_name(f"probe-{uuid.uuid4().hex[:8]}")
    engine.create_index(name, PROBE_MAPPINGS)
    yield name
    engine.delete_index(name)


def test_node_reports_engine_and_health(engine):
    info = engine.info()
    assert info["engine"] in ("elasticsearch", "opensearch")
    assert info["version"]
    assert info["status"] in ("green", "yellow")


def test_the_engine_that_answers_is_the_one_configured(engine):
    """The client fits the node; and the OpenSearch pass of scripts/test (which sets
    SHAOYANG_SEARCH_ENGINE=opensearch) cannot quietly run against the Elasticsearch node."""
    info = engine.info()
    assert info["engine"] == info["distribution"]
    if os.environ.get("SHAOYANG_SEARCH_ENGINE") == "opensearch":
        assert info["engine"] == "opensearch" and info["version"].startswith("2.19"), info


def test_chinese_text_is_split_into_bigrams(engine, index):
    assert engine.analyze(index, "zh", "食品经营许可") == ["食品", "品经", "经营", "营许", "许可"]


def test_two_character_word_finds_chinese_document(engine, index):
    engine.put(index, "1", {"title": "邵阳市市场监督管理局食品经营许可", "number": "SY-2026-0001"})
    engine.put(index, "2", {"title": "邵阳市交通运输局道路运输经营许可", "number": "SY-2026-0002"})
    engine.put(index, "3", {"title": "卫生健康委员会医疗机构执业登记", "number": "SY-2026-0003"}, refresh=True)

    hits = engine.search(index, {"query": {"match": {"title": "食品"}}})["hits"]["hits"]
    assert [h["_id"] for h in hits] == ["1"]

    hits = engine.search(index, {"query": {"match_phrase": {"title": "经营许可"}}})["hits"]["hits"]
    assert sorted(h["_id"] for h in hits) == ["1", "2"]


def test_number_is_found_exactly(engine, index):
    engine.put(index, "1", {"title": "受理通知书", "number": "SY-2026-0001"})
    engine.put(index, "2", {"title": "受理通知书", "number": "SY-2026-0010"}, refresh=True)
    hits = engine.search(index, {"query": {"term": {"number": "sy-2026-0001"}}})["hits"]["hits"]
    assert [h["_id"] for h in hits] == ["1"]


def test_unknown_field_is_refused_not_dropped(engine, index):
    """Indexes are strict: a misspelt field is an error, never silently stored."""
    with pytest.raises(Exception) as raised:
        engine.put(index, "1", {"titel": "错字段"})
    assert not isinstance(raised.value, SearchUnavailable)


def _raises_within(settings, seconds, call_engine=SearchEngine.info):
    """Run info() (or ``call_engine``) in a thread; return the exception, failing if the call
    is still hanging."""
    outcome = {}

    def call():
        try:
            call_engine(SearchEngine(settings))
        except Exception as error:  # noqa: BLE001 - the test inspects it
            outcome["error"] = error

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the adapter hung on an unreachable node"
    return outcome.get("error")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_versioned_writes_keep_the_newest_state(engine, index):
    """The node, not the order of arrival, decides: an older version changes nothing."""
    assert engine.put_versioned(index, "case-1", {"title": "第二版"}, version=2) is True
    assert engine.put_versioned(index, "case-1", {"title": "第一版"}, version=1) is False
    engine.refresh(index)
    hits = engine.search(index, {"query": {"ids": {"values": ["case-1"]}}, "version": True})["hits"]["hits"]
    assert hits[0]["_source"]["title"] == "第二版" and hits[0]["_version"] == 2
    assert engine.delete_versioned(index, "case-1", version=1) is False  # older than what is there
    assert engine.delete_versioned(index, "case-1", version=3) is True
    assert engine.delete_versioned(index, "case-1", version=4) is False  # already gone: no error
    with pytest.raises(RuntimeError):  # a real refusal is not swallowed
        engine.put_versioned(index, "case-2", {"no_such_field": "x"}, version=1)


def test_aliases_through_the_adapter(engine, index):
    alias = index + "-alias"
    assert engine.aliased_indices(alias) == []
    engine.update_aliases([{"add": {"index": index, "alias": alias}}])
    assert engine.aliased_indices(alias) == [index]
    engine.update_aliases([{"remove": {"index": index, "alias": alias}}])
    assert engine.aliased_indices(alias) == []


def test_node_down_gives_clear_chinese_error():
    settings = SearchSettings(url=f"http://127.0.0.1:{_free_port()}", timeout=2)
    error = _raises_within(settings, 30)
    assert isinstance(error, SearchUnavailable)
    assert "搜索服务不可用" in str(error) and "127.0.0.1" in str(error)


def test_node_that_never_answers_times_out_with_clear_error():
    """A socket that accepts connections but never replies: the timeout must end the wait."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = listener.getsockname()[1]
        settings = SearchSettings(url=f"http://127.0.0.1:{port}", timeout=1)
        error = _raises_within(settings, 30)
    assert isinstance(error, SearchUnavailable)
    assert "超时" in str(error)


def _search_anything(engine):
    engine.search("any", {"query": {"match_all": {}}})


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_each_client_turns_a_dead_node_into_a_clear_error(kind):
    """With the engine configured, no GET / comes first: the client's own failure is mapped."""
    settings = SearchSettings(url=f"http://127.0.0.1:{_free_port()}", engine=kind, timeout=2)
    error = _raises_within(settings, 30, _search_anything)
    assert isinstance(error, SearchUnavailable), repr(error)
    assert "连接被拒绝" in str(error)


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_each_client_times_out_on_a_node_that_never_answers(kind):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        settings = SearchSettings(url=f"http://127.0.0.1:{listener.getsockname()[1]}", engine=kind, timeout=1)
        error = _raises_within(settings, 30, _search_anything)
    assert isinstance(error, SearchUnavailable), repr(error)
    assert "超时" in str(error)


def test_missing_alias_is_no_warning(engine, caplog):
    """The worker asks for the rebuild alias on every drain; its absence is the normal case."""
    with caplog.at_level(logging.WARNING):
        assert engine.aliased_indices(engine.index_name("no-such-alias")) == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_settings_from_environment():
    settings = settings_from_env(
        {
            "SHAOYANG_SEARCH_URL": "https://search.example:9243",
            "SHAOYANG_SEARCH_USER": "plone",
            "SHAOYANG_SEARCH_PASSWORD": "secret",
            "SHAOYANG_SEARCH_CA_CERTS": "/etc/ssl/ca.pem",
            "SHAOYANG_SEARCH_ENGINE": "opensearch",
        }
    )
    assert settings.url == "https://search.example:9243"
    assert (settings.user, settings.password, settings.engine) == ("plone", "secret", "opensearch")
    assert settings_from_env({"SEARCH_PORT": "9201"}).url == "http://127.0.0.1:9201"
