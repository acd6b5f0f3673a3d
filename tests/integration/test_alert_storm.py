"""pantaud end to end with alerting: a replayed complaint storm reaches a real
SMTP server (aiosmtpd on 127.0.0.1) as exactly one mail, also when the server
only comes up after the alert was queued; a post that tries header injection
stays in the body."""
import email
import email.policy
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import unittest

from harness import Workspace, wait_for

SINK = os.path.join(os.path.dirname(__file__), "..", "alerts", "smtp_sink.py")
T0 = 1786320000  # 2026-08-10T00:00:00Z, a Monday
STORM = T0 + 3 * 86400 + 6 * 3600  # 2026-08-13T06:00Z (13:00 WIB)
FORGED = "Kopi Senja parah banget, kecewa, jelek, mahal, dingin, lambat\r\nBcc: victim@evil.example\r\nSubject: forged"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def mention(i, t, text, source="twitter"):
    return json.dumps({"id": f"s{i}", "source": source, "created_at": t, "author": f"user{i % 17}", "text": text,
                       "url": f"https://x.example/{i}"}, ensure_ascii=False)


def storm_lines():
    """Three days of ordinary talk (the detector learns two), a one-hour storm
    of complaints, then ten calm minutes so that the storm's buckets close."""
    lines, i = [], 0
    for k in range(3 * 144 + 36):  # one mention every 10 minutes until the storm
        t = T0 + k * 600 + 37
        text = "Kopi Senja kopinya dingin, kecewa" if k % 6 == 0 else f"Kopi Senja enak banget nomor {k}"
        lines.append(mention(i, t, text))
        i += 1
    for k in range(60):  # five complaints every five minutes for an hour
        t = STORM + k * 60 + 11
        text = FORGED if k == 2 else f"Kopi Senja pesanan telat dan kopinya dingin, kecewa #{k}"
        lines.append(mention(i, t, text, source="appstore" if k % 2 else "twitter"))
        i += 1
    for k in range(3):
        lines.append(mention(i, STORM + 3600 + 600 + k * 60, f"Kopi Senja enak {k}"))
        i += 1
    return lines


class Sink:
    def __init__(self, test, port, out):
        self.port, self.out, self.proc = port, out, None
        os.makedirs(out, exist_ok=True)
        test.addCleanup(self.stop)

    def start(self):
        self.proc = subprocess.Popen(["/usr/bin/python3", SINK, str(self.port), self.out])
        wait_for(self.listening, timeout=20, what="the SMTP sink to listen")

    def listening(self):
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            return True
        except OSError:
            return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def mails(self):
        return sorted(f for f in os.listdir(self.out) if f.endswith(".eml"))

    def read(self, name):
        with open(os.path.join(self.out, name), "rb") as f:
            raw = f.read()
        return email.message_from_bytes(raw, policy=email.policy.default), raw


