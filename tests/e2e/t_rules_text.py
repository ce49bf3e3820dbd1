"""End-to-end checks of the text and register rules (src/rules/text.c and
src/rules/engagement.c): case-talk, personal-data, frustration,
client-search, client-engagement and affiliation. Each rule's fixture pair
under fixtures/rules/ (<rule>-fires, <rule>-near-miss) is packed and
scanned as an agency would; the rule must fire on the first and stay quiet
on the second, in the JSON report and in the workbook's Findings sheet
alike. Personal data must be masked in every byte of both reports (the
workbook's XML parts are read inflated), and an affiliation's category must
not show unless the policy asks for it. Loaded by run.py, which injects
test, Scan, L, check and fail_if."""

import os
import zipfile

RULES = ("case-talk", "personal-data", "frustration", "client-search",
         "client-engagement", "affiliation")

CASES = os.path.join(L.ROOT, "fixtures", "rules")

# What personal-data-fires holds in full: none of it may be written out.
PERSONAL = ["07700 900123", "900123", "jo.bloggs", "12/03/2015",
            "14 Acacia", "+44 113 496 0000", "496 0000", "123-4567"]


def scan_case(tmp, case):
    """Pack fixtures/rules/<case>/export and scan it with the case's args,
    from the case directory (as run.py's fixture tests do)."""
    cdir = os.path.join(CASES, case)
    check(os.path.isdir(os.path.join(cdir, "export")),
          "fixtures/rules/%s/export is missing" % case)
    z = L.mkarchive(os.path.join(tmp, "rules-%s.zip" % case),
                    os.path.join(cdir, "export"))
    args = []
    path = os.path.join(cdir, "args")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            args = [ln.strip() for ln in f
                    if ln.strip() and not ln.lstrip().startswith("#")]
    scan = Scan(tmp, [z], args, tag=case, cwd=cdir)
    check(scan.res.code == 0, "%s: %s" % (case, scan.res.describe()))
    return scan


def workbook_rules(scan):
    """The Rule cell of every row of the Findings sheet, with the row."""
    wb = L.open_workbook(scan.xlsx)
    check("Findings" in wb.sheetnames, "no Findings sheet")
    _, header, rows = L.findings_rows(wb["Findings"])
    check("Rule" in header, "the Findings sheet has no Rule column")
    return [(r["Rule"].value, {k: c.value for k, c in r.items()})
            for r in rows]


def make_pair_test(rule):
    def fn(tmp):
        probs = []
        fires = scan_case(tmp, rule + "-fires")
        got = [f for f in fires.report["findings"] if f["rule"] == rule]
        if not got:
            probs.append("%s-fires: no %s finding in the JSON" % (rule, rule))
        rows = [r for r, _ in workbook_rules(fires) if r == rule]
        if len(rows) != len(got):
            probs.append("%s-fires: %d %s rows in the workbook, %d in the "
                         "JSON" % (rule, len(rows), rule, len(got)))
        cites = {r["id"]: r["citations"]
                 for r in fires.report.get("rules", [])}
        for f in got:
            if not cites.get(f["rule"]):
                probs.append("%s finding without citations" % rule)
            if not f.get("evidence"):
                probs.append("%s finding without evidence" % rule)
        miss = scan_case(tmp, rule + "-near-miss")
        bad = [f["evidence"] for f in miss.report["findings"]
               if f["rule"] == rule]
        if bad:
            probs.append("%s-near-miss raised %s: %s" % (rule, rule, bad))
        if any(r == rule for r, _ in workbook_rules(miss)):
            probs.append("%s-near-miss: a %s row in the workbook" % (rule,
                                                                   rule))
        fail_if(probs)
    fn.__name__ = "rules_text_pair_" + rule.replace("-", "_")
    return fn


for _rule in RULES:
    test(make_pair_test(_rule))


def output_bytes(scan):
    """The JSON report's bytes and every part of the workbook, inflated."""
    out = []
    with open(scan.json, "rb") as f:
        out.append(("R.json", f.read()))
    with zipfile.ZipFile(scan.xlsx) as z:
        for name in z.namelist():
            out.append(("R.xlsx:" + name, z.read(name)))
    return out


