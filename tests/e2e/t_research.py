"""End-to-end tests of research mode (--anonymise, issue 9): two fixtures
(an X export of 2022 and the demo export, with the demo client register)
are scanned with a key made by `conduct keygen`; the workbook is unzipped
and every part read, with the JSON report and the CSV export, and none of
the handles, account ids, display names, e-mail addresses, phone numbers,
client names and references and exact coordinates of the input (collected
from the fixture files themselves) may appear in any output byte. The same
person maps to the same pseudonym across archives and runs with one key,
another key gives other pseudonyms, the reports say they are research
output (JSON "research", a line on every sheet, an Aggregates sheet), and
--no-text leaves no evidence text.

Loaded by run.py, which provides test, Scan, L, check, fail_if,
schema_problems.
"""

import csv
import json
import os
import re
import shutil
import zipfile

X2022 = os.path.join(L.FIXTURES, "twitter", "layout-2022", "export")
DEMO = os.path.join(L.FIXTURES, "demo")
DEMO_X = os.path.join(DEMO, "x-jordan-2023")
REGISTER = os.path.join(DEMO, "clients.csv")
WITHHELD = "[text withheld: --no-text]"

# Keys of X export records whose values identify a person or an account.
ID_KEYS = {"email", "username", "userName", "accountId", "displayName",
           "accountDisplayName", "screen_name", "name", "senderId",
           "recipientId", "conversationId", "phoneNumber"}
TEXT_KEYS = {"full_text", "text", "fullText", "query", "bio",
             "description"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ()-]{8,}\d")
COORD = re.compile(r"-?\d{1,3}\.\d{4,}")


