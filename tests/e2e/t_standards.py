"""The standards catalogue end to end (issue 21): every standards/*.json
file is valid against schemas/standards.schema.json and is what
`conduct standards --json` lists; every citation any rule can emit (every
code selected at once) has an edition, a source URL and a checked date
(the source essay excepted, by design) and never says "verify"; the
built-in policy cites its neutral set and says so on the Run sheet; a
policy's "standards" and "agency_standard" choose the citations of the
workbook (Findings, Rules and Run sheets), the JSON report, the CSV export
and `conduct rules`, the agency's own clauses first; `conduct policy
--check` names unknown codes, clauses and rules by JSON path; and
`conduct merge --policy` cites what the policy chooses.

Loaded by run.py (load_test_modules), which provides test, Scan, L, check
and fail_if."""

import csv
import glob
import io
import json
import os

STD_DIR = os.path.join(L.ROOT, "standards")
STD_SCHEMA = os.path.join(L.ROOT, "schemas", "standards.schema.json")
RULES_SCHEMA = os.path.join(L.ROOT, "schemas", "rules.schema.json")
DEMO = os.path.join(L.FIXTURES, "demo")
DEMO_EXPORT = os.path.join(DEMO, "x-jordan-2023")
DEMO_CLIENTS = os.path.join(DEMO, "clients.csv")

AGENCY = {
    "title": "Northtown Council social media policy",
    "edition": "v3, April 2025",
    "clauses": [
        {"ref": "4.2",
         "summary": "staff do not connect with people they support on "
                    "their personal accounts",
         "rules": ["client-connection", "client-engagement"]},
        {"ref": "6.1",
         "summary": "no posts about casework, even without names",
         "rules": ["client-mention", "case-talk"]},
    ],
}
CHOSEN = ["swe", "swe-guidance", "hcpc-social-media", "nasw:1.06(h)"]
AGENCY_42 = ("Northtown Council social media policy (v3, April 2025), 4.2: "
             "staff do not connect with people they support on their "
             "personal accounts")


def _catalogue_files():
    out = {}
    for path in sorted(glob.glob(os.path.join(STD_DIR, "*.json"))):
        with open(path, encoding="utf-8") as f:
            out[os.path.basename(path)] = json.load(f)
    return out


def _validator(path):
    import jsonschema
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    return jsonschema.Draft202012Validator(schema)


def _write_policy(tmp, name, doc):
    path = os.path.join(tmp, name)
    L.write(path, json.dumps(doc, indent=2))
    return path


def _says_verify(text):
    return "verify" in (text or "").lower()


@test
def standards_catalogue_files_valid(tmp):
    """Each catalogue file passes its schema, is named for its id, and is
    listed (with the same clauses) by `conduct standards --json`."""
    v = _validator(STD_SCHEMA)
    files = _catalogue_files()
    probs = []
    for name, doc in files.items():
        for e in v.iter_errors(doc):
            probs.append("%s: %s at %s" % (name, e.message,
                                            list(e.absolute_path)))
        if name != doc.get("id", "") + ".json":
            probs.append("%s holds code %r" % (name, doc.get("id")))
    res = L.conduct("standards", "--json")
    check(res.code == 0, res.describe())
    listed = {s["id"]: s for s in json.loads(res.out)["standards"]}
    for doc in files.values():
        got = listed.get(doc["id"])
        if not got:
            probs.append("conduct standards does not list %s" % doc["id"])
            continue
        want = [doc["id"] + ":" + c["id"] for c in doc["clauses"]]
        if [c["id"] for c in got["clauses"]] != want:
            probs.append("%s: clauses %r, want %r" % (
                doc["id"], [c["id"] for c in got["clauses"]], want))
    if len(listed) != len(files):
        probs.append("conduct standards lists %d codes, %d files" % (
            len(listed), len(files)))
    text = L.conduct("standards")
    if text.code != 0 or "nasw:1.06(h)" not in text.out or \
            "checked 2026-12-07 against" not in text.out:
        probs.append("conduct standards (text): %s" % text.describe())
    fail_if(probs)


