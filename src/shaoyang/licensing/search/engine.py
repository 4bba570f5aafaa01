"""The one adapter between the site and the search node.

The same index definitions and queries go to Elasticsearch (``elasticsearch`` client) or
OpenSearch (``opensearch-py``); which one runs is read from the node itself unless configured.
Every failure to reach the node becomes ``SearchUnavailable`` with a Chinese message, raised
within the configured timeout, so callers can degrade instead of hanging.
"""

from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.search.analysis import index_settings
from shaoyang.licensing.search.settings import settings_from_env
from elasticsearch import NotFoundError
from opensearchpy import NotFoundError as OpenSearchNotFoundError
from elastic_transport import TransportError as ElasticTransportError
from opensearchpy import ConnectionError as OpenSearchConnectionError
from opensearchpy import OpenSearch
from elasticsearch import Elasticsearch

import base64
import json
import ssl
import urllib.error
import urllib.request


class SearchUnavailable(RuntimeError):
    """The search node cannot be reached or refused the request; ``str()`` is for people."""

class SearchEngine:
    def __init__(self, settings=None):
        self.settings = settings or settings_from_env()
        self._client = None
        self._engine = None

    # -- connection ---------------------------------------------------------------------

    def _unavailable(self, error):
        return SearchUnavailable(
            zh(
                _("cat_search_unavailable", default="搜索服务不可用（${url}）：${reason}。请稍后重试，或联系管理员检查搜索节点。"),
                url=self.settings.url,
                reason=_reason(error),
            )
        )

    def _root(self):
        """GET / on the node with the standard library: works before we know which client fits."""
        request = urllib.request.Request(self.settings.url.rstrip("/") + "/")
        if self.settings.user:
            token = f"{self.settings.user}:{self.settings.password}".encode()
            request.add_header("Authorization", "Basic " + base64.b64encode(token).decode())
        context = None
        if self.settings.ca_certs:
            context = ssl.create_default_context(cafile=self.settings.ca_certs)
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout, context=context) as r:
                return json.load(r)
        except (OSError, urllib.error.URLError, ValueError) as error:
            raise self._unavailable(error) from error

    @property
    def engine(self):
        """``elasticsearch`` or ``opensearch``."""
        if self._engine is None:
            configured = self.settings.engine
            if configured in ("elasticsearch", "opensearch"):
                self._engine = configured
            else:
                version = self._root().get("version", {})
                distribution = version.get("distribution", "elasticsearch")
                self._engine = "opensearch" if distribution == "opensearch" else "elasticsearch"
        return self._engine

    @property
    def client(self):
        if self._client is None:
            s = self.settings
            auth = (s.user, s.password) if s.user else None
            tls = {"ca_certs": s.ca_certs} if s.ca_certs else {}
            if self.engine == "opensearch":

                self._client = OpenSearch(
                    hosts=[s.url], http_auth=auth, timeout=s.timeout, max_retries=0, **tls
                )
            else:

                self._client = Elasticsearch(
                    s.url, basic_auth=auth, request_timeout=s.timeout, max_retries=0, **tls
                )
        return self._client

    def _call(self, method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except Exception as error:
            if _is_connection_error(error):
                raise self._unavailable(error) from error
            raise

    # -- operations ---------------------------------------------------------------------

    def info(self):
        """The client in use ("engine"), what the node says it is ("distribution"), version and
        cluster health; raises SearchUnavailable when down."""
        root = self._root()
        health = self._call(self.client.cluster.health)
        version = root.get("version", {})
        return {
            "engine": self.engine,
            # what the node says it is: differs from "engine" only when misconfigured
            "distribution": version.get("distribution", "elasticsearch"),
            "version": version.get("number", ""),
            "cluster": root.get("cluster_name", ""),
            "status": health["status"],
        }

    def index_name(self, name):
        """The full name of one of our indexes (prefix keeps tests and sites apart)."""
        return f"{self.settings.index_prefix}-{name}"

    def create_index(self, name, mappings, settings=None):
        body = {"settings": settings or index_settings(), "mappings": mappings}
        if self.engine == "opensearch":
            return self._call(self.client.indices.create, index=name, body=body)
        return self._call(self.client.indices.create, index=name, **body)

    def delete_index(self, name):
        if self.engine == "opensearch":
            return self._call(self.client.indices.delete, index=name, ignore_unavailable=True)
        return self._call(self.client.options(ignore_status=404).indices.delete, index=name)

    def index_exists(self, name):
        return bool(self._call(self.client.indices.exists, index=name))

    def put(self, index, doc_id, document, refresh=False):
        refresh = "wait_for" if refresh else False
        if self.engine == "opensearch":
            return self._call(
                self.client.index, index=index, id=doc_id, body=document, refresh=refresh
            )
        return self._call(
            self.client.index, index=index, id=doc_id, document=document, refresh=refresh
        )

    def bulk(self, operations, refresh=False):
        """One bulk request (``operations``: action lines and documents, as the bulk API has
        them); the response as a plain dict, ``items`` in the order sent."""
        refresh = "wait_for" if refresh else False
        if self.engine == "opensearch":
            return dict(self._call(self.client.bulk, body=operations, refresh=refresh))
        return dict(self._call(self.client.bulk, operations=operations, refresh=refresh))

    def put_versioned(self, index, doc_id, document, version, refresh=False):
        """Index with an external version; an older or equal version than the node holds is
        no error (the node keeps the newer state): returns False then, True when written."""
        result = self.bulk([{"index": {"_index": index, "_id": doc_id, "version": version,
                                       "version_type": "external"}}, document], refresh=refresh)
        return _versioned_outcome(result)

    def delete_versioned(self, index, doc_id, version, refresh=False):
        """Delete with an external version; a missing document or a newer state is no error."""
        result = self.bulk([{"delete": {"_index": index, "_id": doc_id, "version": version,
                                        "version_type": "external"}}], refresh=refresh)
        return _versioned_outcome(result, missing_ok=True)

    def refresh(self, index):
        self._call(self.client.indices.refresh, index=index)

    def aliased_indices(self, alias):
        """Names of the concrete indices behind ``alias`` (empty when it does not exist)."""
        if self.engine == "opensearch":
            # opensearch-py logs every 404 as a warning, and the worker asks for the
            # rebuild alias, absent nearly always, on every drain: tell the client to expect it.
            # Its error body then comes back as the result; only index entries have "aliases".
            result = self._call(self.client.indices.get_alias, name=alias, ignore=404)
            return sorted(name for name, entry in result.items()
                          if isinstance(entry, dict) and "aliases" in entry)
        try:
            return sorted(dict(self._call(self.client.indices.get_alias, name=alias)))
        except Exception as error:
            if _is_not_found(error):
                return []
            raise

    def update_aliases(self, actions):
        """Alias changes applied atomically by the node (add/remove in one request)."""
        if self.engine == "opensearch":
            return self._call(self.client.indices.update_aliases, body={"actions": actions})
        return self._call(self.client.indices.update_aliases, actions=actions)

    def search(self, index, body):
        """The raw response of a search request as a plain dict."""
        if self.engine == "opensearch":
            result = self._call(self.client.search, index=index, body=body)
        else:
            result = self._call(self.client.search, index=index, **body)
        return dict(result)

    def analyze(self, index, analyzer, text):
        """The terms ``analyzer`` makes of ``text`` (to show and test Chinese analysis)."""
        body = {"analyzer": analyzer, "text": text}
        if self.engine == "opensearch":
            result = self._call(self.client.indices.analyze, index=index, body=body)
        else:
            result = self._call(self.client.indices.analyze, index=index, **body)
        return [t["token"] for t in result["tokens"]]


def _versioned_outcome(response, missing_ok=False):
    (action, result), = response["items"][0].items()
    status = result.get("status", 500)
    if 200 <= status < 300:
        return True
    if status == 409 or (missing_ok and status == 404):
        return False
    raise RuntimeError(f"{action} refused by the search node: {result.get('error', status)}")


def _reason(error):
    """A short Chinese reason for a transport failure."""
    parts = []
    seen = set()
    # elastic_transport's ConnectionError says only "Connection error": the cause is in the chain
    while error is not None and id(error) not in seen and len(seen) < 5:
        seen.add(id(error))
        parts.append(f"{type(error).__name__} {error} {getattr(error, 'reason', '')}")
        error = error.__cause__ or error.__context__
    text = " ".join(parts).lower()
    if "timed out" in text or "timeout" in text:
        return zh(_("cat_search_reason_timeout", default="响应超时"))
    if "refused" in text:
        return zh(_("cat_search_reason_refused", default="连接被拒绝，搜索节点可能未启动"))
    if "ssl" in text or "certificate" in text or "tls" in text:
        return zh(_("cat_search_reason_tls", default="TLS证书校验失败"))
    if "name or service" in text or "getaddrinfo" in text:
        return zh(_("cat_search_reason_dns", default="无法解析主机名"))
    return zh(_("cat_search_reason_other", default="无法连接"))


def _is_not_found(error):

    return isinstance(error, (NotFoundError, OpenSearchNotFoundError))


def _is_connection_error(error):
    """True for transport failures of either client (refused, timeout, TLS), not for API errors."""
    return isinstance(error, (ElasticTransportError, OpenSearchConnectionError))
