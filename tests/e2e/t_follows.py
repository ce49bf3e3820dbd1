"""End-to-end checks for follow changes between successive exports (the
last part of issue 10): one subject's last-year and this-year Instagram
exports (fixtures/follows/instagram-successive) give the follows that
appeared (with the follow's own date) and disappeared (with the range of
dates), in the JSON report, the Follow changes sheet and a Summary line;
never the whole list of follows; the same through --parts-dir and
`conduct merge`, byte for byte; pseudonyms only in research mode; nothing
for a single export or a subject found in the export.

Loaded by run.py (load_test_modules): test, L, check, fail_if, normalised
and schema_problems are given as globals. expected.json is the report of
`conduct scan --deterministic -q --subject S-7 marta-2024.zip
marta-2023.zip` (run.py --update rewrites only the fixture cases)."""

import json
import os
import zipfile

CASE = os.path.join(L.FIXTURES, "follows", "instagram-successive")
EARLIER, LATER = "marta-2023.zip", "marta-2024.zip"
ARGS = ["--deterministic", "-q"]
# in both exports: must never reach a report (no client matches them)
KEPT = ["birch.kept.example", "cedar.kept.example", "elm.follower.example"]
RAW = KEPT + ["alder.gone.example", "dogwood.new.example", "marta.sample"]

WANT = [
    {"subject": "S-7", "platform": "instagram", "account": "marta.sample",
     "change": "appeared", "direction": "following", "label": None,
     "who": "dogwood.new.example", "from": "2023-01-10T12:00:00Z",
     "to": "2024-01-20T12:00:00Z", "time": "2023-06-15T09:30:00Z",
     "earlier": EARLIER, "later": LATER},
    {"subject": "S-7", "platform": "instagram", "account": "marta.sample",
     "change": "disappeared", "direction": "following", "label": None,
     "who": "alder.gone.example", "from": "2023-01-10T12:00:00Z",
     "to": "2024-01-20T12:00:00Z", "time": None,
     "earlier": EARLIER, "later": LATER},
]


def _zips(tmp):
    """(earlier, later) packed from the fixture's two trees."""
    os.makedirs(os.path.join(tmp, "in"), exist_ok=True)
    return tuple(L.mkarchive(os.path.join(tmp, "in", name),
                             os.path.join(CASE, tree))
                 for name, tree in ((EARLIER, "export-2023"),
                                    (LATER, "export-2024")))


def _scan(tmp, tag, *args):
    j = os.path.join(tmp, tag + ".json")
    x = os.path.join(tmp, tag + ".xlsx")
    res = L.conduct("scan", *ARGS, "--json", j, "-o", x, *args)
    check(res.code in (0, 1), "scan %s: %s" % (tag, res.describe()))
    rep = L.load_json(j)
    fail_if(schema_problems(rep), tag)
    return rep, j, x


def _bytes(path):
    with open(path, "rb") as f:
        return f.read()


def _xlsx_text(path):
    """Every part of the workbook, unzipped, as one text."""
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace")
                       for n in z.namelist())


def _rows(ws):
    return [r for r in ws.iter_rows(values_only=True)
            if any(v is not None for v in r)]


