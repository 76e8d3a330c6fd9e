#!/usr/bin/env python3
"""Independent cross-check of `harkje import uk-organogram` (standard library only).

Implements the import rules of docs/uk-organograms.md from scratch and prints,
per senior/junior pair, the measures that harkje's import report also gives:
posts, top posts, layers, max span, cycles and dangling references.

    python3 scripts/uk_organogram_check.py DIR            # table for every pair in DIR
    python3 scripts/uk_organogram_check.py DIR --compare HARKJE.tsv

With --compare, HARKJE.tsv is the table written by
`cargo run --example uk_organogram_table -- DIR` (same columns); the script
prints every pair whose numbers differ and exits 1 when any does.
"""

import csv
import glob
import os
import re
import sys

COLUMNS = ["pair", "posts", "top_posts", "layers", "max_span", "cycles", "dangling"]


def norm(h):
    return h.replace("\ufeff", "").strip().lower()


def is_eliminated(name):
    return re.sub(r"[\s'\".]", "", name).lower() in ("eliminated", "elminated")


def read(path):
    """Rows as dicts keyed by normalised header, with their line numbers; bad rows left out."""
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as fh:
        reader = csv.reader(fh)
        header = None
        rows = []
        for rec in reader:
            if header is None:
                header = [norm(h) for h in rec]
                continue
            if not rec or not any(c.strip() for c in rec):
                continue  # blank row
            if len(rec) != len(header):
                continue  # unreadable row
            rows.append(dict(zip(header, (c.strip() for c in rec))))
        return rows


def check(senior_path, junior_path):
    senior = [r for r in read(senior_path) if r.get("post unique reference", "")]
    junior = read(junior_path)
    sources = {r.get("source_file", "") for r in senior}
    multi = len(sources) > 1

    def scope(r):
        return r.get("source_file", "") if multi else ""

    # Live posts by (scope, ref), in order of first appearance; eliminated references.
    posts = {}  # (scope, ref) -> index
    reports = []  # raw reports-to of the first live row, with its scope
    eliminated = set()
    by_ref = {}
    for r in senior:
        key = (scope(r), r["post unique reference"])
        if is_eliminated(r.get("name", "")):
            eliminated.add(key)
            continue
        if key in posts:
            continue  # job share: first row's line wins
        posts[key] = len(reports)
        by_ref.setdefault(key[1], []).append(key)
        reports.append((key[0], r.get("reports to senior post", "")))
    for r in junior:
        reports.append((scope(r), r.get("reporting senior post", "")))
    n = len(reports)

    TOP, MISSING = -1, -2

    def resolve(sc, ref):
        if ref.upper() == "XX":
            return TOP
        if (sc, ref) in posts:
            return posts[(sc, ref)]
        found = by_ref.get(ref, [])
        if len(found) == 1:
            return posts[found[0]]
        return MISSING

    parent = [resolve(sc, ref) for sc, ref in reports]
    children = [[] for _ in range(n)]
    for i, p in enumerate(parent):
        if p >= 0:
            children[p].append(i)
    layer = [0] * n
    queue = [i for i in range(n) if parent[i] == TOP]
    for i in queue:
        layer[i] = 1
    head = 0
    while head < len(queue):
        v = queue[head]
        head += 1
        for c in children[v]:
            layer[c] = layer[v] + 1
            queue.append(c)
    # Cycles: walk up from every unreached post, marking as we go.
    state = [0] * n
    for v in queue:
        state[v] = 2
    cycles = 0
    for s in range(n):
        if state[s]:
            continue
        path = []
        cur = s
        while True:
            if state[cur] == 0:
                state[cur] = 1
                path.append(cur)
                if parent[cur] >= 0:
                    cur = parent[cur]
                    continue
                break
            if state[cur] == 1:
                cycles += 1
            break
        for x in path:
            state[x] = 2
    return {
        "posts": n,
        "top_posts": sum(1 for p in parent if p == TOP),
        "layers": max(layer) if n else 0,
        "max_span": max((len(c) for c in children), default=0),
        "cycles": cycles,
        "dangling": sum(1 for p in parent if p == MISSING),
    }


def table(directory):
    out = {}
    for senior in sorted(glob.glob(os.path.join(directory, "*-senior.csv"))):
        pair = os.path.basename(senior)[: -len("-senior.csv")]
        junior = senior[: -len("-senior.csv")] + "-junior.csv"
        out[pair] = check(senior, junior)
    return out


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    ours = table(argv[1])
    if len(argv) == 4 and argv[2] == "--compare":
        theirs = {}
        with open(argv[3], newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                theirs[row["pair"]] = {k: int(row[k]) for k in COLUMNS[1:]}
        diffs = 0
        for pair in sorted(set(ours) | set(theirs)):
            a, b = ours.get(pair), theirs.get(pair)
            if a != b:
                diffs += 1
                print(f"{pair}: python {a} harkje {b}")
        print(f"{len(ours)} pairs, {diffs} differ")
        return 1 if diffs else 0
    print("\t".join(COLUMNS))
    for pair, m in ours.items():
        print("\t".join([pair] + [str(m[k]) for k in COLUMNS[1:]]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
