"""pantaud end to end: replay, SIGTERM, pantau's output, reload, systemd notify."""
import json
import os
import signal
import subprocess
import time
import unittest

from harness import PANTAU, PANTAUD, NotifySocket, Workspace, line, wait_for


class DaemonReplay(unittest.TestCase):
    def test_duplicates_and_malformed_lines_leave_exactly_the_unique_valid_lines(self):
        ws = Workspace(self)
        lines = [line(i) for i in range(200)]
        lines.insert(50, line(10))                            # duplicate id
        lines.insert(60, '{"id": "broken", "created_at": ')   # truncated JSON
        lines.insert(70, '{"id": "no-time", "text": "Kopi Senja"}')
        lines.insert(80, line(500, text="Kopi Senja kopinya dingin, kecewa", source="appstore", rating=1))
        lines.insert(90, line(501, text="nothing about the brand"))  # filtered by the watch query
        lines.insert(95, "")                                     # blank lines are ignored
        ws.write_jsonl(lines)
        ws.write_config(batch=37)
        p = ws.start()
        wait_for(lambda: ws.count() == 201, what="201 stored mentions")
        self.assertEqual(ws.stop(p), 0)
        log = ws.log_of(p)
        self.assertIn("REPLAY_LINE_SKIPPED", log)
        self.assertIn("line=61", log)  # index 60 in the list
        self.assertIn('reason="missing \\"created_at\\""', log)

        out = json.loads(ws.pantau("mentions", "-o", "json", "--limit", "1000").stdout)
        ids = sorted(m["native_id"] for m in out)
        self.assertEqual(ids, sorted([f"m{i}" for i in range(200)] + ["m500"]))
        m500 = next(m for m in out if m["native_id"] == "m500")
        for key in ("id", "watch", "source", "native_id", "created_at", "author", "url", "lang", "text", "score",
                    "label"):
            self.assertIn(key, m500)
        self.assertEqual(m500["watch"], "kopi")
        self.assertEqual(m500["source"], "appstore")
        self.assertEqual(m500["rating"], 1)
        self.assertEqual(m500["label"], "negative")
        self.assertTrue(m500["created_at"].endswith("Z"))

        # Filters, search and the other formats.
        neg = json.loads(ws.pantau("mentions", "-o", "json", "--sentiment", "negative").stdout)
        self.assertTrue(all(m["label"] == "negative" for m in neg))
        self.assertIn("m500", [m["native_id"] for m in neg])
        found = json.loads(ws.pantau("mentions", "-o", "json", "--search", "dingin").stdout)
        self.assertEqual([m["native_id"] for m in found], ["m500"])
        csv = ws.pantau("mentions", "-o", "csv", "--source", "appstore").stdout.splitlines()
        self.assertTrue(csv[0].startswith("id,watch,source,native_id"))
        self.assertEqual(len(csv), 2)
        bad = ws.pantau("mentions", "--search", '"unclosed', check=False)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("not a valid full-text query", bad.stderr)
        bad = ws.pantau("mentions", "--since", "last tuesday", check=False)
        self.assertEqual(bad.returncode, 2)

        stats = json.loads(ws.pantau("stats", "--since", "2026-08-01", "-o", "json").stdout)
        self.assertEqual(sum(r["total"] for r in stats), 201)
        status = ws.pantau("status", "-o", "json", check=False)
        self.assertEqual(status.returncode, 1)  # pantaud is stopped
        st = json.loads(status.stdout)
        self.assertFalse(st["running"])
        self.assertEqual(st["sources"][0]["skipped"], 2)
        self.assertEqual(st["sources"][0]["items"], 201)

    def test_restart_resumes_from_the_cursor_without_duplicates(self):
        ws = Workspace(self)
        ws.write_jsonl([line(i) for i in range(100)])
        ws.write_config()
        p = ws.start()
        wait_for(lambda: ws.count() == 100, what="first 100")
        self.assertEqual(ws.stop(p), 0)
        ws.write_jsonl([line(i) for i in range(100, 150)], mode="a")
        p = ws.start()
        wait_for(lambda: ws.count() == 150, what="150 after restart")
        wait_for(lambda: ws.cursor() == str(os.path.getsize(ws.jsonl)), what="cursor at end of file")
        self.assertEqual(ws.stop(p), 0)
        self.assertEqual(ws.count(), 150)

    def test_follow_reads_appended_lines_and_sigterm_exits_quickly(self):
        ws = Workspace(self)
        ws.write_jsonl([line(i) for i in range(10)])
        ws.write_config(follow=True)
        p = ws.start()
        wait_for(lambda: ws.count() == 10, what="first 10")
        with open(ws.jsonl, "a", encoding="utf-8") as f:
            f.write(line(10) + "\n" + line(11)[:20])  # the second line is still being written
            f.flush()
            wait_for(lambda: ws.count() == 11, what="the appended line")
            f.write(line(11)[20:] + "\n")
        wait_for(lambda: ws.count() == 12, what="the completed line")
        started = time.monotonic()
        self.assertEqual(ws.stop(p), 0)
        self.assertLess(time.monotonic() - started, 5.0)

    def test_check_config_exit_codes(self):
        ws = Workspace(self)
        ws.write_jsonl([line(0)])
        ws.write_config()
        ok = subprocess.run([PANTAUD, "--check-config", "--config", ws.config], capture_output=True, text=True)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        with open(ws.config, "a") as f:
            f.write("bogus_key = 1\n")
        bad = subprocess.run([PANTAUD, "--check-config", "--config", ws.config], capture_output=True, text=True)
        self.assertEqual(bad.returncode, 78)
        self.assertIn(ws.config + ":", bad.stderr)
        self.assertIn("bogus_key", bad.stderr)
        sample = subprocess.run([PANTAUD, "--print-sample-config"], capture_output=True, text=True)
        self.assertEqual(sample.returncode, 0)
        self.assertIn('type = "replay"', sample.stdout)

    def test_sighup_keeps_the_old_config_when_the_new_one_is_bad(self):
        ws = Workspace(self)
        ws.write_jsonl([line(i) for i in range(5)])
        ws.write_config(follow=True)
        p = ws.start()
        wait_for(lambda: ws.count() == 5, what="first 5")
        with open(ws.config) as f:
            good = f.read()
        with open(ws.config, "w") as f:
            f.write(good + "\n[[source]]\ntype = \"replay\"\nwatch = \"missing\"\npath = \"x\"\n")
        p.send_signal(signal.SIGHUP)
        wait_for(lambda: "CONFIG_RELOAD_FAILED" in ws.log_of(p), what="the reload failure")
        ws.write_jsonl([line(5)], mode="a")
        wait_for(lambda: ws.count() == 6, what="the old config still ingesting")
        # A good new config: a second replay file is picked up.
        second = os.path.join(ws.dir, "second.jsonl")
        with open(second, "w") as f:
            f.write(line(900, source="mastodon") + "\n")
        with open(ws.config, "w") as f:
            f.write(good + f'\n[[source]]\ntype = "replay"\nname = "second"\nwatch = "kopi"\npath = "{second}"\n')
        p.send_signal(signal.SIGHUP)
        wait_for(lambda: ws.count() == 7, what="the new source")
        self.assertIn("CONFIG_RELOADED", ws.log_of(p))
        self.assertEqual(p.poll(), None)
        self.assertEqual(ws.stop(p), 0)

    def test_systemd_notify_ready_status_and_watchdog(self):
        ws = Workspace(self)
        ws.write_jsonl([line(i) for i in range(3)])
        ws.write_config()
        sock = NotifySocket(ws.dir)
        self.addCleanup(sock.close)
        p = ws.start(env={"NOTIFY_SOCKET": sock.path, "WATCHDOG_USEC": "400000"})
        wait_for(lambda: sock.seen("READY=1"), what="READY=1")
        wait_for(lambda: sock.seen("STATUS="), what="STATUS=")
        wait_for(lambda: sum("WATCHDOG=1" in m for m in sock.drain()) >= 2, what="two watchdog pings")
        self.assertEqual(ws.stop(p), 0)
        wait_for(lambda: sock.seen("STOPPING=1"), what="STOPPING=1")

    def test_second_daemon_on_the_same_database_is_refused(self):
        ws = Workspace(self)
        ws.write_jsonl([line(0)])
        ws.write_config(follow=True)
        p = ws.start()
        wait_for(lambda: ws.count() == 1, what="first daemon")
        q = ws.start()
        self.assertEqual(q.wait(timeout=10), 1)
        self.assertIn("another pantaud", ws.log_of(q))
        status = json.loads(ws.pantau("status", "-o", "json").stdout)
        self.assertTrue(status["running"])
        self.assertEqual(status["pid"], p.pid)
        self.assertEqual(ws.stop(p), 0)


if __name__ == "__main__":
    unittest.main()
