"""SIGKILL during a 50,000-line replay, then restart: every valid line is
stored exactly once (the cursor commits with its batch)."""
import json
import signal
import sqlite3
import unittest

from harness import Workspace, line, wait_for

TOTAL = 50_000


class CrashRestart(unittest.TestCase):
    def test_sigkill_mid_replay_then_restart_stores_every_valid_line_once(self):
        ws = Workspace(self)
        lines = []
        for i in range(TOTAL):
            lines.append(line(i))
            if i % 5000 == 1234:
                lines.append('{"id": "bad-%d", "text": 1}' % i)  # malformed: skipped
        ws.write_jsonl(lines)
        ws.write_config(batch=100)
        kills = 0
        # Kill it twice at different points, then let it finish.
        for threshold in (4_000, 20_000):
            p = ws.start()
            wait_for(lambda: ws.count() >= threshold, timeout=120, what=f"{threshold} rows")
            p.send_signal(signal.SIGKILL)
            p.wait()
            kills += 1
            self.assertLess(ws.count(), TOTAL, "the replay finished before the kill; the test proves nothing")
        p = ws.start()
        wait_for(lambda: ws.count() == TOTAL, timeout=180, what="all rows after restart")
        self.assertEqual(ws.stop(p), 0)
        con = sqlite3.connect(ws.db)
        ids = {r[0] for r in con.execute("SELECT native_id FROM mentions")}
        self.assertEqual(len(ids), TOTAL)
        self.assertEqual(ids, {f"m{i}" for i in range(TOTAL)})
        self.assertEqual(con.execute("SELECT SUM(total) FROM buckets WHERE dim = ''").fetchone()[0], TOTAL)
        self.assertEqual(kills, 2)


if __name__ == "__main__":
    unittest.main()
