"""pantaud end to end against fake HTTP APIs on 127.0.0.1, with faults.

Six sources (rss news feed, rss Google Alerts feed, hn, mastodon, appstore and
reddit with fake OAuth credentials) poll tests/connectors/fake_api.py servers,
one per API, serving copies of the connector fixtures, every 2 s for at least
30 s. Faults are injected at start and again once everything is stored:
429s with reset headers (seconds, and an absolute ISO time), 5xx, a dropped
connection, bodies cut short (in transport and as JSON), pages that are only
ever served truncated. At the end the stored mentions must be exactly the
expected set, every source healthy, and no rate-limited API asked again
before the reset it gave.
"""
import calendar
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unittest
import urllib.request
from urllib.parse import urlencode

from harness import Workspace, wait_for

HERE = os.path.dirname(os.path.abspath(__file__))
CONNECTOR_TESTS = os.path.normpath(os.path.join(HERE, "..", "connectors"))
FAKE_API = os.path.join(CONNECTOR_TESTS, "fake_api.py")
RUN_FOR = 30.0  # seconds the daemon runs at least

# The fixtures' items, as the connectors' golden cases list them, that the
# watch query below keeps (ids as stored: native_id). Fixture "now" is
# 2026-08-21T09:20:00Z; the sources backfill 3650 days so every item is inside.
EXPECTED = {
    "rss": {
        # news feed, pages 1 and 2
        "https://www.kabarbisnis.example/?p=88317",
        "https://www.kabarbisnis.example/?p=88302",
        "https://www.kabarbisnis.example/?p=88231",
        "https://www.kabarbisnis.example/?p=87990",
        "https://www.kabarbisnis.example/?p=87811",
        # Google Alerts feed (the last one is gambling spam)
        "tag:google.com,2013:googlealerts/feed:5455428375679351406",
        "tag:google.com,2013:googlealerts/feed:7511400492610595693",
        "tag:google.com,2013:googlealerts/feed:5043550971386289188",
        "tag:google.com,2013:googlealerts/feed:3551480214177000701",
    },
    # Two comments (47930518, 47921340) never name the brand: the query drops them.
    "hn": {"47929004", "47912233", "47920011"},
    "mastodon": {
        "https://mastodon.social/users/dewi_ngopi/statuses/117132739215360007",
        "https://mas.to/users/arif/statuses/117132625182724237",
        "https://mastodon.social/users/gacor_official88/statuses/117132554403840033",  # spam
        "https://mastodon.social/users/senja_lover/statuses/117132440371200046",
        "https://mastodon.social/users/kopisenja_id/statuses/117132106137600059",  # the brand's own reply
        "https://mstdn.social/users/wulan/statuses/117131567431684289",
        "https://mastodon.social/users/bagas/statuses/117130482155520085",
    },
    # Reviews rarely name the brand; the watch takes every review of the app (source:appstore).
    "appstore": {"id:13587214409", "id:13587190024", "id:13586955731", "id:13586402218", "id:13585877130",
                 "id:13585102267", "id:13584450913", "id:13583998120"},
    "reddit": {"t3_1t4k2qd", "t3_1t4hx07", "t3_1t4gq5m", "t3_1t4ec9z", "t3_1t49w2b", "t3_1t47r8f", "t3_1t42d1k"},
}
SPAM = {
    "tag:google.com,2013:googlealerts/feed:3551480214177000701",
    "https://mastodon.social/users/gacor_official88/statuses/117132554403840033",
    "t3_1t4gq5m",
}
# Only ever served cut short: nothing of these pages may be stored.
NEVER = {"47999001", "t3_e2enew01", "t3_e2enew02"}


def utc_iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(t))