@test
def standards_every_citation_verified(tmp):
    """`conduct rules --json` with every code of the catalogue selected:
    each citation any rule can emit has an edition, a URL and a checked
    date (only the source essay has neither), and nothing says verify."""
    ids = sorted(d["id"] for d in _catalogue_files().values())
    pol = _write_policy(tmp, "all.json", {"version": 1, "standards": ids})
    res = L.conduct("rules", "--json", "--policy", pol)
    check(res.code == 0, res.describe())
    doc = json.loads(res.out)
    probs = ["rules --json: %s" % e.message
             for e in _validator(RULES_SCHEMA).iter_errors(doc)]
    n = 0
    for rule in doc["rules"]:
        for c in rule["citations"]:
            n += 1
            where = "%s %s" % (rule["id"], c["clause"])
            if any(_says_verify(c[k]) for k in
                   ("text", "ref", "summary", "edition")):
                probs.append("%s says verify" % where)
            if not c["edition"] or c["edition"] not in c["text"]:
                probs.append("%s: no edition in %r" % (where, c["text"]))
            if c["standard"] == "essay":
                continue
            if not (c["url"] or "").startswith("http"):
                probs.append("%s: no source URL" % where)
            if not c["checked"] or len(c["checked"]) != 10:
                probs.append("%s: no checked date" % where)
        if rule["id"] != "coverage-gap" and not rule["citations"]:
            probs.append("%s cites nothing with every code on" % rule["id"])
    if n < 40:
        probs.append("only %d citations with every code selected" % n)
    fail_if(probs)


@test
def standards_builtin_neutral_set(tmp):
    """Without a policy the reports cite the neutral set (IFSW and the
    essay) and the Run sheet says so; the essay keeps its words."""
    scan = Scan(tmp, [DEMO_EXPORT], ["--clients", DEMO_CLIENTS], tag="b")
    check(scan.res.code in (0, 1), scan.res.describe())
    rep = scan.report
    probs = []
    std = rep["standards"]
    if std["chosen_by"] != "built-in" or std["selected"] != ["ifsw",
                                                             "essay"]:
        probs.append("standards %r" % std)
    for rule in rep["rules"]:
        for c in rule["citations"]:
            if c["standard"] not in ("ifsw", "essay"):
                probs.append("%s cites %s" % (rule["id"], c["clause"]))
    conn = [r for r in rep["rules"] if r["id"] == "client-connection"][0]
    if "Social media and social work (source essay), tip 1: do not " \
            "follow clients" not in [c["text"] for c in conn["citations"]]:
        probs.append("client-connection lost essay tip 1")
    wb = L.open_workbook(scan.xlsx)
    facts = {r[0]: r[1] for r in wb["Run"].iter_rows(values_only=True)
             if r[0]}
    said = facts.get("Standards cited") or ""
    if "neutral set" not in said or "Set \"standards\"" not in said:
        probs.append("Run sheet: Standards cited %r" % said)
    fail_if(probs)


@test
def standards_policy_choice_everywhere(tmp):
    """A policy's standards and agency clauses, in the JSON (rules and
    standards sections), the CSV, the Findings, Rules and Run sheets and
    `conduct rules --policy`: the agency's clause first, nothing from a
    code the policy did not choose."""
    pol = _write_policy(tmp, "northtown.json", {
        "version": 1, "standards": CHOSEN, "agency_standard": AGENCY})
    out_csv = os.path.join(tmp, "f.csv")
    scan = Scan(tmp, [DEMO_EXPORT], ["--clients", DEMO_CLIENTS, "--policy",
                                     pol, "--csv", out_csv], tag="p")
    check(scan.res.code in (0, 1), scan.res.describe())
    rep = scan.report
    probs = ["report: %s" % p for p in L.schema_errors(rep)]
    std = rep["standards"]
    if std["chosen_by"] != "policy" or std["selected"] != CHOSEN:
        probs.append("standards %r" % {k: std[k] for k in
                                       ("chosen_by", "selected")})
    codes = [c["id"] for c in std["codes"]]
    if codes != ["agency", "swe", "swe-guidance", "hcpc-social-media",
                 "nasw"]:
        probs.append("codes %r" % codes)
    cites = {r["id"]: r["citations"] for r in rep["rules"]}
    conn = [c["text"] for c in cites["client-connection"]]
    if not conn or conn[0] != AGENCY_42:
        probs.append("client-connection citations %r" % conn)
    allowed = {"agency", "swe", "swe-guidance", "hcpc-social-media"}
    for rid, cs in cites.items():
        for c in cs:
            if c["standard"] not in allowed and c["clause"] != \
                    "nasw:1.06(h)":
                probs.append("%s cites %s" % (rid, c["clause"]))
    fired = {f["rule"] for f in rep["findings"]}
    if "client-connection" not in fired:
        probs.append("the demo raised no client-connection finding")
    # CSV: each finding's citations are its rule's, agency first
    with open(out_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(io.StringIO(f.read())))
    for row in rows:
        want = "; ".join(c["text"] for c in cites[row["rule"]])
        if row["citations"] != want:
            probs.append("CSV %s citations %r, want %r" % (
                row["rule"], row["citations"][:80], want[:80]))
    if not rows:
        probs.append("no CSV rows")
    # workbook: Findings citations, Rules sheet, Run sheet
    wb = L.open_workbook(scan.xlsx)
    _, header, frows = L.findings_rows(wb["Findings"])
    for r in frows:
        rid = r["Rule"].value
        got = r["Citations"].value or ""
        if got != "; ".join(c["text"] for c in cites.get(rid, [])):
            probs.append("Findings %s citations %r" % (rid, got[:80]))
    for r in wb["Rules"].iter_rows(min_row=2, values_only=True):
        want = "\n".join(c["text"] for c in cites[r[0]]) or \
            "(no clause of the selected codes)"
        if r[7] != want:
            probs.append("Rules sheet %s: %r" % (r[0], (r[7] or "")[:80]))
    facts = {r[0]: r[1] for r in wb["Run"].iter_rows(values_only=True)
             if r[0]}
    said = facts.get("Standards cited") or ""
    if not said.startswith("chosen by the policy") or \
            "Northtown Council social media policy (v3, April 2025)" \
            not in said or "NASW Code of Ethics (2021) 1.06(h) only" \
            not in said:
        probs.append("Run sheet: Standards cited %r" % said)
    # conduct rules --policy, text and JSON
    res = L.conduct("rules", "--policy", pol)
    if res.code != 0 or "  - " + AGENCY_42 not in res.out or \
            "Standards cited: chosen by the policy" not in res.out:
        probs.append("conduct rules --policy: %s" % res.describe())
    res = L.conduct("rules", "--json", "--policy", pol)
    got = {r["id"]: r["citations"] for r in json.loads(res.out)["rules"]} \
        if res.code == 0 else {}
    if got != cites:
        probs.append("conduct rules --json --policy differs from the "
                     "report's rules section")
    fail_if(probs)


