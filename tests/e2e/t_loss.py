# No silent loss (issue 18): real shapes that used to lose records while
# the input still said "ok", and the mechanisms that now catch any such
# loss: last-wins over duplicate JSON keys (with a second read when a
# later occurrence replaces elements already read), declared totals
# compared with what was read, members that yield nothing, and like
# diagnostics grouped per member with a count.

import json
import os
import shutil

MASTODON = os.path.join(L.FIXTURES, "mastodon", "archive-zip-with-follows",
                        "export")


def _outbox(items, head_extra=None, first=None, total=None):
    """An outbox.json text; with first, "orderedItems" comes twice: first
    (a list) and then items, as a real export had it."""
    head = {"@context": "https://www.w3.org/ns/activitystreams",
            "id": "outbox.json", "type": "OrderedCollection",
            "totalItems": len(items) if total is None else total}
    head.update(head_extra or {})
    lines = ["{"] + ["  %s: %s," % (json.dumps(k), json.dumps(v))
                     for k, v in head.items()]
    if first is not None:
        lines.append('  "orderedItems": %s,' % json.dumps(first))
    lines.append('  "orderedItems": %s' % json.dumps(items, indent=1))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mastodon_tree(tmp, name, outbox_text):
    root = os.path.join(tmp, name)
    os.makedirs(root)
    for fn in ("actor.json", "likes.json"):
        shutil.copy(os.path.join(MASTODON, fn), os.path.join(root, fn))
    L.write(os.path.join(root, "outbox.json"), outbox_text)
    return root


def _items():
    with open(os.path.join(MASTODON, "outbox.json"), encoding="utf-8") as f:
        return json.load(f)["orderedItems"]


def _diags(archive, words):
    return [d for d in archive["diagnostics"]
            if all(w in d["message"] for w in words)]


@test
def loss_duplicate_key_reread(tmp):
    """orderedItems twice, the first holding two stale activities: the
    elements of the first were already handed over when the second came,
    so conduct reads the member again for the last occurrence, from a
    zip, a tar.gz (read from its start again) and a folder alike: posts 4
    and messages 2 as with one orderedItems, never 6 and 3, and a warning
    names the member, the key and the line."""
    items = _items()
    stale = [items[0], items[3]]
    tree = _mastodon_tree(tmp, "dup", _outbox(items, first=stale))
    plain = _mastodon_tree(tmp, "plain", _outbox(items))
    want = Scan(tmp, [plain], tag="plain").report["archives"][0]["counts"]
    probs = []
    check(want["posts"] == 4 and want["messages"] == 2,
          "reference counts %s" % want)
    z = L.mkarchive(os.path.join(tmp, "dup.zip"), tree)
    tgz = L.mkarchive(os.path.join(tmp, "dup.tar.gz"), tree)
    for inp, tag in ((z, "zip"), (tgz, "tgz"), (tree, "dir")):
        scan = Scan(tmp, [inp], tag=tag)
        a = scan.report["archives"][0]
        if a["counts"] != want:
            probs.append("%s: counts %s, want %s" % (tag, a["counts"], want))
        d = _diags(a, ('"orderedItems" occurs 2 times', "last is read"))
        if not d or d[0]["member"] != "outbox.json" or d[0]["line"] != 7:
            probs.append("%s: no warning on outbox.json line 7: %s" % (
                tag, a["diagnostics"]))
        if a["status"] != "ok-with-warnings" or scan.res.code != 0:
            probs.append("%s: status %s, exit %s" % (tag, a["status"],
                                                     scan.res.code))
        if "orderedItems" not in scan.res.err:
            probs.append("%s: stderr does not name the key" % tag)
        decl = a["coverage"]["declared"]
        if [(x["declared"], x["read"], x["status"]) for x in decl
                if x["member"] == "outbox.json"] != [(6, 6, "match")]:
            probs.append("%s: declared %s" % (tag, decl))
    fail_if(probs)


@test
def loss_declared_total(tmp):
    """totalItems against what was read: 1,500 declared and none read is
    an error (partial, exit 1, a coverage-gap finding); a total a little
    off is a warning (ok-with-warnings, exit 0); both are on the Coverage
    sheet, in the JSON and in `conduct inspect`."""
    probs = []
    empty = _mastodon_tree(tmp, "empty", _outbox([], total=1500))
    stale = _mastodon_tree(tmp, "stale", _outbox(_items(), total=7))
    for tree, tag, status, code, level in (
            (empty, "empty", "partial", 1, "error"),
            (stale, "stale", "ok-with-warnings", 0, "warning")):
        scan = Scan(tmp, [tree], tag=tag)
        a = scan.report["archives"][0]
        if a["status"] != status or scan.res.code != code:
            probs.append("%s: status %s exit %s" % (tag, a["status"],
                                                    scan.res.code))
        decl = [x for x in a["coverage"]["declared"]
                if x["key"] == "totalItems" and x["member"] == "outbox.json"]
        if len(decl) != 1 or decl[0]["status"] != level:
            probs.append("%s: declared %s" % (tag, decl))
        if not [d for d in _diags(a, ("declares",)) if
                d["severity"] == level]:
            probs.append("%s: no %s diagnostic: %s" % (tag, level,
                                                       a["diagnostics"]))
        rows = [r for r in L.open_workbook(scan.xlsx)["Coverage"]
                .iter_rows(values_only=True) if r[2] == "declared total"]
        if not any("totalItems" in (r[3] or "") for r in rows):
            probs.append("%s: no declared-total row on Coverage" % tag)
        ins = L.conduct("inspect", tree)
        if "declared total: outbox.json \"totalItems\"" not in ins.out:
            probs.append("%s: inspect does not show it: %s" % (tag,
                                                               ins.out))
        if level == "error":
            gaps = [f for f in scan.report["findings"]
                    if f["rule"] == "coverage-gap" and
                    "declares" in f["evidence"]]
            if not gaps:
                probs.append("no coverage-gap finding for the loss")
    fail_if(probs)