def ytd_values(path):
    """The JSON of an X data file (window.YTD... = [...])."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    i = min([p for p in (text.find("["), text.find("{")) if p >= 0] or [0])
    try:
        return json.loads(text[i:])
    except ValueError:
        return None


def walk(value, out, texts, key=None):
    """Collect into out the identifying values below value (and free texts
    into texts); key is the name value was found under."""
    if isinstance(value, dict):
        if key == "user_mentions":
            out.add(value.get("id_str") or "")
        for k, v in value.items():
            walk(v, out, texts, k)
    elif isinstance(value, list):
        if key == "coordinates":
            out.update(str(v) for v in value
                       if isinstance(v, (int, float, str)))
        for v in value:
            walk(v, out, texts, key)
    elif isinstance(value, str):
        if key in ID_KEYS:
            out.add(value)
            if key == "conversationId":
                out.update(value.split("-"))
        if key in TEXT_KEYS:
            texts.append(value)
            out.update(EMAIL.findall(value))
            out.update(m.strip() for m in PHONE.findall(value))
        if key == "coordinates":
            out.update(COORD.findall(value))


def secrets():
    """(identifiers, texts) of the two inputs and the register: every value
    that names or identifies someone, and every free text."""
    ids, texts = set(), []
    for root in (X2022, DEMO_X):
        for dirpath, dirs, files in os.walk(root):
            for fn in files:
                if fn.endswith(".js"):
                    v = ytd_values(os.path.join(dirpath, fn))
                    if v is not None:
                        walk(v, ids, texts)
    with open(REGISTER, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            ids.add(row["ref"])
            ids.update(n for n in row["names"].split(";") if n)
            for pair in (row["handles"] + ";" + row["account_ids"]).split(";"):
                if ":" in pair:
                    ids.add(pair.split(":", 1)[1])
    ids = {i.strip() for i in ids if i and len(i.strip()) >= 4 and
           not re.search(r"\.(txt|js|json|html)$", i.strip())}
    return ids, texts


def output_texts(scan, csv_path=None):
    """Every byte the run wrote, as text: the JSON, each part of the
    workbook (xlsx is a zip) and the CSV."""
    out = [("JSON", open(scan.json, "rb").read())]
    with zipfile.ZipFile(scan.xlsx) as z:
        for name in z.namelist():
            out.append(("xlsx:" + name, z.read(name)))
    if csv_path:
        out.append(("CSV", open(csv_path, "rb").read()))
    return [(w, b.decode("utf-8", "replace").lower()) for w, b in out]


def leaks(scan, ids, csv_path=None):
    found = []
    for where, text in output_texts(scan, csv_path):
        for s in ids:
            variants = {s.lower(), s.lower().replace("&", "&amp;")}
            if any(v in text for v in variants):
                found.append("%r in %s" % (s, where))
    return sorted(set(found))


def research_scan(tmp, tag, key, inputs, *extra):
    out_csv = os.path.join(tmp, tag + ".csv")
    scan = Scan(tmp, inputs, ["--clients", REGISTER, "--anonymise",
                              "--key-file", key, "--csv", out_csv] +
                list(extra), tag=tag)
    check(scan.res.code in (0, 1), "%s: %s" % (tag, scan.res.describe()))
    fail_if(schema_problems(scan.report), tag)
    return scan, out_csv


def keygen(tmp, name):
    path = os.path.join(tmp, name)
    res = L.conduct("keygen", path)
    check(res.code == 0, "keygen: %s" % res.describe())
    check(os.stat(path).st_mode & 0o777 == 0o600, "key file not 0600")
    return path


def pseudonyms(report):
    """subject per archive (by position), and client pseudonyms."""
    return ([a["subject"] for a in report["archives"]],
            sorted({f["client"] for f in report["findings"]
                    if f.get("client")}))


@test
def research_no_identifier_in_any_output(tmp):
    ids, texts = secrets()
    check(len(ids) > 20, "collected only %d identifiers: %r" % (
        len(ids), sorted(ids)))
    for must in ("riley_example", "1200000001", "riley@example.com",
                 "jordan_example", "Evelyn Example", "C-1042",
                 "marcus_testfield", "1300000102"):
        check(must in ids, "the collector missed %r" % must)
    key = keygen(tmp, "k1")
    scan, out_csv = research_scan(tmp, "r1", key, [X2022, DEMO_X])
    rep = scan.report
    probs = leaks(scan, ids, out_csv)
    r = rep.get("research") or {}
    if r.get("anonymised") is not True or r.get("pseudonyms") != \
            "HMAC-SHA256" or r.get("text") != "redacted" or \
            r.get("time_unit") != "day" or r.get("grid_m") != 1000:
        probs.append("JSON research is %r" % (r,))
    with open(key) as f:
        if f.read().strip() in open(scan.json).read():
            probs.append("the key itself is in the report")
    wb = L.open_workbook(scan.xlsx)
    if "Aggregates" not in wb.sheetnames:
        probs.append("no Aggregates sheet (%s)" % wb.sheetnames)
    for name in wb.sheetnames:
        ws = wb[name]
        if "research" not in (ws.oddHeader.center.text or "").lower():
            probs.append("%s: page header does not say research output" %
                         name)
    first = str(wb["Summary"].cell(1, 1).value or "")
    if not first.startswith("RESEARCH OUTPUT"):
        probs.append("Summary's first line is %r" % first)
    probs += ["xlsx: " + p for p in L.check_workbook(scan.xlsx, rep)]
    for where, text in output_texts(scan, out_csv):
        exact = sorted(set(re.findall(r"\d{4}-\d\d-\d\d[t ]\d\d:\d\d:\d\d",
                                      text)) -
                       set(re.findall(r"\d{4}-\d\d-\d\d[t ]00:00:00", text)))
        if exact and where != "xlsx:docProps/core.xml":
            probs.append("times finer than the day in %s: %s" % (
                where, exact[:3]))
    fail_if(probs)


@test
def research_aggregates(tmp):
    key = keygen(tmp, "k1")
    scan, _ = research_scan(tmp, "r1", key, [X2022, DEMO_X])
    rep = scan.report
    ws = L.open_workbook(scan.xlsx)["Aggregates"]
    rows = list(ws.iter_rows(values_only=True))
    hdr = next(i for i, r in enumerate(rows) if r[0] == "Rule")
    table = {}
    for r in rows[hdr + 1:]:
        if not r[0]:
            break
        table[r[0]] = r
    posts = sum(a["counts"]["posts"] for a in rep["archives"])
    probs = []
    for rule in {f["rule"] for f in rep["findings"]}:
        n = sum(1 for f in rep["findings"] if f["rule"] == rule)
        per_subject = sorted(
            sum(1 for f in rep["findings"]
                if f["rule"] == rule and f["subject"] == s)
            for s in {a["subject"] for a in rep["archives"]})
        row = table.get(rule)
        if not row:
            probs.append("no Aggregates row for %s" % rule)
            continue
        want = (rule, n, posts, round(n * 1000.0 / posts, 6))
        got = (row[0], row[1], row[2], round(row[3], 6))
        if got != want or row[5] != per_subject[0] or \
                row[7] != per_subject[-1]:
            probs.append("%s: %r, want %r min %d max %d" % (
                rule, row, want, per_subject[0], per_subject[-1]))
    trend = rows[next(i for i, r in enumerate(rows) if r[0] == "Month"):]
    total = sum(r[2] for r in trend[1:] if isinstance(r[2], int))
    if total != len(rep["findings"]):
        probs.append("monthly trend sums to %d, %d findings" % (
            total, len(rep["findings"])))
    fail_if(probs)


@test
def research_pseudonyms_stable_and_keyed(tmp):
    k1, k2 = keygen(tmp, "k1"), keygen(tmp, "k2")
    copy = os.path.join(tmp, "again", "x-jordan-2023")
    shutil.copytree(DEMO_X, copy)
    both, _ = research_scan(tmp, "both", k1, [X2022, DEMO_X, copy])
    alone, _ = research_scan(tmp, "alone", k1, [DEMO_X])
    other, _ = research_scan(tmp, "other", k2, [DEMO_X])
    subj_both, clients_both = pseudonyms(both.report)
    subj_alone, clients_alone = pseudonyms(alone.report)
    subj_other, clients_other = pseudonyms(other.report)
    probs = []
    if subj_both[1] != subj_both[2]:
        probs.append("one person, two archives, two pseudonyms: %r" %
                     subj_both)
    if subj_both[1] != subj_alone[0]:
        probs.append("the same subject differs between runs: %r vs %r" % (
            subj_both[1], subj_alone[0]))
    if not clients_alone or not set(clients_alone) <= set(clients_both):
        probs.append("client pseudonyms differ between runs: %r vs %r" % (
            clients_alone, clients_both))
    fa = {f["rule"] + f["platform"]: f["fingerprint"]
          for f in alone.report["findings"]}
    fb = {f["rule"] + f["platform"]: f["fingerprint"]
          for f in both.report["findings"]
          if L.finding_archive(both.report, f)["file"] ==
          alone.report["archives"][0]["file"]}
    if fa and fa != {k: v for k, v in fb.items() if k in fa}:
        probs.append("fingerprints differ between runs with one key")
    if subj_other[0] == subj_alone[0] or \
            set(clients_other) & set(clients_alone):
        probs.append("another key gave the same pseudonyms: %r %r" % (
            subj_other, clients_other))
    if other.report["research"]["key_id"] == \
            alone.report["research"]["key_id"]:
        probs.append("two keys with one key id")
    fail_if(probs)


@test
def research_no_text(tmp):
    ids, texts = secrets()
    key = keygen(tmp, "k1")
    scan, out_csv = research_scan(tmp, "nt", key, [X2022, DEMO_X],
                                  "--no-text", "--time-unit", "week",
                                  "--grid-m", "5000")
    rep = scan.report
    probs = leaks(scan, ids, out_csv)
    r = rep["research"]
    if r["text"] != "dropped" or r["time_unit"] != "week" or \
            r["grid_m"] != 5000:
        probs.append("research settings %r" % (r,))
    bad = [f["evidence"] for f in rep["findings"] if f["evidence"] !=
           WITHHELD]
    if bad:
        probs.append("evidence with text: %r" % bad[:3])
    words = set()
    for t in texts:
        words.update(w for w in re.findall(r"[A-Za-z']{9,}", t))
    outs = output_texts(scan, out_csv)
    for w in sorted(words):
        if w.lower() in ("following", "followers", "searches", "messages",
                         "protected", "evidence", "timestamp"):
            continue
        hit = [where for where, text in outs
               if re.search(r"\b%s\b" % re.escape(w.lower()), text)]
        if hit and not any(w.lower() in t for t in (
                "conduct", "confidential")):
            # words of the reports' own vocabulary are not evidence
            own = L.conduct("rules").out.lower()
            if w.lower() not in own:
                probs.append("%r from the input in %s" % (w, hit[:2]))
    for f in rep["findings"]:
        t = L.utc(f)
        if t and not t.endswith("T00:00:00Z"):
            probs.append("time %s not coarsened to the week" % t)
    fail_if(probs[:12])