@test
def rules_text_personal_data_masked(tmp):
    """The full phone numbers, address, e-mail address and date of birth of
    personal-data-fires appear in no byte of either report, though the
    export holds them and the findings show them masked."""
    tweets = os.path.join(CASES, "personal-data-fires", "export", "data",
                          "tweets.js")
    with open(tweets, encoding="utf-8") as f:
        source = f.read()
    missing = [v for v in PERSONAL if v not in source]
    check(not missing, "the fixture no longer holds %s" % missing)
    scan = scan_case(tmp, "personal-data-fires")
    probs = []
    for name, data in output_bytes(scan):
        for v in PERSONAL:
            if v.encode("utf-8") in data:
                probs.append("%s holds %r" % (name, v))
    matched = sorted(f["matched"] for f in scan.report["findings"]
                     if f["rule"] == "personal-data")
    want = sorted(["07700 9xxxxx", "j********@example.org",
                   "DOB is xx/xx/xxxx", "xx Acacia Avenue",
                   "+44 113 4xx xxxx", "(555) 123-xxxx"])
    if matched != want:
        probs.append("masked values %s, want %s" % (matched, want))
    fail_if(probs)


@test
def rules_text_affiliation_hidden(tmp):
    """affiliation-fires follows "Testville Labour Party": the policy does
    not set show_categories, so neither the name nor the list (a political
    opinion) shows in the finding, in the JSON or the workbook row."""
    scan = scan_case(tmp, "affiliation-fires")
    probs = []
    got = [f for f in scan.report["findings"] if f["rule"] == "affiliation"]
    check(got, "no affiliation finding")
    for f in got:
        text = " ".join(str(f.get(k)) for k in ("matched", "evidence"))
        for word in ("Labour", "labour", "political", "testville_labour"):
            if word in text:
                probs.append("JSON finding shows %r: %s" % (word, text))
        if "1500000000000000501" not in f["evidence"]:
            probs.append("the finding does not name the account id: %s"
                         % f["evidence"])
    for rule, row in workbook_rules(scan):
        if rule != "affiliation":
            continue
        cells = " ".join(str(v) for v in row.values() if v is not None)
        for word in ("Labour", "political"):
            if word in cells:
                probs.append("workbook row shows %r" % word)
    fail_if(probs)


@test
def rules_text_search_reason(tmp):
    """client-search findings carry the client, the confidence of the match
    and tell the reviewer a documented reason can be recorded."""
    scan = scan_case(tmp, "client-search-fires")
    got = {f.get("record_id"): f for f in scan.report["findings"]
           if f["rule"] == "client-search"}
    want = {"1380000000000000401": ("C-1042", "possible"),
            "1380000000000000402": ("C-1077", "probable"),
            "1380000000000000403": ("C-1103", "probable")}
    probs = []
    for rid, (client, conf) in want.items():
        f = got.get(rid)
        if not f:
            probs.append("no finding for saved search %s" % rid)
            continue
        if (f.get("client"), f["confidence"]) != (client, conf):
            probs.append("search %s: %s/%s, want %s/%s" % (
                rid, f.get("client"), f["confidence"], client, conf))
        if "reason" not in f["evidence"]:
            probs.append("search %s: evidence says nothing of a reason"
                         % rid)
    if set(got) - set(want):
        probs.append("unexpected findings for %s" % sorted(set(got) -
                                                            set(want)))
    fail_if(probs)


@test
def rules_text_historic_case_talk(tmp):
    """A casework post from before the review period is still reported,
    marked as earlier (historic content counts)."""
    scan = scan_case(tmp, "case-talk-fires")
    got = {f.get("record_id"): f["in_period"]
           for f in scan.report["findings"]
           if f["rule"] == "case-talk"}
    check(got.get("1460000000000000103") is False,
          "the 2021 post: in_period %r" % got.get("1460000000000000103"))
    check(got.get("1640000000000000101") is True,
          "the 2023 post: in_period %r" % got.get("1640000000000000101"))
