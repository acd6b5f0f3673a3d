"""SIGTERM while an alert mail is in flight: the SMTP server accepted the
connection and went quiet, so the delivery would block for the notifier's
whole timeout (30 s). pantaud still exits 0 within 5 s, the alert stays
pending in the outbox (not sent, no attempt counted), and the next start
delivers it to a working server exactly once."""
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest

from harness import Workspace, wait_for
from test_alert_storm import Sink, free_port, storm_lines


class StalledSmtp:
    """Accepts connections, sends the 220 greeting and then never answers
    (EHLO, MAIL, DATA): a relay that hangs after the banner."""

    def __init__(self, test):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connected = threading.Event()
        self.clients = []
        threading.Thread(target=self.serve, daemon=True).start()
        test.addCleanup(self.close)

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return  # closed by close()
            conn.sendall(b"220 stalled.example ESMTP\r\n")
            self.clients.append(conn)  # kept open and silent
            self.connected.set()

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes accept()
        except OSError:
            pass
        self.sock.close()
        for c in self.clients:
            c.close()


def notifier_config(port):
    # The notifier keeps its default 30 s timeout: that is what a stop would wait for.
    return f"""
[alerts]
group_interval = "12h"
retry_base = "1s"

[[notifier]]
name = "ops-mail"
type = "smtp"
url = "smtp://127.0.0.1:{port}"
starttls = false
from = "Pantau <pantau@kopisenja.example>"
to = ["cx@kopisenja.example"]
message_domain = "kopisenja.example"
"""


class AlertSigterm(unittest.TestCase):
    def outbox(self):
        return self.ws.rows("SELECT kind, status, attempts, sent_at FROM alert_outbox")

    def test_sigterm_abandons_a_stalled_delivery_and_the_next_start_sends_it(self):
        ws = self.ws = Workspace(self)
        ws.write_jsonl(storm_lines())
        stalled = StalledSmtp(self)
        ws.write_config(extra_source=notifier_config(stalled.port), batch=200)
        p = ws.start()
        self.assertTrue(stalled.connected.wait(timeout=60), "pantaud never connected to the SMTP server")

        asked = time.monotonic()
        p.send_signal(signal.SIGTERM)
        try:
            code = p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.fail("pantaud did not exit within 5 s of SIGTERM:\n" + ws.log_of(p))
        took = time.monotonic() - asked
        print(f"\npantaud exited {took:.2f}s after SIGTERM with a stalled SMTP delivery", file=sys.stderr)
        self.assertEqual(code, 0, ws.log_of(p))
        self.assertLess(took, 5.0)
        log = ws.log_of(p)
        self.assertIn("ALERT_DELIVERY_ABORTED", log)
        self.assertNotIn("ALERT_SENT", log)
        # Still to be sent: pending, no attempt counted, never marked sent.
        self.assertEqual(self.outbox(), [("alert", "pending", 0, None)])

        # The next start, against a working server, sends it exactly once.
        sink = Sink(self, free_port(), os.path.join(ws.dir, "mail"))
        sink.start()
        ws.write_config(extra_source=notifier_config(sink.port), batch=200)
        p = ws.start()
        wait_for(lambda: [r[1] for r in self.outbox()] == ["sent"], timeout=60, what="the row marked sent")
        self.assertEqual(ws.stop(p), 0)
        self.assertEqual(len(sink.mails()), 1)
        # One attempt: the abandoned one was not counted.
        self.assertEqual([r[:3] for r in self.outbox()], [("alert", "sent", 1)])


if __name__ == "__main__":
    unittest.main()
