"""The complaint queue worked from the CLI while pantaud keeps ingesting:
every action commits, the history records it, the brand's reply records the
first response, and the daemon neither blocks nor loses a line."""
import json
import unittest

from harness import Workspace, line, wait_for

COMPLAINT = "Pesanan saya di Kopi Senja udah 2 jam belum dateng, kecewa banget"


class ComplaintWorkflow(unittest.TestCase):
    def test_triage_while_the_daemon_runs(self):
        ws = Workspace(self)
        ws.write_jsonl([line(1, text=COMPLAINT), line(2)])
        ws.write_config(follow=True)
        p = ws.start()
        wait_for(lambda: ws.count() == 2, what="first lines")

        listed = json.loads(ws.pantau("complaints", "list", "-o", "json").stdout)
        self.assertEqual(len(listed), 1)
        cid = str(listed[0]["id"])
        self.assertEqual(listed[0]["status"], "open")

        # Triage actions interleaved with new input: both sides keep working.
        ws.pantau("complaints", "ack", cid, "--by", "sari")
        ws.write_jsonl([line(i) for i in range(3, 200)], mode="a")
        ws.pantau("complaints", "assign", cid, "budi", "--by", "sari")
        ws.pantau("complaints", "note", cid, "Sudah dicek ke outlet", "--by", "budi")
        # The brand answers on the same platform: the first response is recorded.
        ws.write_jsonl([line(900, text="Halo Kak, mohon maaf, kami cek ya", reply_to="m1",
                             author="kopisenja")], mode="a")
        wait_for(lambda: ws.count() == 200, what="the appended lines and the brand's reply")
        ws.pantau("complaints", "resolve", cid, "--by", "budi", "--note", "refund sent")

        bad = ws.pantau("complaints", "ack", cid, check=False)  # resolved: ack is not allowed
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("resolve", bad.stderr + bad.stdout)
        missing = ws.pantau("complaints", "show", "999999", check=False)
        self.assertEqual(missing.returncode, 1)

        shown = json.loads(ws.pantau("complaints", "show", cid, "-o", "json").stdout)
        self.assertEqual(shown["status"], "resolved")
        self.assertEqual(shown["assignee"], "budi")
        self.assertIsNotNone(shown["first_response_at"])
        self.assertIsNotNone(shown["resolved_at"])
        actions = [h["action"] for h in shown["history"]]
        self.assertEqual(actions, ["opened", "ack", "assign", "note", "responded", "resolve"])
        self.assertEqual([h["actor"] for h in shown["history"] if h["action"] in ("ack", "resolve")], ["sari", "budi"])
        self.assertIsNone(p.poll(), "pantaud must keep running while the CLI writes")
        self.assertEqual(ws.stop(p), 0)
        self.assertEqual(ws.count(), 200)


if __name__ == "__main__":
    unittest.main()
