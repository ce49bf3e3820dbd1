#!/usr/bin/python3
"""Seeds the fuzz corpora (build/fuzz/corpus/<target>/) from the fixtures
at fuzz time, so no corpus is committed: every fixture file becomes a seed
of the readers that take its kind (with the selector byte each target
reads first), each platform's fixture trees become whole-export seeds of
that platform's target, and a few converter strings are added by hand.
Usage: seeds.py CORPUS_DIR TARGET..."""

import gzip
import hashlib
import io
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "fixtures")
SEP = b"\0SEP"
MAX_SEED = 64 * 1024

CONVERT = [
    b"Wed Oct 10 20:19:24 +0000 2018", b"2020-01-20T21:42:09.068Z",
    b"2019-04-03T08:13:57.000+02:00", b"2022-09-08 04:10:18 UTC",
    b"2015-01-24 02:02:37 +0000", b"1577836800", b"1577836800123",
    b"Tue Aug 30 14:33:11 UTC 2022", b"Fri Sep  2 08:00:00 GMT 2022",
    b"9 Sept 2022", b"1/8/18, 6:14 PM", b"2024-09-05 UTC",
    b"50.05\xc2\xb0, 14.34\xc2\xb0", b"geo:27.72,-97.34",
    b"lat 35.3 \xc2\xb1 16.29 meters, long 46.0 \xc2\xb1 16.29 meters",
    b"Tom &amp; Jerry &#39;x&#39; &#x1F600; &bogus;",
    b"Mobiloverf\xc3\x83\xc2\xb8rsler",
    b"\xc3\x88ve met EVE's friend Evelyn Example\0Eve\nEvelyn Example\n@robin",
]


def fixture_files():
    for dirpath, _, files in os.walk(FIXTURES):
        for f in sorted(files):
            p = os.path.join(dirpath, f)
            if os.path.getsize(p) <= MAX_SEED:
                yield p


def export_trees(platform):
    pdir = os.path.join(FIXTURES, platform)
    trees = []
    for d in (sorted(os.listdir(pdir)) if os.path.isdir(pdir) else []):
        t = os.path.join(pdir, d, "export")
        if os.path.isdir(t):
            trees.append(t)
    if platform == "twitter":
        demo = os.path.join(FIXTURES, "demo")
        trees += [os.path.join(demo, d) for d in sorted(os.listdir(demo))
                  if os.path.isdir(os.path.join(demo, d))]
    return trees


def zip_seeds():
    """Small X exports as zips (deflated, deflated with zip64 records,
    stored, with a "./" prefix), for the direct zip reader."""
    members = []
    for tree in export_trees("twitter")[:2]:
        for dirpath, _, fs in os.walk(tree):
            for f in sorted(fs):
                p = os.path.join(dirpath, f)
                if f.endswith(".js") and os.path.getsize(p) <= MAX_SEED // 4:
                    members.append((os.path.relpath(p, tree), read(p)))
    out = []
    for how in ("deflate", "zip64", "store", "dot"):
        buf = io.BytesIO()
        comp = zipfile.ZIP_STORED if how == "store" else zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(buf, "w", comp) as z:
            for name, data in members[:6]:
                name = "./" + name if how == "dot" else name
                with z.open(name, "w", force_zip64=how == "zip64") as f:
                    f.write(data)
        if buf.tell() <= MAX_SEED - 1:
            out.append(buf.getvalue())
    return out


def read(p):
    with open(p, "rb") as f:
        return f.read()


DUPLICATE_KEYS = [
    (2, b'{"orderedItems": [], "totalItems": 2, "orderedItems": [1, 2]}'),
    (2, b'{"orderedItems": [{"a": 1, "a": 2}], "orderedItems": [3]}'),
    (2, b'{"orderedItems": [1], "orderedItems": null}'),
    (6, b'{"a": {"b": [1], "b": [2]}, "a": {"c": 0, "b": [3]}}'),
    (6, b'{"a": {"b": [1]}, "a": {"c": [2]}}'),
]


def save(d, data):
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def seed(corpus, target):
    d = os.path.join(corpus, target)
    files = list(fixture_files())
    if target == "json":
        for p in files:
            if p.endswith(".js"):
                for sel in (1, 3, 5, 9):
                    save(d, bytes([sel]) + read(p))
            elif p.endswith(".json"):
                for sel in (0, 4, 2):
                    save(d, bytes([sel]) + read(p))
        # duplicate keys on the streamed path (last wins, issue 18):
        # selector 2 streams "orderedItems", 6 streams "a.b"
        for sel, text in DUPLICATE_KEYS:
            save(d, bytes([sel]) + text)
    elif target == "csv":
        for p in files:
            if p.endswith(".csv"):
                save(d, b"\0" + read(p))
                save(d, b"\0" + read(p).decode("utf-8", "replace")
                     .encode("utf-16"))
    elif target == "register":
        for p in files:
            if p.endswith(".csv"):
                save(d, read(p))
    elif target == "convert":
        for s in CONVERT:
            save(d, s)
    elif target == "gzraw":
        for p in files[:40]:
            data = read(p)
            save(d, gzip.compress(data, mtime=0))
            save(d, gzip.compress(data[:100], mtime=0) +
                 gzip.compress(data[100:], mtime=0) + b"\0" * 16)
    elif target == "zipraw":
        for z in zip_seeds():
            for sel in (0, 15, 255):
                save(d, bytes([sel]) + z)
    elif target.startswith("platform_"):
        for tree in export_trees(target[len("platform_"):]):
            members = []
            for dirpath, _, fs in os.walk(tree):
                for f in sorted(fs):
                    p = os.path.join(dirpath, f)
                    if os.path.getsize(p) > MAX_SEED:
                        continue
                    rel = os.path.relpath(p, tree).encode()
                    members.append(b"/" + rel + b"\n" + read(p))
                    save(d, members[-1])
            whole = SEP.join(members)
            if len(whole) <= 4 * MAX_SEED:
                save(d, whole)
    os.makedirs(d, exist_ok=True)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    for target in argv[1:]:
        seed(argv[0], target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