@test
def standards_policy_check_paths(tmp):
    """conduct policy --check names each unknown code, clause and rule,
    and each missing agency key, by JSON path; a scan refuses the policy."""
    pol = _write_policy(tmp, "bad.json", {
        "version": 1,
        "standards": ["swe", "nope", "nasw:9.99", "swe"],
        "agency_standard": {"title": "T", "colour": "red", "clauses": [
            {"ref": "1", "summary": "s", "rules": ["no-such-rule"]},
            {"summary": "x" * 301, "rules": ["frustration"]},
            {"ref": "1", "summary": "again", "rules": ["frustration"]}]}})
    res = L.conduct("policy", "--check", pol)
    want = [
        "$.standards[1]: unknown code 'nope'",
        "$.standards[2]: unknown clause 'nasw:9.99'",
        "$.standards[3]: 'swe' is listed twice",
        "$.agency_standard.colour: unknown key",
        "$.agency_standard.edition: missing",
        "$.agency_standard.clauses[0].rules[0]: unknown rule 'no-such-rule'",
        "$.agency_standard.clauses[1].ref: missing",
        "$.agency_standard.clauses[1].summary: longer than 300 characters",
        "$.agency_standard.clauses[2]: ref '1' is listed twice",
    ]
    probs = ["not named: %s" % w for w in want if w not in res.err]
    if res.code != 1:
        probs.append("exit %d, want 1" % res.code)
    scan = Scan(tmp, [DEMO_EXPORT], ["--policy", pol], tag="bad")
    if scan.res.code != 3 or os.path.exists(scan.json):
        probs.append("scan with the bad policy: %s" % scan.res.describe())
    ok = _write_policy(tmp, "ok.json", {"version": 1, "standards": CHOSEN,
                                        "agency_standard": AGENCY})
    res = L.conduct("policy", "--check", ok)
    if res.code != 0:
        probs.append("a good policy: %s" % res.describe())
    fail_if(probs)


@test
def standards_merge_cites_policy(tmp):
    """conduct merge --policy writes the rules and standards sections of
    the policy it is given, as the scan did."""
    pol = _write_policy(tmp, "northtown.json", {
        "version": 1, "standards": CHOSEN, "agency_standard": AGENCY})
    parts = os.path.join(tmp, "parts")
    scan = Scan(tmp, [DEMO_EXPORT], ["--clients", DEMO_CLIENTS, "--policy",
                                     pol, "--parts-dir", parts], tag="s")
    check(scan.res.code in (0, 1), scan.res.describe())
    reports = sorted(glob.glob(os.path.join(parts, "*.json")))
    check(reports, "no per-archive report in %s" % parts)
    out = os.path.join(tmp, "m.json")
    res = L.conduct("merge", "--deterministic", "--policy", pol,
                    "--clients", DEMO_CLIENTS, "--json", out, "-o",
                    os.path.join(tmp, "m.xlsx"), *reports)
    check(res.code in (0, 1), res.describe())
    merged = L.load_json(out)
    fail_if([k for k in ("rules", "standards")
             if merged[k] != scan.report[k]])
