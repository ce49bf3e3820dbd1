"""The Bluesky part of the evaluation corpus (see eval.py): a made-up
account repository as Settings > Account > "Export my data" gives it
(repo.car: a CAR of DAG-CBOR blocks, the signed commit, the MST and the
records app.bsky.feed.post (replies among them), app.bsky.feed.like,
app.bsky.graph.follow;
the shapes of fixtures/bluesky/repo-2024 and shared FORMATS.md), built by
tests/tools/mkcar.py. Posts carry the shared labelled texts (texts.py).
Other accounts are known by DID only, so the register gives each client's
DID. Every DID and post is invented.
"""
import os
import sys

from texts import TEXTS, TEXT_WHEN, clients_csv

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tools"))
import mkcar  # noqa: E402

ME = "did:plc:ex4mplesamcaseworker00000"


def did(name):
    return "did:plc:ex4mple%s" % (name + "0" * 24)[:24]


IDS = {"C-101": "bluesky:" + did("dfair"), "C-102": "bluesky:" + did("evemarsh"),
       "C-103": "bluesky:" + did("priya"), "C-104": "bluesky:" + did("tnowak"),
       "C-105": "bluesky:" + did("chloed"), "C-106": "bluesky:" + did("mbell"),
       "C-107": "bluesky:" + did("graceok"), "C-108": "bluesky:" + did("leonp")}

# (account, day, expect, why): follows and likes
PEOPLE = [
    ("dfair", "2023-02-10", "flag", "a current client"),
    ("evemarsh", "2023-03-01", "flag", "a current client"),
    ("graceok", "2023-04-01", "flag", "a current client"),
    ("priya", "2023-05-01", "flag", "a former client the agency keeps flagged"),
    ("chloed", "2023-06-01", "flag", "a client during her case"),
    ("jofriend", "2023-02-11", "no-flag", "a friend"),
    ("leonp", "2023-06-02", "no-flag", "two years after Leon Price's case ended"),
    ("mbell", "2023-03-02", "no-flag", "before Marcus Bell became a client"),
    ("dfair2", "2023-03-03", "no-flag", "a DID that starts like a client's"),
    ("library", "2023-03-04", "no-flag", "the library"),
]


def rkey(kind, i):
    return "3k%s%09d" % (kind, i)


def uri(coll, key):
    return "at://%s/%s/%s" % (ME, coll, key)


def render(export, root):
    tree = os.path.join(root, "export")
    os.makedirs(tree, exist_ok=True)
    recs = {}
    for n, text, *_ in TEXTS:
        recs["app.bsky.feed.post/" + rkey("p", n)] = {
            "$type": "app.bsky.feed.post", "text": text, "langs": ["en"],
            "createdAt": TEXT_WHEN.replace("Z", ".000Z")}
    for i, (who, d, *_) in enumerate(PEOPLE):
        recs["app.bsky.graph.follow/" + rkey("f", i)] = {
            "$type": "app.bsky.graph.follow", "subject": did(who),
            "createdAt": d + "T10:00:00.000Z"}
        recs["app.bsky.feed.like/" + rkey("l", i)] = {
            "$type": "app.bsky.feed.like", "createdAt": d + "T11:00:00.000Z",
            "subject": {"uri": "at://%s/app.bsky.feed.post/3kx%09d" % (did(who), i),
                        "cid": "bafyreib2rxk3rybk3aobmv5cjuql3bm2twh4jo5uxgf5dpp4cf5sajxoci"}}
        # a reply to one of their posts: engagement, as on X
        parent = {"uri": "at://%s/app.bsky.feed.post/3ky%09d" % (did(who), i),
                  "cid": "bafyreib2rxk3rybk3aobmv5cjuql3bm2twh4jo5uxgf5dpp4cf5sajxoci"}
        recs["app.bsky.feed.post/" + rkey("r", i)] = {
            "$type": "app.bsky.feed.post", "text": "Good point, thanks.",
            "langs": ["en"], "createdAt": d + "T12:00:00.000Z",
            "reply": {"root": parent, "parent": parent}}
    car = mkcar.build({"did": ME, "rev": "3keval", "records": recs})
    with open(os.path.join(tree, "repo.car"), "wb") as f:
        f.write(car)
    with open(os.path.join(root, "clients.csv"), "w", encoding="utf-8") as f:
        f.write(clients_csv(ids=IDS))
    with open(os.path.join(root, "policy.json"), "w") as f:
        f.write('{"version": 1}')
    return tree


def items():
    out = []
    for n, text, rule, expect, why, cls in TEXTS:
        it = {"id": uri("app.bsky.feed.post", rkey("p", n)), "rule": rule,
              "expect": expect, "why": why, "cls": cls}
        if rule == "client-mention" and cls == "common-word" and \
                expect == "flag":
            it.update(confidence="possible", evidence=["weak:"])
        out.append(it)
    for i, (who, d, expect, why) in enumerate(PEOPLE):
        out.append({"id": did(who), "rule": "client-connection",
                    "expect": expect, "why": "follows " + why})
        out.append({"id": uri("app.bsky.feed.like", rkey("l", i)),
                    "rule": "client-engagement", "expect": expect,
                    "why": "liked a post of " + why})
        out.append({"id": uri("app.bsky.feed.post", rkey("r", i)),
                    "rule": "client-engagement", "expect": expect,
                    "why": "replied to a post of " + why})
    return out


EXPORTS = [
    {"name": "bluesky-main", "platform": "bluesky", "render": render,
     "args": ["--clients", "clients.csv", "--policy", "policy.json",
              "--since", "2023-01-01", "--until", "2023-12-31"],
     "items": items()},
]
