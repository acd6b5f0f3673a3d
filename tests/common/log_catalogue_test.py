"""Every log message id used in the code is documented in docs/log-messages.md,
and every documented id is still used: the catalogue is an operator interface."""
import os
import re
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CALL = re.compile(r'log::(?:debug|info|warn|error|write)\(\s*(?:log::Level::\w+,\s*)?"([A-Z][A-Z0-9_]+)"')
SOURCES = ("common", "sentiment", "connectors", "storage", "alerts", "complaints", "daemon", "cli")


def used_ids():
    ids = {}
    for top in SOURCES:
        for dirpath, _, files in os.walk(os.path.join(ROOT, top)):
            for name in files:
                if name.endswith((".cpp", ".hpp")):
                    path = os.path.join(dirpath, name)
                    with open(path, encoding="utf-8") as f:
                        for m in CALL.finditer(f.read()):
                            ids.setdefault(m.group(1), os.path.relpath(path, ROOT))
    return ids


def documented_ids():
    with open(os.path.join(ROOT, "docs", "log-messages.md"), encoding="utf-8") as f:
        return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", f.read(), re.M))


class LogCatalogue(unittest.TestCase):
    def test_every_used_id_is_documented(self):
        missing = {i: p for i, p in used_ids().items() if i not in documented_ids()}
        self.assertEqual(missing, {}, "add these ids to docs/log-messages.md")

    def test_every_documented_id_is_used(self):
        stale = documented_ids() - set(used_ids())
        self.assertEqual(stale, set(), "these ids are documented but no longer logged")


if __name__ == "__main__":
    unittest.main()