class FakeApi:
    """One fake_api.py on a copy of tests/connectors/<api>/fixtures."""

    def __init__(self, test, ws, name, api, fault=None, fault_after=0, fault_times=None, routes=()):
        self.name = name
        self.root = os.path.join(ws.dir, "fixtures-" + name)
        shutil.copytree(os.path.join(CONNECTOR_TESTS, api, "fixtures"), self.root)
        with open(os.path.join(self.root, "routes.json"), encoding="utf-8") as f:
            spec = json.load(f)
        for r in routes:
            r(spec["routes"])
        with open(os.path.join(self.root, "routes.json"), "w", encoding="utf-8") as f:
            json.dump(spec, f, indent=1)
        self.log = os.path.join(ws.dir, f"requests-{name}.jsonl")
        self.fault_at_start = (fault, fault_after, fault_times)
        self.test = test

    def write_fixture(self, name, body, status_line, headers):
        with open(os.path.join(self.root, name), "wb") as f:
            f.write(body if isinstance(body, bytes) else body.encode("utf-8"))
        with open(os.path.join(self.root, name + ".headers"), "w", encoding="latin-1") as f:
            f.write(status_line + "\n" + "".join(f"{k}: {v}\n" for k, v in headers))

    def start(self):
        args = [sys.executable, FAKE_API, "--root", self.root, "--log", self.log]
        mode, after, times = self.fault_at_start
        if mode:
            args += ["--fault", mode, "--fault-after", str(after)]
            if times is not None:
                args += ["--fault-times", str(times)]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        self.test.addCleanup(self.stop)
        self.port = int(self.proc.stdout.readline())
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=5)
        self.proc.stdout.close()

    def fault(self, mode, after=0, times=1):
        q = {"mode": mode, "after": after}
        if times is not None:
            q["times"] = times
        req = urllib.request.Request(f"{self.base}/__fault?{urlencode(q)}", data=b"", method="POST")
        with urllib.request.urlopen(req, timeout=5) as r:
            assert r.status == 200

    def requests(self):
        with open(self.log, encoding="utf-8") as f:
            return [json.loads(l) for l in f if l.strip()]

    def reset_of(self, entry):
        """The absolute time before which no request may follow a 429 (None for other answers)."""
        served = entry["served"]
        if not served.startswith("fixture:"):
            return None
        with open(os.path.join(self.root, served[8:] + ".headers"), encoding="latin-1") as f:
            lines = f.read().splitlines()
        if " 429 " not in lines[0] + " ":
            return None
        h = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:] if l.strip())}
        if "retry-after" in h:
            return entry["t"] + int(h["retry-after"])
        reset = h.get("x-ratelimit-reset")
        if reset and "T" in reset:
            return calendar.timegm(time.strptime(reset[:19], "%Y-%m-%dT%H:%M:%S"))
        return entry["t"] + float(reset)


def drop_query_key(path, key):
    def edit(routes):
        for r in routes:
            if r.get("path") == path:
                r.get("query", {}).pop(key, None)
    return edit


def add_route(route):
    return lambda routes: routes.append(route)


