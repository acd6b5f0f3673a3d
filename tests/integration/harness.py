"""Shared helpers for the end-to-end tests: run the real binaries in a
temporary directory and wait on conditions (never on fixed sleeps)."""
import json
import os
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time

BIN = os.environ.get("PANTAU_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
PANTAUD = os.path.join(BIN, "pantaud")
PANTAU = os.path.join(BIN, "pantau")


def wait_for(predicate, timeout=30.0, what="condition"):
    """Polls `predicate` until it returns a truthy value or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.02)


def line(i, text=None, source="twitter", **extra):
    obj = {"id": f"m{i}", "source": source, "created_at": 1787300000 + i * 7, "author": f"user{i % 13}",
           "text": text or f"Kopi Senja enak banget nomor {i}", "url": f"https://x.example/{i}"}
    obj.update(extra)
    return json.dumps(obj, ensure_ascii=False)


class Workspace:
    """A temporary directory with a config, a JSONL file and a database."""

    def __init__(self, test):
        self.dir = tempfile.mkdtemp(prefix="pantau-it-")
        self.db = os.path.join(self.dir, "var", "pantau.db")
        self.jsonl = os.path.join(self.dir, "mentions.jsonl")
        self.config = os.path.join(self.dir, "pantau.toml")
        self.procs = []
        test.addCleanup(self.cleanup)

    def write_jsonl(self, lines, mode="w"):
        with open(self.jsonl, mode, encoding="utf-8") as f:
            for l in lines:
                f.write(l + "\n")

    def write_config(self, extra_source="", batch=1000, follow=False, query='["kopi senja"]'):
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(f"""[storage]
path = "{self.db}"
[[watch]]
name = "kopi"
query = {query}
own_accounts = ["kopisenja"]
[[source]]
type = "replay"
watch = "kopi"
path = "{self.jsonl}"
batch = {batch}
follow = {"true" if follow else "false"}
{extra_source}
""")

    def start(self, env=None, config=None):
        log = open(os.path.join(self.dir, f"pantaud-{len(self.procs)}.log"), "w")
        e = dict(os.environ)
        e.pop("NOTIFY_SOCKET", None)
        e.pop("JOURNAL_STREAM", None)
        e.update(env or {})
        p = subprocess.Popen([PANTAUD, "--config", config or self.config], stdout=log, stderr=subprocess.STDOUT,
                             env=e, cwd=self.dir)
        log.close()  # the child has its own descriptor
        p.log_path = log.name
        self.procs.append(p)
        return p

    def log_of(self, p):
        with open(p.log_path, encoding="utf-8") as f:
            return f.read()

    def rows(self, sql):
        """The rows of a read-only query; [] while the database or its schema does not exist yet."""
        if not os.path.exists(self.db):
            return []
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute(sql).fetchall()
        except sqlite3.OperationalError:
            return []  # schema not created yet
        finally:
            con.close()

    def count(self, where="1"):
        rows = self.rows(f"SELECT COUNT(*) FROM mentions WHERE {where}")
        return rows[0][0] if rows else 0

    def cursor(self):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=5)
        try:
            row = con.execute("SELECT cursor FROM cursors").fetchone()
            return row[0] if row else None
        finally:
            con.close()

    def stop(self, p, sig=signal.SIGTERM, timeout=5.0):
        p.send_signal(sig)
        return p.wait(timeout=timeout)

    def pantau(self, *args, check=True):
        r = subprocess.run([PANTAU, "--db", self.db, *args], capture_output=True, text=True, timeout=60)
        if check and r.returncode != 0:
            raise AssertionError(f"pantau {' '.join(args)} exited {r.returncode}: {r.stderr}")
        return r

    def cleanup(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        subprocess.run(["rm", "-rf", self.dir])


class NotifySocket:
    """A unix datagram socket standing in for systemd's NOTIFY_SOCKET."""

    def __init__(self, directory):
        self.path = os.path.join(directory, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.messages = []

    def close(self):
        self.sock.close()

    def drain(self):
        try:
            while True:
                self.messages.append(self.sock.recv(4096).decode())
        except (socket.timeout, BlockingIOError):
            pass
        return self.messages

    def seen(self, prefix):
        return any(m.startswith(prefix) or ("\n" + prefix) in m for m in self.drain())