@test
def follows_successive_exports(tmp):
    """Two exports of one subject, the later given first: dogwood appeared
    on its own date, alder disappeared between the exports' dates; the
    report equals the fixture's expected.json; birch, cedar and elm (in
    both) appear nowhere in the JSON or the workbook."""
    earlier, later = _zips(tmp)
    rep, j, x = _scan(tmp, "pair", "--subject", "S-7", later, earlier)
    if OPTS["update"]:
        with open(os.path.join(CASE, "expected.json"), "w",
                  encoding="utf-8") as f:
            json.dump(rep, f, indent=2, ensure_ascii=False)
            f.write("\n")
    diff = L.json_diff(normalised(j),
                       normalised(os.path.join(CASE, "expected.json")))
    check(not diff, "report differs from expected.json:\n    " +
          "\n    ".join(diff))
    check(rep["follow_changes"] == WANT, "follow_changes %s" %
          json.dumps(rep["follow_changes"], indent=1))
    made = {a["file"]: (a["made"], a["made_source"])
            for a in rep["archives"]}
    check(made == {EARLIER: ("2023-01-10T12:00:00Z", "latest record"),
                   LATER: ("2024-01-20T12:00:00Z", "latest record")},
          "made %s" % made)
    check(all("follows" not in a for a in rep["archives"]),
          "the report of a run must not carry the follow sets")
    text = _bytes(j).decode("utf-8") + _xlsx_text(x)
    for h in KEPT:
        check(h not in text.lower(), "%s (in both exports) is in the "
              "report: only changes may be" % h)
    probs = ["xlsx: " + p for p in L.check_workbook(x, rep)]
    wb = L.open_workbook(x)
    rows = _rows(wb["Follow changes"])
    header = list(rows[0]) if rows else []
    check(header[:6] == ["Subject", "Platform", "Subject's account",
                         "Change", "What changed", "Other account"],
          "Follow changes header %s" % header)
    got = [(r[0], r[1], r[3], r[4], r[5], r[6], r[7], r[8], r[10], r[11])
           for r in rows[1:]]
    want = [("S-7", "Instagram (with Threads)", "Appeared",
             "started following them", "dogwood.new.example", "2023-01-10",
             "2024-01-20", "2023-06-15 09:30:00", EARLIER, LATER),
            ("S-7", "Instagram (with Threads)", "Disappeared",
             "stopped following them", "alder.gone.example", "2023-01-10",
             "2024-01-20", None, EARLIER, LATER)]
    if got != want:
        probs.append("Follow changes rows %s, want %s" % (got, want))
    summary = [r for r in _rows(wb["Summary"]) if r[0] == "Follow changes"]
    if not summary or "S-7: 1 follow appeared and 1 disappeared" not in \
            str(summary[0][1]):
        probs.append("Summary has no follow-change line for S-7: %s" %
                     summary)
    fail_if(probs)


@test
def follows_single_export_no_changes(tmp):
    """One export alone, or two whose subject is found in the export
    rather than given, list no change; the sheet says why."""
    earlier, later = _zips(tmp)
    rep, _, x = _scan(tmp, "one", "--subject", "S-7", later)
    check(rep["follow_changes"] == [], "one export: %s" %
          rep["follow_changes"])
    wb = L.open_workbook(x)
    rows = _rows(wb["Follow changes"])
    check(len(rows) == 2 and "successive exports" in str(rows[1][0]),
          "the sheet should say there were no successive exports: %s" %
          rows)
    check(not [r for r in _rows(wb["Summary"]) if r[0] == "Follow changes"],
          "no Summary line without successive exports")
    rep, _, _ = _scan(tmp, "found", earlier, later)
    check(rep["follow_changes"] == [],
          "subject found in the exports: %s" % rep["follow_changes"])


@test
def follows_manifest_row(tmp):
    """The two exports on one manifest row give the same changes."""
    earlier, later = _zips(tmp)
    man = L.write(os.path.join(tmp, "staff.csv"),
                  "subject,archives,consent_ref\nS-7,%s;%s,CR-7\n" % (
                      os.path.relpath(earlier, tmp),
                      os.path.relpath(later, tmp)))
    rep, _, _ = _scan(tmp, "man", "--manifest", man)
    check(rep["follow_changes"] == WANT, "manifest: %s" %
          rep["follow_changes"])