class ConnectorsEndToEnd(unittest.TestCase):
    def test_six_sources_with_faults_store_exactly_the_expected_mentions(self):
        started_test = time.monotonic()
        ws = Workspace(self)
        apis = {}

        # rss: the news feed drops page 2's connection half-way at start.
        apis["news"] = FakeApi(self, ws, "news", "rss", fault="truncate", fault_after=1, fault_times=1)
        apis["alerts"] = FakeApi(self, ws, "alerts", "rss")
        # hn: the first request is rate limited (Retry-After: 3). The page-0
        # route is loosened (the backfill horizon follows the real clock) and
        # the incremental route made more specific than it.
        apis["hn"] = FakeApi(self, ws, "hn", "hn", fault="fixture:e2e_429.json", fault_times=1, routes=[
            drop_query_key("/api/v1/search_by_date", "numericFilters"),
            add_route({"method": "GET", "path": "/api/v1/search_by_date",
                       "query": {"query": "kopi senja", "tags": "(story,comment)", "hitsPerPage": "3",
                                 "numericFilters": "created_at_i>1787302500"},
                       "fixture": "search_by_date_empty.json"}),
        ])
        # mastodon: a 502 first; the walk past page 2 ends on an empty page.
        apis["mastodon"] = FakeApi(self, ws, "mastodon", "mastodon", fault="fixture:error_502.html", fault_times=1,
                                   routes=[add_route({"method": "GET", "path": "/api/v1/timelines/tag/kopisenja",
                                                      "query": {"max_id": "117130482155520085"},
                                                      "fixture": "tag_timeline_empty.json"})])
        # appstore: page 2's connection is dropped without an answer.
        apis["appstore"] = FakeApi(self, ws, "appstore", "appstore", fault="drop", fault_after=1, fault_times=1)
        # reddit: the token comes, then the first search is rate limited (x-ratelimit-reset: 3 s).
        apis["reddit"] = FakeApi(self, ws, "reddit", "reddit", fault="fixture:e2e_429.json", fault_after=1,
                                 fault_times=1)

        apis["hn"].write_fixture("e2e_429.json", '{"message":"Too many requests","status":429}',
                                 "HTTP/1.1 429 Too Many Requests",
                                 [("Content-Type", "application/json"), ("Retry-After", "3")])
        apis["reddit"].write_fixture("e2e_429.json", '{"message": "Too Many Requests", "error": 429}',
                                     "HTTP/1.1 429 Too Many Requests",
                                     [("Content-Type", "application/json; charset=UTF-8"),
                                      ("x-ratelimit-remaining", "0.0"), ("x-ratelimit-used", "100"),
                                      ("x-ratelimit-reset", "3")])
        # A new HN page that only ever arrives as cut-short JSON (status 200).
        with open(os.path.join(apis["hn"].root, "search_by_date_empty.json"), encoding="utf-8") as f:
            empty = json.load(f)
        new_page = dict(empty, hits=[{"objectID": "47999001", "author": "e2e", "created_at_i": 1787303000,
                                      "created_at": "2026-08-21T09:03:20Z", "title": "Kopi Senja e2e only cut short",
                                      "url": "https://e2e.example/", "_tags": ["story"]}], nbHits=1)
        text = json.dumps(new_page)
        apis["hn"].write_fixture("e2e_truncated_new.json", text[: text.index('"url"')], "HTTP/1.1 200 OK",
                                 [("Content-Type", "application/json; charset=utf-8")])
        # A new Reddit page that only ever arrives with its connection cut half-way.
        with open(os.path.join(apis["reddit"].root, "search_page2.json"), encoding="utf-8") as f:
            page = json.load(f)
        post = page["data"]["children"][0]["data"]
        page["data"]["children"] = [
            {"kind": "t3", "data": dict(post, name=f"t3_e2enew0{i}", id=f"e2enew0{i}", created_utc=1787303900.0 - i,
                                        title="Kopi Senja e2e, only ever cut short")} for i in (1, 2)]
        apis["reddit"].write_fixture("e2e_new_page.json", json.dumps(page, indent=1), "HTTP/1.1 200 OK",
                                     [("Content-Type", "application/json; charset=UTF-8")])
        for api in apis.values():
            api.start()

        with open(ws.config, "w", encoding="utf-8") as f:
            f.write(f"""[storage]
path = "{ws.db}"

[http]
contact = "e2e@pantau.example"

[[watch]]
name = "kopi-senja"
query = '"kopi senja" OR kopisenja OR source:appstore'
own_accounts = ["kopisenja_id"]

[[source]]
type = "rss"
name = "news"
watch = "kopi-senja"
url = "https://www.kabarbisnis.example/tag/kopi-senja/feed/"
base_url = "{apis['news'].base}"
interval = "2s"
backfill = "3650d"

[[source]]
type = "rss"
name = "alerts"
watch = "kopi-senja"
url = "https://www.google.com/alerts/feeds/08811204471920335510/16273501948816620044"
base_url = "{apis['alerts'].base}"
interval = "2s"
backfill = "3650d"

[[source]]
type = "hn"
watch = "kopi-senja"
base_url = "{apis['hn'].base}"
search = "kopi senja"
hits_per_page = 3
interval = "2s"
backfill = "3650d"

[[source]]
type = "mastodon"
watch = "kopi-senja"
base_url = "{apis['mastodon'].base}"
hashtags = ["kopisenja"]
limit = 4
interval = "2s"
backfill = "3650d"

[[source]]
type = "appstore"
watch = "kopi-senja"
base_url = "{apis['appstore'].base}"
app_id = "6499000001"
country = "id"
interval = "2s"
backfill = "3650d"

[[source]]
type = "reddit"
watch = "kopi-senja"
base_url = "{apis['reddit'].base}"
auth_url = "{apis['reddit'].base}"
client_id = "fixture-client"
client_secret = "fixture-secret"
search = '"kopi senja"'
limit = 4
interval = "2s"
backfill = "3650d"
""")
        expected_total = sum(len(v) for v in EXPECTED.values())
        p = ws.start()
        t0 = time.monotonic()

        # Phase 1: the start-up faults pass and every source backfills.
        wait_for(lambda: p.poll() is None and ws.count() == expected_total, timeout=45,
                 what=f"{expected_total} mentions after the start-up faults")
        for name, api in apis.items():
            served = [r["served"] for r in api.requests()]
            mode = api.fault_at_start[0]
            if mode:
                self.assertIn(mode, served, name)

        # Phase 2: a second round of faults while the sources poll for new posts.
        iso_reset = int(time.time()) + 6
        apis["mastodon"].write_fixture("e2e_429_iso.json", '{"error":"Too many requests"}',
                                       "HTTP/1.1 429 Too Many Requests",
                                       [("Content-Type", "application/json"), ("X-RateLimit-Limit", "300"),
                                        ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", utc_iso(iso_reset))])
        phase2 = {
            "news": "drop",
            "alerts": "status:500",
            "hn": "fixture:e2e_truncated_new.json",
            "mastodon": "fixture:e2e_429_iso.json",
            "appstore": "status:502",
            "reddit": "truncate:e2e_new_page.json",
        }
        marks = {}
        for name, mode in phase2.items():
            marks[name] = len(apis[name].requests())
            apis[name].fault(mode)

        def recovered():
            for name, mode in phase2.items():
                later = apis[name].requests()[marks[name]:]
                i = next((k for k, r in enumerate(later) if r["served"] == mode), None)
                if i is None or not any(r["served"] != mode for r in later[i + 1:]):
                    return False
            return True

        def healthy():
            st = json.loads(ws.pantau("status", "-o", "json").stdout)
            return len(st["sources"]) == 6 and all(s["state"] == "ok" for s in st["sources"]) and st

        wait_for(lambda: p.poll() is None and time.monotonic() - t0 >= RUN_FOR and recovered() and healthy(),
                 timeout=RUN_FOR + 40, what="30 s of polling, every source recovered and healthy")
        status = healthy()
        self.assertTrue(status["running"])
        self.assertEqual(ws.stop(p), 0)
        ran_for = time.monotonic() - t0

        # Exactly the expected mentions: native ids per source, nothing twice,
        # nothing from a page that was only ever served cut short.
        out = json.loads(ws.pantau("mentions", "-o", "json", "--limit", "100000").stdout)
        keys = [(m["source"], m["native_id"]) for m in out]
        self.assertEqual(len(keys), len(set(keys)), "duplicates stored")
        by_source = {s: set() for s in EXPECTED}
        for source, native in keys:
            by_source.setdefault(source, set()).add(native)
        self.assertEqual(by_source, EXPECTED)
        self.assertFalse(NEVER & {n for _, n in keys})
        self.assertEqual({m["native_id"] for m in out if m["spam"]}, SPAM)
        for m in out:
            self.assertTrue(m["created_at"].startswith("2026-08-") and m["created_at"].endswith("Z"), m)
            self.assertTrue(m["url"].startswith("https://"), m)
            self.assertEqual(m["watch"], "kopi-senja")

        # Each source healthy, with its items counted.
        per_name = {"news": "rss", "alerts": "rss", "hn:kopi-senja": "hn", "mastodon:kopi-senja": "mastodon",
                    "appstore:kopi-senja": "appstore", "reddit:kopi-senja": "reddit"}
        self.assertEqual({s["source"] for s in status["sources"]}, set(per_name))
        for s in status["sources"]:
            self.assertEqual(s["state"], "ok", s)
            self.assertTrue(s["last_success"], s)
            self.assertGreater(s["items"], 0, s)
        self.assertEqual(sum(s["items"] for s in status["sources"]), expected_total)

        # No request to a rate-limited API before the reset its headers gave,
        # and every injected 429 was seen by the daemon.
        limited = 0
        for name, api in apis.items():
            log = api.requests()
            for i, entry in enumerate(log):
                reset = api.reset_of(entry)
                if reset is None:
                    continue
                limited += 1
                for later in log[i + 1:]:
                    self.assertGreaterEqual(later["t"], reset - 0.001,
                                            f"{name}: request {later['n']} came {reset - later['t']:.3f}s "
                                            f"before the reset of request {entry['n']}")
                self.assertTrue(log[i + 1:], f"{name}: never asked again after the 429")
        self.assertEqual(limited, 3)

        log = ws.log_of(p)
        for msg in ("SOURCE_RATE_LIMITED", "SOURCE_POLL_FAILED", "CONNECTOR_SERVER_ERROR",
                    "CONNECTOR_TRANSPORT_FAILED"):
            self.assertIn(msg, log)
        self.assertNotIn("fixture-secret", log)
        self.assertGreaterEqual(ran_for, RUN_FOR)
        self.assertLess(time.monotonic() - started_test, 110)


if __name__ == "__main__":
    unittest.main()