class AlertStorm(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace(self)
        self.ws.write_jsonl(storm_lines())
        self.port = free_port()
        self.sink = Sink(self, self.port, os.path.join(self.ws.dir, "mail"))
        self.ws.write_config(extra_source=f"""
[alerts]
# One mail per incident in this test: no update mail while the storm grows.
group_interval = "12h"
retry_base = "1s"
dashboard_url = "https://pantau.example/kopi"

[[notifier]]
name = "ops-mail"
type = "smtp"
url = "smtp://127.0.0.1:{self.port}"
starttls = false
from = "Pantau <pantau@kopisenja.example>"
to = ["cx@kopisenja.example"]
message_domain = "kopisenja.example"
""", batch=200)

    def outbox(self):
        return self.ws.rows("SELECT kind, status, attempts, last_error FROM alert_outbox")

    def check_mail(self, msg, raw):
        # Headers: one recipient, subject names watch, kind and size; threading and automation headers.
        self.assertEqual(msg["To"], "cx@kopisenja.example")
        self.assertIsNone(msg["Bcc"])
        self.assertEqual(len(msg.get_all("Subject")), 1)
        self.assertRegex(msg["Subject"], r"^\[Pantau\] kopi: negative")
        self.assertNotIn("forged", msg["Subject"])
        self.assertRegex(msg["Message-ID"], r"^<pantau\.[0-9a-f]+\.0@kopisenja\.example>$")
        self.assertIsNone(msg["In-Reply-To"])
        self.assertEqual(msg["Auto-Submitted"], "auto-generated")
        header_block = raw.split(b"\r\n\r\n", 1)[0]
        self.assertNotIn(b"evil", header_block)
        self.assertEqual(msg.get_content_type(), "multipart/alternative")
        parts = {p.get_content_type(): p.get_content() for p in msg.iter_parts()}
        self.assertEqual(sorted(parts), ["text/html", "text/plain"])
        text, html = parts["text/plain"], parts["text/html"]
        # The forged line is in the body, flattened onto one line and escaped.
        self.assertIn("Bcc: victim@evil.example", text)
        self.assertNotRegex(text, r"(?m)^Bcc:")
        self.assertIn("<svg", html)
        self.assertIn("https://x.example/", html)
        self.assertIn("https://pantau.example/kopi", text)
        # Figures: the observed count is the number of stored negatives in the window.
        m = re.search(r"Window: (\S+) to (\S+) ", text)
        obs = re.search(r"Observed: (\d+) negatives, expected ([\d.]+)", text)
        self.assertTrue(m and obs, text)
        con = sqlite3.connect(f"file:{self.ws.db}?mode=ro", uri=True, timeout=5)
        try:
            since, until = [con.execute("SELECT unixepoch(?)", (s,)).fetchone()[0] for s in m.groups()]
            stored = con.execute("SELECT COUNT(*) FROM mentions WHERE label = -1 AND spam = 0 AND created_at >= ? "
                                 "AND created_at < ?", (since, until)).fetchone()[0]
        finally:
            con.close()
        self.assertEqual(int(obs.group(1)), stored)
        self.assertGreater(int(obs.group(1)), 4 * float(obs.group(2)))
        self.assertGreaterEqual(since, STORM - 3 * 3600)
        self.assertLessEqual(until, STORM + 3600 + 300)
        examples = re.findall(r"(?m)^  \d\. \[", text)
        self.assertTrue(3 <= len(examples) <= 5, text)

    def test_storm_sends_exactly_one_mail_once_smtp_comes_up(self):
        ws = self.ws
        p = ws.start()
        # The server is down: the alert waits in the outbox as a failed attempt.
        wait_for(lambda: any(r[0] == "alert" and r[2] >= 1 for r in self.outbox()), timeout=60,
                 what="a failed delivery attempt")
        rows = self.outbox()
        self.assertEqual([r[1] for r in rows], ["pending"], rows)
        self.assertTrue(rows[0][3])  # the error is visible
        listed = json.loads(ws.pantau("alerts", "list", "-o", "json").stdout)
        self.assertEqual(len(listed), 1)
        self.assertEqual(listed[0]["status"], "pending")
        self.assertIn("ALERT_DELIVERY_FAILED", ws.log_of(p))

        self.sink.start()
        wait_for(lambda: self.sink.mails(), timeout=90, what="the alert mail")
        wait_for(lambda: [r[1] for r in self.outbox()] == ["sent"], timeout=30, what="the row marked sent")
        msg, raw = self.sink.read(self.sink.mails()[0])
        self.check_mail(msg, raw)

        # Exactly once: a restart replays nothing new and sends nothing again.
        self.assertEqual(ws.stop(p), 0)
        p = ws.start()
        wait_for(lambda: "ALERT_DETECTOR_READY" in ws.log_of(p), timeout=30, what="the restarted detector")
        wait_for(lambda: "ALERTS_STARTED" in ws.log_of(p), timeout=30, what="alerting to start")
        self.assertEqual(ws.stop(p), 0)
        self.assertEqual(len(self.sink.mails()), 1)
        self.assertEqual(len(self.outbox()), 1)
        log = ws.log_of(p)
        self.assertNotIn("ALERT_OPENED", log)
        listed = json.loads(ws.pantau("alerts", "list", "-o", "json").stdout)
        self.assertEqual(listed[0]["status"], "sent")

    def test_silence_keeps_the_alert_out_of_the_mailbox(self):
        ws = self.ws
        self.sink.start()
        # The silence is in place before pantaud starts (pantau creates the schema in an empty file).
        os.makedirs(os.path.dirname(ws.db), exist_ok=True)
        sqlite3.connect(ws.db).close()
        ws.pantau("alerts", "silence", "--watch", "kopi", "--for", "2h", "--reason", "planned outage")
        silences = json.loads(ws.pantau("alerts", "silences", "-o", "json").stdout)
        self.assertEqual(silences[0]["reason"], "planned outage")
        p = ws.start()
        wait_for(lambda: any(r[1] == "silenced" for r in self.outbox()), timeout=60, what="a silenced row")
        self.assertEqual(ws.stop(p), 0)
        self.assertEqual(self.sink.mails(), [])
        self.assertIn("ALERT_SILENCED", ws.log_of(p))
        out = ws.pantau("alerts", "unsilence", "--watch", "kopi").stdout
        self.assertIn("Ended 1 silence", out)


if __name__ == "__main__":
    unittest.main()