@test
def follows_parts_merge_identical(tmp):
    """--parts-dir: each part carries its archive's follow set (and only
    the parts do); merge of the parts equals the single run byte for
    byte."""
    earlier, later = _zips(tmp)
    _, j1, x1 = _scan(tmp, "one", "--subject", "S-7", later, earlier)
    parts = os.path.join(tmp, "parts")
    res = L.conduct("scan", *ARGS, "-j", "2", "--subject", "S-7",
                    "--parts-dir", parts, later, earlier)
    check(res.code in (0, 1), "parts scan: %s" % res.describe())
    names = sorted(os.listdir(parts))
    check(len(names) == 2, "parts %s" % names)
    for n in names:
        rep = L.load_json(os.path.join(parts, n))
        fail_if(schema_problems(rep), n)
        follows = rep["archives"][0].get("follows")
        check(follows and any(f["who"] == "birch.kept.example"
                              for f in follows),
              "%s should carry the archive's follow set: %s" % (n, follows))
        check(rep["follow_changes"] == [], "%s: changes of one archive" % n)
    mj, mx = os.path.join(tmp, "m.json"), os.path.join(tmp, "m.xlsx")
    res = L.conduct("merge", "--deterministic", "--json", mj, "-o", mx,
                    *[os.path.join(parts, n) for n in names])
    check(res.code in (0, 1), "merge: %s" % res.describe())
    check(_bytes(mj) == _bytes(j1), "merge JSON differs: %s" % "; ".join(
        L.json_diff(L.load_json(mj), L.load_json(j1))[:5]))
    check(_bytes(mx) == _bytes(x1), "merge workbook differs in bytes")
    check(L.load_json(mj)["follow_changes"] == WANT, "merged changes")


@test
def follows_research_mode(tmp):
    """--anonymise: the changes are there with account pseudonyms and
    times coarsened to the day; no handle of either export is in the JSON
    or the workbook; parts and merge agree byte for byte."""
    earlier, later = _zips(tmp)
    key = os.path.join(tmp, "k.key")
    res = L.conduct("keygen", key)
    check(res.code == 0, "keygen: %s" % res.describe())
    anon = ["--anonymise", "--key-file", key, "--subject", "S-7"]
    rep, j, x = _scan(tmp, "res", *anon, later, earlier)
    ch = rep["follow_changes"]
    check(len(ch) == 2, "research changes %s" % ch)
    check([c["change"] for c in ch] == ["appeared", "disappeared"] and
          all(c["who"].startswith("account-") for c in ch) and
          all(c["account"].startswith("account-") for c in ch),
          "pseudonyms expected: %s" % ch)
    check(ch[0]["time"] == "2023-06-15T00:00:00Z" and
          ch[0]["from"] == "2023-01-10T00:00:00Z" and
          ch[0]["to"] == "2024-01-20T00:00:00Z",
          "times should be coarsened to the day: %s" % ch[0])
    check(ch[0]["who"] != ch[1]["who"], "two accounts, two pseudonyms")
    text = (_bytes(j).decode("utf-8") + _xlsx_text(x)).lower()
    for h in RAW + ["alder", "dogwood", "birch", "cedar"]:
        check(h not in text, "research output holds %r" % h)
    parts = os.path.join(tmp, "parts")
    res = L.conduct("scan", *ARGS, *anon, "--parts-dir", parts, later,
                    earlier)
    check(res.code in (0, 1), "research parts: %s" % res.describe())
    names = sorted(os.listdir(parts))
    ptext = "".join(_bytes(os.path.join(parts, n)).decode("utf-8")
                    for n in names).lower()
    for h in RAW:
        check(h not in ptext, "a research part holds %r" % h)
    mj, mx = os.path.join(tmp, "m.json"), os.path.join(tmp, "m.xlsx")
    res = L.conduct("merge", "--deterministic", "--json", mj, "-o", mx,
                    *[os.path.join(parts, n) for n in names])
    check(res.code in (0, 1), "merge: %s" % res.describe())
    check(_bytes(mj) == _bytes(j), "research merge JSON differs: %s" %
          "; ".join(L.json_diff(L.load_json(mj), L.load_json(j))[:5]))
    check(_bytes(mx) == _bytes(x), "research merge workbook differs")
