#!/usr/bin/env python3
"""Writes the standard case.json set for one connector (then run the walker
with PANTAU_UPDATE_GOLDEN=1 once and review every expected.jsonl by hand).

    make_cases.py <connector-folder> <spec.json>

spec.json: {"source": {...}, "query": "...", "cases": {"<name>": {overrides}}}
Overrides are merged into the case (a null value removes a key).
"""
import json
import os
import sys


def merge(base, over):
    out = dict(base)
    for k, v in over.items():
        if v is None:
            out.pop(k, None)
        elif isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = v
    return out


def main():
    folder, spec_path = sys.argv[1], sys.argv[2]
    with open(spec_path) as f:
        spec = json.load(f)
    base = {"source": spec["source"]}
    if "query" in spec:
        base["query"] = spec["query"]
    for name, over in spec["cases"].items():
        case = merge(base, over)
        d = os.path.join(folder, "cases", name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "case.json"), "w") as f:
            json.dump(case, f, indent=2, ensure_ascii=False)
            f.write("\n")
        open(os.path.join(d, "expected.jsonl"), "a").close()


if __name__ == "__main__":
    main()
