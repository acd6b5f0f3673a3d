#!/usr/bin/env python3
"""A fake HTTP API for connector tests (python3 standard library only).

Serves one fixture folder (routes.json + <name> + <name>.headers, the format of
../shared/fixtures/README.md) on 127.0.0.1, on a port chosen by the kernel,
and prints that port as the first line of stdout.

    fake_api.py --root tests/connectors/hn/fixtures --log /tmp/requests.jsonl \
                [--fault fixture:error_429.json | drop | truncate | truncate:<name> | status:503] \
                [--fault-after N] [--fault-times M]

Faults replace the normal answer for requests number N+1 .. N+M (all of them
when --fault-times is not given):
  fixture:<name>  serve that error fixture with its own status and headers
  drop            close the connection without an answer
  truncate        send the routed fixture's headers but only half of its body
  truncate:<name> the same with that fixture instead of the routed one (a page
                  that is only ever seen cut short: nothing of it may be stored)
  status:<code>   an empty answer with that status

Every request is appended to the --log file as one JSON line (time, method,
path, query, headers, what was served) before the answer is sent, so a test
that has its answer can read the complete log.

Control (for tests that change faults without restarting):
  POST /__fault?mode=...&after=N&times=M   set the fault (mode=none clears it)
  GET  /__requests                         the request log as JSON Lines
"""
import argparse
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


def load_headers(path):
    """Parses a .headers sidecar: status line, then `Name: value` lines."""
    with open(path, "rb") as f:
        lines = f.read().decode("latin-1").replace("\r\n", "\n").split("\n")
    status_line = lines[0].split(" ", 2)
    status = int(status_line[1])
    reason = status_line[2] if len(status_line) > 2 else ""
    headers = []
    for line in lines[1:]:
        if not line.strip():
            continue
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    return status, reason, headers


class Fixtures:
    def __init__(self, root):
        self.root = root
        with open(os.path.join(root, "routes.json"), encoding="utf-8") as f:
            self.routes = json.load(f).get("routes", [])

    def load(self, name):
        with open(os.path.join(self.root, name), "rb") as f:
            body = f.read()
        header_file = os.path.join(self.root, name + ".headers")
        if os.path.exists(header_file):
            status, reason, headers = load_headers(header_file)
        else:
            status, reason, headers = 200, "OK", [("Content-Type", "application/octet-stream")]
        return status, reason, headers, body

    def route(self, method, path, query, headers):
        """The matching route with the most value predicates wins (a request
        carrying since=... matches both the generic page-1 route and the
        specific empty-page route; the specific one is meant)."""
        lower = {k.lower(): v for k, v in headers.items()}
        best, best_score = None, -1
        for r in self.routes:
            if r.get("method", "GET") != method or r.get("path") != path:
                continue
            if any(query.get(k) != v for k, v in r.get("query", {}).items()):
                continue
            if any(k in query for k in r.get("query_absent", [])):
                continue
            if any(k in query and query[k] != v for k, v in r.get("query_absent_or", {}).items()):
                continue
            if any(lower.get(k.lower()) != v for k, v in r.get("header", {}).items()):
                continue
            if any(k.lower() in lower for k in r.get("header_absent", [])):
                continue
            score = len(r.get("query", {})) + len(r.get("header", {}))
            if score > best_score:
                best, best_score = r["fixture"], score
        return best


class State:
    def __init__(self, fixtures, log_path, fault, after, times):
        self.fixtures = fixtures
        self.log_path = log_path
        self.lock = threading.Lock()
        self.count = 0
        self.set_fault(fault, after, times)

    def set_fault(self, mode, after, times):
        self.fault = None if mode in (None, "", "none") else mode
        self.fault_after = after
        self.fault_times = times  # None = for ever
        self.fault_base = self.count


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake_api"

    def log_message(self, fmt, *args):  # quiet: the JSON log is the record
        pass

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def do_HEAD(self):
        self.handle_any()

    def handle_any(self):
        state = self.server.state
        split = urlsplit(self.path)
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        body_in = self.rfile.read(length) if length else b""
        if split.path == "/__fault":
            times = query.get("times")
            with state.lock:
                state.set_fault(query.get("mode"), int(query.get("after", 0)), int(times) if times else None)
            return self.send_raw(200, "OK", [("Content-Type", "text/plain")], b"ok\n")
        if split.path == "/__requests":
            with state.lock, open(state.log_path, "rb") as f:
                data = f.read()
            return self.send_raw(200, "OK", [("Content-Type", "application/x-ndjson")], data)

        with state.lock:
            state.count += 1
            n = state.count - state.fault_base
            fault = None
            if state.fault and n > state.fault_after and (
                state.fault_times is None or n <= state.fault_after + state.fault_times
            ):
                fault = state.fault
            if body_in and self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
                query.update(parse_qsl(body_in.decode("utf-8", "replace"), keep_blank_values=True))
            fixture = state.fixtures.route(self.command, split.path, query, dict(self.headers.items()))
            served = fault if fault else (fixture or "404")
            entry = {
                "t": time.time(),
                "n": state.count,
                "method": self.command,
                "path": split.path,
                "query": query,
                "headers": dict(self.headers.items()),
                "served": served,
            }
            with open(state.log_path, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")

        if fault == "drop":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if fault and fault.startswith("status:"):
            return self.send_raw(int(fault[7:]), "Fault", [("Content-Type", "text/plain")], b"")
        if fault and fault.startswith("fixture:"):
            status, reason, headers, body = state.fixtures.load(fault[8:])
            return self.send_raw(status, reason, headers, body)
        if fault and fault.startswith("truncate:"):
            status, reason, headers, body = state.fixtures.load(fault[9:])
            self.send_raw(status, reason, headers, body[: len(body) // 2], declared=len(body))
            self.close_connection = True
            return
        if fixture is None:
            body = json.dumps({"error": "no fixture route", "path": split.path, "query": query}).encode()
            return self.send_raw(404, "Not Found", [("Content-Type", "application/json")], body)
        status, reason, headers, body = state.fixtures.load(fixture)
        if fault == "truncate":
            # Declares the whole length, sends half, hangs up: a dropped connection mid-body.
            self.send_raw(status, reason, headers, body[: len(body) // 2], declared=len(body))
            self.close_connection = True
            return
        self.send_raw(status, reason, headers, body)

    def send_raw(self, status, reason, headers, body, declared=None):
        out = ["HTTP/1.1 %d %s" % (status, reason)]
        for name, value in headers:
            if name.lower() in ("content-length", "connection", "transfer-encoding"):
                continue
            out.append("%s: %s" % (name, value))
        if not any(n.lower() == "date" for n, _ in headers):
            out.append("Date: " + self.date_time_string())
        out.append("Content-Length: %d" % (declared if declared is not None else len(body)))
        head = ("\r\n".join(out) + "\r\n\r\n").encode("latin-1")
        try:
            self.wfile.write(head + (b"" if self.command == "HEAD" or status == 304 else body))
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--root", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--fault")
    p.add_argument("--fault-after", type=int, default=0)
    p.add_argument("--fault-times", type=int)
    args = p.parse_args()
    open(args.log, "w").close()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(Fixtures(args.root), args.log, args.fault, args.fault_after, args.fault_times)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
