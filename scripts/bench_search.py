"""Benchmark: a search through the adapter against the same request sent as raw HTTP.

Indexes a few thousand Chinese probe documents into a throwaway index, then asks the same
match query both ways. Prints one JSON line with the measurements.
"""

from shaoyang.licensing.search.analysis import PROBE_MAPPINGS
from shaoyang.licensing.search.engine import SearchEngine

import dataclasses
import http.client
import json
import random
import sys
import time
import urllib.parse
import urllib.request
from bench_stats import percentiles


COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
QUERIES = 300
WORDS = ["食品", "经营", "许可", "道路", "运输", "医疗", "机构", "建筑", "施工", "规划", "演出", "旅行社"]


def main():
    engine = SearchEngine()
    engine = SearchEngine(dataclasses.replace(engine.settings, index_prefix="bench"))
    index = engine.index_name("probe")
    engine.delete_index(index)
    engine.create_index(index, PROBE_MAPPINGS)
    rng = random.Random(7)
    lines = []
    for n in range(COUNT):
        title = "邵阳市" + "".join(rng.sample(WORDS, 3)) + f"第{n}号"
        lines.append(json.dumps({"index": {"_index": index, "_id": str(n)}}))
        lines.append(json.dumps({"title": title, "number": f"SY-{n:06d}"}, ensure_ascii=False))
    request = urllib.request.Request(
        f"{engine.settings.url}/_bulk?refresh=true",
        data=("\n".join(lines) + "\n").encode(),
        headers={"Content-Type": "application/x-ndjson"},
    )
    urllib.request.urlopen(request, timeout=120).read()

    # One kept-alive connection, as the client keeps its pool: otherwise the baseline would
    # measure TCP set-up, not the adapter.
    parsed = urllib.parse.urlsplit(engine.settings.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)

    def raw(body):
        connection.request(
            "POST", f"/{index}/_search", json.dumps(body), {"Content-Type": "application/json"}
        )
        return json.load(connection.getresponse())

    bodies = [{"query": {"match": {"title": rng.choice(WORDS)}}, "size": 20} for _ in range(QUERIES)]
    results = {}
    for name, call in (("raw_http", raw), ("adapter", lambda b: engine.search(index, b))):
        call(bodies[0])  # warm up the connection and caches
        samples = []
        for body in bodies:
            started = time.perf_counter()
            call(body)
            samples.append(time.perf_counter() - started)
        results[name] = {"queries": len(samples), **percentiles(samples)}
    results["documents"] = COUNT
    results["engine"] = engine.info()["engine"] + " " + engine.info()["version"]
    results["ratio_p50"] = round(results["adapter"]["p50_ms"] / results["raw_http"]["p50_ms"], 2)
    engine.delete_index(index)
    print("BENCH " + json.dumps(results, ensure_ascii=False))


main()
