"""Mastodon and Google location history beyond their fixture cases (issue
5): what a fixture tree cannot show on its own. Mastodon's follow, block
and mute lists are separate CSV downloads, so they are given as extra
parts of the same INPUT (archive.zip+following_accounts.csv, read by the
input layer as lone documents); the counterparts that the rules see
(direct-message recipients, group participants, mentioned accounts, owners
of liked posts in both URL shapes) are checked through client findings;
Google members are found under other languages' folder names, a foreign
Settings.json is refused, and a large Records.json is streamed.

Loaded by run.py (load_test_modules), which provides test, Scan, L, check,
fail_if and schema_problems."""

import json
import os
import shutil


def _case(platform, case):
    return os.path.join(L.FIXTURES, platform, case)


def _zip_case(tmp, platform, case, name):
    return L.mkarchive(os.path.join(tmp, name),
                       os.path.join(_case(platform, case), "export"))


def _pairs(report, rule=None):
    """(rule, client, record kind) of every finding."""
    return sorted((f.get("rule"), f.get("client"), f.get("record_kind"))
                  for f in report.get("findings") or []
                  if rule is None or f.get("rule") == rule)


@test
def mastodon_follow_lists_as_parts(tmp):
    case = _case("mastodon", "archive-zip-with-follows")
    z = _zip_case(tmp, "mastodon", "archive-zip-with-follows",
                  "sasha-archive.zip")
    csvs = [os.path.join(case, n) for n in (
        "following_accounts.csv", "blocked_accounts.csv",
        "muted_accounts.csv")]
    scan = Scan(tmp, ["+".join([z] + csvs)],
                ["--clients", os.path.join(case, "clients.csv")])
    check(scan.res.code == 0, scan.res.describe())
    a = L.archive_by_file(scan.report, "sasha-archive.zip")
    probs = []
    want = {k: 0 for k in L.COUNT_KEYS}
    want.update(posts=4, following=3, messages=2, likes=2, settings=3)
    if a.get("counts") != want:
        probs.append("counts %r, want %r" % (a.get("counts"), want))
    parts = [p.get("file") for p in a.get("parts") or []]
    if parts != ["sasha-archive.zip", "following_accounts.csv",
                 "blocked_accounts.csv", "muted_accounts.csv"]:
        probs.append("parts %r" % parts)
    parsed = {p["member"]: p["records"] for p in a["coverage"]["parsed"]}
    for member, n in (("following_accounts.csv", 3),
                      ("blocked_accounts.csv", 0),
                      ("muted_accounts.csv", 0), ("outbox.json", 6)):
        if parsed.get(member) != n:
            probs.append("%s gave %r records, want %d" % (
                member, parsed.get(member), n))
    if a["coverage"]["unrecognised"]:
        probs.append("unrecognised %r" % a["coverage"]["unrecognised"])
    if any("follow lists" in g for g in a["coverage"]["gaps"]):
        probs.append("the follow-list gap is reported although "
                     "following_accounts.csv was given")
    conn = [f for f in scan.report.get("findings") or []
            if f.get("rule") == "client-connection"]
    if [(f.get("client"), f["source"]["member"], f["source"].get("item"))
            for f in conn] != [("C-3202", "following_accounts.csv", 0)]:
        probs.append("client-connection findings %r" % conn)
    if ("client-message", "C-3201", "message") not in _pairs(scan.report):
        probs.append("no client-message for the direct note to riley")
    probs += schema_problems(scan.report)
    fail_if(probs)


@test
def mastodon_follow_list_alone(tmp):
    """A follow list given on its own is still a Mastodon input; the gap
    then says the archive itself is missing."""
    src = os.path.join(_case("mastodon", "archive-zip-with-follows"),
                       "following_accounts.csv")
    scan = Scan(tmp, [src])
    check(scan.res.code == 0, scan.res.describe())
    a = L.archive_by_file(scan.report, "following_accounts.csv")
    check(a.get("platforms") == ["mastodon"], "platforms %r" %
          a.get("platforms"))
    check(a["counts"]["following"] == 3, "counts %r" % a["counts"])
    check(any("no outbox.json" in g for g in a["coverage"]["gaps"]),
          "no gap for the missing archive: %r" % a["coverage"]["gaps"])


@test
def mastodon_counterparts(tmp):
    """Whom the rules see: the recipient of a direct note (a message, never
    a post), the mentioned account of a followers-only reply, both
    participants of a group direct note, and the owners of liked posts
    under /users/<name>/ and /@<name>/."""
    reg = L.register(os.path.join(tmp, "clients.csv"), [
        {"ref": "C-B", "names": "Bobby Sample",
         "handles": "mastodon:bob@mastodon.example",
         "active_from": "2019-01-01", "former": "no"},
        {"ref": "C-K", "names": "Kit Sample",
         "handles": "mastodon:@kit@town.example",
         "active_from": "2019-01-01", "former": "no"},
    ])
    probs = []
    z = _zip_case(tmp, "mastodon", "archive-targz", "robin.tar.gz")
    scan = Scan(tmp, [z], ["--clients", reg], tag="targz")
    check(scan.res.code == 0, scan.res.describe())
    got = _pairs(scan.report)
    for want in (("client-message", "C-B", "message"),
                 ("client-mention", "C-B", "post"),
                 ("client-engagement", "C-B", "like"),
                 ("client-engagement", "C-K", "like")):
        if want not in got:
            probs.append("robin: no %r in %r" % (want, got))
    if ("client-mention", "C-B", "message") in got:
        probs.append("robin: the direct note was read as a post")
    if len(_pairs(scan.report, "client-message")) != 1:
        probs.append("robin: client-message findings %r, want 1" %
                     _pairs(scan.report, "client-message"))
    z = _zip_case(tmp, "mastodon", "archive-zip-with-follows", "sasha.zip")
    scan = Scan(tmp, [z], ["--clients", reg], tag="zip")
    check(scan.res.code == 0, scan.res.describe())
    got = _pairs(scan.report, "client-message")
    if got != [("client-message", "C-B", "message"),
               ("client-message", "C-K", "message")]:
        probs.append("sasha: group direct note gave %r" % got)
    fail_if(probs)


