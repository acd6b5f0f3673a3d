"""The README's demo: pantaud on examples/pantau.toml works offline and its
data tells the story it should (praise, complaints, spam, the last-day storm)."""
import json
import os
import sqlite3
import subprocess
import unittest

from harness import PANTAU, PANTAUD, Workspace, wait_for

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONFIG = os.path.join(ROOT, "examples", "pantau.toml")
DEMO = os.path.join(ROOT, "examples", "demo", "mentions.jsonl")


class Demo(unittest.TestCase):
    def test_demo_config_is_valid(self):
        r = subprocess.run([PANTAUD, "--check-config", "--config", CONFIG], capture_output=True, text=True, cwd=ROOT)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_demo_data_is_regenerated_byte_for_byte(self):
        r = subprocess.run(["python3", os.path.join(ROOT, "examples", "demo", "generate.py")], capture_output=True,
                           text=True, check=True)
        with open(DEMO, encoding="utf-8") as f:
            self.assertEqual(r.stdout, f.read())

    def test_demo_replays_offline_and_tells_its_story(self):
        ws = Workspace(self)
        with open(DEMO, encoding="utf-8") as f:
            lines = [json.loads(l) for l in f if l.strip()]
        p = subprocess.Popen([PANTAUD, "--config", CONFIG], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL,
                             env=dict(os.environ, PANTAU_DB=ws.db, NOTIFY_SOCKET=""))
        ws.procs.append(p)
        wait_for(lambda: ws.count() == len(lines), timeout=60, what="every demo line stored")
        self.assertEqual(ws.stop(p), 0)

        con = sqlite3.connect(ws.db)
        spam = con.execute("SELECT COUNT(*) FROM mentions WHERE spam = 1").fetchone()[0]
        self.assertGreater(spam, 20)
        # Every gambling promo is flagged as spam.
        slot = con.execute("SELECT COUNT(*), SUM(spam) FROM mentions WHERE text LIKE '%gacor%' OR text LIKE '%togel%'"
                           " OR text LIKE '%judol%'").fetchone()
        self.assertEqual(slot[0], slot[1])
        # The storm: the last afternoon has far more negative mentions than a usual one.
        day = lambda d: con.execute(
            "SELECT SUM(negative) FROM buckets WHERE dim = '' AND bucket_start >= strftime('%s', ?) "
            "AND bucket_start < strftime('%s', ?) + 86400", (d, d)).fetchone()[0]
        self.assertGreater(day("2026-08-21"), 3 * day("2026-08-14"))
        # Complaints were opened, and the brand's replies recorded first responses.
        self.assertGreater(con.execute("SELECT COUNT(*) FROM complaints").fetchone()[0], 100)
        self.assertGreater(con.execute("SELECT COUNT(*) FROM complaints WHERE first_response_at IS NOT NULL")
                           .fetchone()[0], 5)
        out = json.loads(subprocess.run([PANTAU, "--db", ws.db, "mentions", "-o", "json", "--since", "2026-08-21T07:00:00Z",
                                         "--until", "2026-08-21T10:00:00Z", "--sentiment", "negative", "--limit", "500"],
                                        capture_output=True, text=True, check=True).stdout)
        self.assertGreater(len(out), 60)
        self.assertTrue(any("QRIS" in m["text"] or "qris" in m["text"].lower() for m in out))


if __name__ == "__main__":
    unittest.main()