@test
def loss_member_yields_nothing(tmp):
    """An Instagram following.json in a shape conduct does not know (each
    entry's account in "label_values", as newer Meta files write other
    sections) holds entries but yields no follow: an
    error naming the member and its size, on stderr, in the JSON and on
    the Coverage sheet, and the input is partial (exit 1), never "ok, 0
    following"."""
    root = os.path.join(tmp, "ig")
    L.write(os.path.join(root, "connections", "followers_and_following",
                         "following.json"),
            json.dumps({"relationships_following": [
                {"timestamp": 1700000000, "label_values": [
                    {"label": "Username", "value": "a"}]}]}))
    L.write(os.path.join(root, "connections", "followers_and_following",
                         "followers_1.json"),
            json.dumps([{"title": "", "media_list_data": [],
                         "string_list_data": [
                             {"href": "https://www.instagram.com/b",
                              "value": "b", "timestamp": 1700000000}]}]))
    size = os.path.getsize(os.path.join(
        root, "connections", "followers_and_following", "following.json"))
    scan = Scan(tmp, [root], tag="ig")
    a = scan.report["archives"][0]
    probs = []
    d = _diags(a, ("yielded no record", "%d bytes" % size))
    if not d or not d[0]["member"].endswith("following.json") or \
            d[0]["severity"] != "error":
        probs.append("no error on following.json: %s" % a["diagnostics"])
    if a["status"] != "partial" or scan.res.code != 1:
        probs.append("status %s exit %s" % (a["status"], scan.res.code))
    if "following.json" not in scan.res.err or \
            "yielded no record" not in scan.res.err:
        probs.append("stderr: %s" % scan.res.err)
    rows = [r for r in L.open_workbook(scan.xlsx)["Coverage"]
            .iter_rows(values_only=True) if r[2] == "error"]
    if not any("yielded no record" in (r[3] or "") for r in rows):
        probs.append("no Coverage row")
    fail_if(probs)


@test
def loss_grouped_diagnostics(tmp):
    """Forty tweets with an unreadable date give one diagnostic with a
    count of 40 and the first five items (one stderr line, one Coverage
    row), not forty; a file the manifest lists that is missing and that
    no rule reads is a note and does not make the input partial,
    while a missing file a rule needs stays an error."""
    tweets = [L.tweet(100 + i, "plain words %d" % i, when="yesterday")
              for i in range(40)]
    root = L.twitter_export(os.path.join(tmp, "x"), tweets=tweets)
    scan = Scan(tmp, [root], tag="x")
    a = scan.report["archives"][0]
    probs = []
    d = _diags(a, ("created_at",))
    if len(d) != 1 or d[0]["count"] != 40 or d[0]["items"] != [0, 1, 2, 3,
                                                               4]:
        probs.append("dates: %s" % d)
    lines = [ln for ln in scan.res.err.splitlines() if "created_at" in ln]
    if len(lines) != 1 or "40 times" not in lines[0]:
        probs.append("stderr: %s" % lines)
    rows = [r for r in L.open_workbook(scan.xlsx)["Coverage"]
            .iter_rows(values_only=True) if "created_at" in (r[3] or "")]
    if len(rows) != 1 or "40 times" not in rows[0][3]:
        probs.append("Coverage rows: %s" % rows)

    # the manifest lists ad impressions (no rule) and a DM file (a rule)
    man_path = os.path.join(root, "data", "manifest.js")
    with open(man_path, encoding="utf-8") as f:
        man = json.loads(f.read().split("=", 1)[1])
    man["dataTypes"]["adImpressions"] = {"files": [
        {"fileName": "data/ad-impressions.js",
         "globalName": "YTD.ad_impressions.part0", "count": "12"}]}
    L.write(man_path, "window.__THAR_CONFIG = " + json.dumps(man, indent=1))
    scan = Scan(tmp, [root], tag="notes")
    a = scan.report["archives"][0]
    n = _diags(a, ("ad-impressions.js",))
    if len(n) != 1 or n[0]["severity"] != "note":
        probs.append("missing ad impressions: %s" % n)
    if a["status"] == "partial":
        probs.append("a missing file no rule reads made it partial")
    man["dataTypes"]["directMessages"] = {"files": [
        {"fileName": "data/direct-messages.js",
         "globalName": "YTD.direct_messages.part0", "count": "3"}]}
    L.write(man_path, "window.__THAR_CONFIG = " + json.dumps(man, indent=1))
    scan = Scan(tmp, [root], tag="dm")
    a = scan.report["archives"][0]
    e = _diags(a, ("direct-messages.js",))
    if len(e) != 1 or e[0]["severity"] != "error" or \
            a["status"] != "partial":
        probs.append("missing direct messages: %s, %s" % (e, a["status"]))
    fail_if(probs)
