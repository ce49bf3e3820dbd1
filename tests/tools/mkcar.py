#!/usr/bin/python3
"""mkcar.py: writes a synthetic Bluesky repository export (repo.car) from a
JSON description, so the binary fixtures under fixtures/bluesky/ can be
rebuilt and reviewed as text. Python 3 standard library only.

The output has the shape `com.atproto.sync.getRepo` returns (FORMATS.md
section 10): a CAR v1 file, i.e. varint(header length), the DAG-CBOR header
{"version": 1, "roots": [commit CID]}, then one section per block:
varint(length) CID data. Blocks are DAG-CBOR (CIDv1, codec 0x71, sha2-256):
first the commit {did, version: 3, data: MST root, rev, prev: null, sig},
then the Merkle search tree nodes {l, e: [{p, k, v, t}]} built by the
atproto rules (a key's layer is the number of leading zero bit pairs of
sha256(key)), then the records. The signature is 64 zero bytes: conduct does
not verify it, and no real key should sign test data.

Description (JSON):
  {"did": "did:plc:...", "rev": "3k...",
   "records": {"app.bsky.feed.post/3kabc": {"$type": "app.bsky.feed.post",
                                            "text": "...", ...}, ...}}
In record values {"$link": "bafy..."} becomes a CID link (tag 42) and
{"$bytes": "<base64>"} a byte string, as in atproto's JSON form.

Usage: mkcar.py DESCRIPTION.json OUT.car [--truncate N] [--records-first]
  --truncate N      cut the file N bytes before its end (a damaged download)
  --records-first   write the records first, then the tree, then the commit:
                    the order least kind to a streaming reader, which the
                    CAR format allows (every key and the account come last)
"""

import base64
import hashlib
import json
import sys


def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | extra]) + n.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


class Link:
    def __init__(self, cid):
        self.cid = cid


def cbor(v):
    """DAG-CBOR: definite lengths, map keys sorted by length then bytes."""
    if v is None:
        return b"\xf6"
    if v is True:
        return b"\xf5"
    if v is False:
        return b"\xf4"
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode("utf-8")
        return head(3, len(b)) + b
    if isinstance(v, Link):
        return head(6, 42) + cbor(b"\x00" + v.cid)
    if isinstance(v, list):
        return head(4, len(v)) + b"".join(cbor(x) for x in v)
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: (len(k.encode()), k.encode()))
        return head(5, len(v)) + b"".join(cbor(k) + cbor(v[k]) for k in keys)
    raise TypeError("cannot encode %r" % (v,))


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def cid_of(data):
    return bytes([1, 0x71, 0x12, 0x20]) + hashlib.sha256(data).digest()


def cid_text(cid):
    return "b" + base64.b32encode(cid).decode().lower().rstrip("=")


def cid_from_text(text):
    if not text.startswith("b"):
        raise ValueError("only base32 CIDs ('b...') are understood")
    body = text[1:].upper()
    return base64.b32decode(body + "=" * (-len(body) % 8))


def from_json(v):
    if isinstance(v, dict):
        if set(v) == {"$link"}:
            return Link(cid_from_text(v["$link"]))
        if set(v) == {"$bytes"}:
            return base64.b64decode(v["$bytes"])
        return {k: from_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [from_json(x) for x in v]
    return v


def layer(key):
    zeros = 0
    for byte in hashlib.sha256(key).digest():
        if byte == 0:
            zeros += 4
            continue
        for shift in (6, 4, 2, 0):
            if (byte >> shift) & 3:
                return zeros
            zeros += 1
        return zeros
    return zeros


def mst(entries, at, blocks):
    """The node at layer `at` over sorted (key, value CID, layer) entries;
    appends node blocks to `blocks` (parent first) and returns its CID."""
    here = [i for i, e in enumerate(entries) if e[2] == at]
    groups, start = [], 0
    for i in here:
        groups.append(entries[start:i])
        start = i + 1
    groups.append(entries[start:])

    slot = len(blocks)
    blocks.append(None)  # the parent goes before its subtrees

    def sub(group):
        return Link(mst(group, at - 1, blocks)) if group else None

    node = {"l": sub(groups[0]), "e": []}
    prev = b""
    for n, i in enumerate(here):
        key, value, _ = entries[i]
        p = 0
        while p < min(len(key), len(prev)) and key[p] == prev[p]:
            p += 1
        node["e"].append({"p": p, "k": key[p:], "v": Link(value),
                          "t": sub(groups[n + 1])})
        prev = key
    data = cbor(node)
    blocks[slot] = (cid_of(data), data)
    return blocks[slot][0]


def build(desc, records_first=False):
    records = []
    for key in sorted(desc["records"], key=lambda k: k.encode()):
        data = cbor(from_json(desc["records"][key]))
        records.append((key.encode(), cid_of(data), data))
    entries = [(k, c, layer(k)) for k, c, _ in records]
    nodes = []
    top = max((e[2] for e in entries), default=0)
    root = mst(entries, top, nodes)
    commit = cbor({"did": desc["did"], "version": 3, "data": Link(root),
                   "rev": desc["rev"], "prev": None, "sig": bytes(64)})
    blocks = [(cid_of(commit), commit)] + nodes + [(c, d) for _, c, d in
                                                   records]
    if records_first:
        blocks = blocks[1 + len(nodes):] + blocks[1:1 + len(nodes)] + \
            blocks[:1]
    header = cbor({"version": 1, "roots": [Link(cid_of(commit))]})
    out = bytearray(varint(len(header)) + header)
    for cid, data in blocks:
        out += varint(len(cid) + len(data)) + cid + data
    return bytes(out)


def main(argv):
    args = [a for a in argv[1:]]
    cut = 0
    if "--truncate" in args:
        i = args.index("--truncate")
        cut = int(args[i + 1])
        del args[i:i + 2]
    first = "--records-first" in args
    if first:
        args.remove("--records-first")
    if len(args) != 2:
        sys.stderr.write(__doc__.split("Usage: ")[1])
        return 2
    with open(args[0], encoding="utf-8") as f:
        desc = json.load(f)
    car = build(desc, first)
    if cut:
        car = car[:-cut]
    with open(args[1], "wb") as f:
        f.write(car)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
