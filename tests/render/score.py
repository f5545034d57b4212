#!/usr/bin/env python3
"""Score the render matrix: how much of each rendered report the importer reads back.

Usage: tests/render/score.py [--quiet]      ($NIANBAO, default target/debug/nianbao)

For every file tests/render/out/NAME.RENDERER.EXT it runs `$NIANBAO dump FILE`
and compares it, key by key, with `$NIANBAO dump saved_examples/NAME.ron` (the
source the rendering was made from). Nothing is ignored: meta.agency,
meta.year, meta.format, meta.date and every table cell count. It prints, per
file, the number of dump lines equal / total and the first five differing keys
(`key: got != want`), or `unreadable` with the binary's message when dump
fails; then a matrix: renderer x (exactly equal files / files) and the mean
fraction of equal lines.

Exit status is 0 whatever the scores are (this is a measurement, not a test);
2 if the binary or the sources cannot be run at all.

Python 3 standard library only.
"""

import os
import subprocess
import sys
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "out")
NIANBAO = os.environ.get("NIANBAO", "target/debug/nianbao")
TIMEOUT = 120


def dump(path):
    """(dict key -> value in order, None) or (None, error message)."""
    try:
        p = subprocess.run(
            [NIANBAO, "dump", path],
            cwd=ROOT,
            capture_output=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return None, f"timed out after {TIMEOUT}s"
    if p.returncode != 0:
        msg = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, f"exit {p.returncode}: {msg[0] if msg else ''}"
    d = OrderedDict()
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        k, _, v = line.partition("=")
        d[k] = v
    return d, None


def split_name(fname):
    """clean.pdftotext-layout.txt -> ("clean", "pdftotext-layout.txt")."""
    name, _, renderer = fname.partition(".")
    return name, renderer


def main():
    quiet = "--quiet" in sys.argv[1:]
    exe = NIANBAO if os.path.isabs(NIANBAO) else os.path.join(ROOT, NIANBAO)
    if not os.access(exe, os.X_OK):
        print(f"score.py: cannot run {NIANBAO}", file=sys.stderr)
        return 2
    files = sorted(f for f in os.listdir(OUT) if not f.startswith("."))
    want_cache = {}
    # renderer -> [exact, files, sum of fractions, unreadable]
    matrix = OrderedDict()
    names = []
    for fname in files:
        name, renderer = split_name(fname)
        if name not in names:
            names.append(name)
        if name not in want_cache:
            src = os.path.join("saved_examples", name + ".ron")
            want, err = dump(src)
            if want is None:
                print(f"score.py: cannot dump {src}: {err}", file=sys.stderr)
                return 2
            want_cache[name] = want
        want = want_cache[name]
        got, err = dump(os.path.join("tests", "render", "out", fname))
        m = matrix.setdefault(renderer, [0, 0, 0.0, 0])
        m[1] += 1
        total = len(want)
        if got is None:
            m[3] += 1
            if not quiet:
                print(f"{fname:<48} 0/{total}  unreadable ({err})")
            continue
        diff = [k for k in want if got.get(k) != want[k]]
        extra = [k for k in got if k not in want]
        equal = total - len(diff)
        m[2] += equal / total
        if not diff and not extra:
            m[0] += 1
        if not quiet:
            shown = ", ".join(
                f"{k}: {got.get(k, '(missing)')!r} != {want[k]!r}" for k in diff[:5]
            )
            more = f" (+{len(diff) - 5} more)" if len(diff) > 5 else ""
            ex = f"  extra keys: {extra[:5]}" if extra else ""
            print(f"{fname:<48} {equal}/{total}  {shown}{more}{ex}".rstrip())

    print()
    print(f"sources: {len(names)} ({', '.join(names)})")
    w = max(len(r) for r in matrix) if matrix else 8
    print(f"{'renderer':<{w}}  exact/files  mean equal lines  unreadable")
    for r, (exact, n, frac, unread) in matrix.items():
        print(f"{r:<{w}}  {exact:>5}/{n:<5}  {100 * frac / n:>15.1f}%  {unread:>10}")
    te = sum(m[0] for m in matrix.values())
    tn = sum(m[1] for m in matrix.values())
    print(f"{'all':<{w}}  {te:>5}/{tn:<5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
