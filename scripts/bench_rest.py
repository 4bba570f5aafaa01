"""Benchmark: `GET @case-search` through a real WSGI server against the raw engine query.

Run by `scripts/bench` after scripts/bench_cases.py, which wrote the questions and the query
bodies staff.build_query made for them (QUERIES_JSON). Starts `.venv/bin/runwsgi` on the
cached bench database (ZOPE_INI, 127.0.0.1 only), asks every question over HTTP as the same
staff user (one kept-alive connection, basic auth) and, round-robin with it, sends the same
body with the raw client; stops the server (its pid) whatever happens.

    .venv/bin/python scripts/bench_rest.py var/bench-10k/zope.ini 8090 QUERIES_JSON

Prints one JSON line with the measurements.
"""

import base64
import http.client
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from bench_stats import percentiles


ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
TIME_LIMIT = float(os.environ.get("BENCH_SEARCH_SECONDS", "120"))
PASSWORD = os.environ.get("BENCH_PASSWORD", "shaoyang-demo")  # profiles/city/staff.yaml (demo only)
SITE_ID = os.environ.get("BENCH_SITE", "bench")


def say(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def summary(samples):
    return {"queries": len(samples), **percentiles(samples)}


def main(ini, port, queries_json):
    from elasticsearch import Elasticsearch
    from shaoyang.licensing.search.engine import SearchEngine

    data = json.load(open(queries_json, encoding="utf-8"))
    asks, alias, user = data["questions"], data["alias"], data["user"]
    raw = Elasticsearch(SearchEngine().settings.url, request_timeout=60)
    log = open(os.path.join(os.path.dirname(ini), "runwsgi.log"), "w")
    env = {**os.environ, "SHAOYANG_SEARCH_DRAIN": "off"}
    server = subprocess.Popen([os.path.join(sys.prefix, "bin", "runwsgi"), ini], stdout=log, stderr=log, env=env)
    try:
        say(f"runwsgi (pid {server.pid}) on 127.0.0.1:{port} ...")
        auth = "Basic " + base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
        headers = {"Accept": "application/json", "Authorization": auth}
        deadline = time.monotonic() + 180
        connection = None
        while True:
            if server.poll() is not None:
                raise SystemExit(f"runwsgi exited ({server.returncode}); see {log.name}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", f"/{SITE_ID}/@case-search?q=x", headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    raise SystemExit(f"@case-search answered {response.status}")
                break
            except (ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise SystemExit("runwsgi did not answer within 180 s")
                time.sleep(1)

        def rest(ask):
            form = {"q": ask["q"], "b_size": 20}
            if ask.get("sort"):
                form["sort"] = ask["sort"]
            for name, value in ask["filters"].items():
                form[name] = value
            connection.request("GET", f"/{SITE_ID}/@case-search?{urllib.parse.urlencode(form)}", headers=headers)
            response = connection.getresponse()
            body = json.loads(response.read())
            if response.status != 200 or body.get("degraded"):
                raise SystemExit(f"@case-search: {response.status} {str(body)[:300]}")
            return body["total"]

        def engine(ask):
            return raw.search(index=alias, **ask["body"])["hits"]["total"]["value"]

        methods = {"raw": engine, "rest": rest}
        totals = {name: [call(a) for a in asks] for name, call in methods.items()}  # warm-up
        say(f"@case-search over HTTP against the raw query: {len(asks)} questions × {ROUNDS} rounds ...")
        samples = {name: [] for name in methods}
        started = time.monotonic()
        for _round in range(ROUNDS):
            for ask in asks:
                for name, call in methods.items():
                    t = time.perf_counter()
                    call(ask)
                    samples[name].append(time.perf_counter() - t)
            if time.monotonic() - started > TIME_LIMIT:
                say(f"  time limit: stopped after {_round + 1} rounds")
                break
        result = {name: summary(s) for name, s in samples.items()}
        result["hits_rest"] = totals["rest"]
        result["hits_engine"] = totals["raw"]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        say(f"runwsgi (pid {server.pid}) stopped")
    print("BENCH " + json.dumps(result, ensure_ascii=False))


main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