@test
def google_localised_folders(tmp):
    """The same members under French folder names, found by file name and
    shape; a Settings.json of another product is refused, not read."""
    tree = os.path.join(tmp, "fr")
    sem = os.path.join(_case("google", "semantic-history"), "export",
                       "Takeout", "Standortverlauf (Zeitachse)",
                       "Semantischer Standortverlauf", "2023")
    dst = os.path.join(tree, "Takeout", "Historique des positions",
                       "Historique des positions sémantiques", "2023")
    shutil.copytree(sem, dst)
    os.rename(os.path.join(dst, "2023_MÄRZ.json"),
              os.path.join(dst, "2023_MARS.json"))
    rec = os.path.join(_case("google", "takeout-records"), "export",
                       "Takeout", "Location History", "Records.json")
    shutil.copy(rec, os.path.join(tree, "Takeout",
                                  "Historique des positions"))
    other = os.path.join(tree, "Takeout", "Paramètres du thème")
    os.makedirs(other)
    L.write(os.path.join(other, "Settings.json"), '{"theme": "dark"}\n')
    z = L.mkarchive(os.path.join(tmp, "takeout-fr.zip"), tree)
    scan = Scan(tmp, [z])
    check(scan.res.code == 0, scan.res.describe())
    a = L.archive_by_file(scan.report, "takeout-fr.zip")
    probs = []
    if a.get("platforms") != ["google"]:
        probs.append("platforms %r" % a.get("platforms"))
    c = a.get("counts") or {}
    # semantic-history: 4 points, 5 visits; takeout-records: 4 points
    if (c.get("location_points"), c.get("place_visits"),
            c.get("settings")) != (8, 5, 0):
        probs.append("counts %r" % c)
    diags = [d.get("message") or "" for d in a.get("diagnostics") or []]
    if not any("not a Location History settings file" in d for d in diags):
        probs.append("the foreign Settings.json was not refused: %r" % diags)
    if a["coverage"]["unrecognised"]:
        probs.append("unrecognised %r" % a["coverage"]["unrecognised"])
    fail_if(probs)


@test
def google_records_streamed(tmp):
    """A Records.json of 60,000 points in the older timestampMs form, with
    every 1000th point at 0,0: streamed element by element."""
    tree = os.path.join(tmp, "big", "Takeout", "Location History")
    os.makedirs(tree)
    with open(os.path.join(tree, "Records.json"), "w") as f:
        f.write('{\n  "locations": [')
        for i in range(60000):
            lat, lon = (0, 0) if i % 1000 == 999 else (
                514000000 + i, -25000000 - i)
            f.write('%s{\n    "latitudeE7": %d,\n    "longitudeE7": %d,\n'
                    '    "accuracy": 20,\n    "timestampMs": "%d"\n  }' % (
                        "," if i else "", lat, lon,
                        1672531200000 + i * 60000))
        f.write(']\n}\n')
    z = L.mkarchive(os.path.join(tmp, "big.zip"),
                    os.path.join(tmp, "big"))
    scan = Scan(tmp, [z])
    check(scan.res.code == 0, scan.res.describe())
    a = L.archive_by_file(scan.report, "big.zip")
    check(a["counts"]["location_points"] == 60000 - 60,
          "location_points %r, want 59940" % a["counts"]["location_points"])
    diags = [d.get("message") or "" for d in a.get("diagnostics") or []]
    check(any(d.startswith("60 locations had no usable coordinates")
              for d in diags), "no summary of skipped points: %r" % diags)


@test
def mastodon_text_from_html(tmp):
    """Post text is the HTML made plain: tags gone, entities decoded once,
    paragraphs kept apart; poll options and image descriptions are part of
    the text, so a client named there is found."""
    reg = L.register(os.path.join(tmp, "clients.csv"), [
        {"ref": "C-S", "names": "Spring", "active_from": "2019-01-01",
         "former": "no"},
        {"ref": "C-R", "names": "Rye", "active_from": "2019-01-01",
         "former": "no"},
        {"ref": "C-L", "names": "Two Loaves", "active_from": "2019-01-01",
         "former": "no"},
    ])
    z = _zip_case(tmp, "mastodon", "archive-targz", "robin.zip")
    scan = Scan(tmp, [z], ["--clients", reg])
    check(scan.res.code == 0, scan.res.describe())
    by = {}
    for f in scan.report.get("findings") or []:
        if f.get("rule") == "client-mention":
            by[f.get("client")] = f
    probs = []
    if sorted(by) != ["C-L", "C-R", "C-S"]:
        probs.append("client-mention for %r, want C-L, C-R, C-S" %
                     sorted(by))
    ev = (by.get("C-S") or {}).get("evidence", "")
    if "Spring at last & the park is full." not in ev or \
            "Second paragraph" not in ev or "<" in ev or "&amp;" in ev:
        probs.append("evidence of the HTML note: %r" % ev)
    for ref in ("C-R", "C-L"):
        src = (by.get(ref) or {}).get("source") or {}
        if (src.get("member"), src.get("item")) != ("outbox.json", 5):
            probs.append("%s found in %r, want the poll (outbox.json "
                         "item 5)" % (ref, src))
    fail_if(probs)
