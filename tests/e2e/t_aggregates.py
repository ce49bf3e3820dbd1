"""End-to-end check that the JSON report of a research run carries the
figures of the workbook's Aggregates sheet (issue 19: the writers show
what the run holds, computed once): research.aggregates, per rule and per
month and rule, cell for cell as the sheet has them, and absent from a
normal review (whose "research" stays null).

Loaded by run.py (load_test_modules): test, L, Scan, check, fail_if and
schema_problems are given as globals."""

import os

X2022 = os.path.join(L.FIXTURES, "twitter", "layout-2022", "export")
DEMO_X = os.path.join(L.FIXTURES, "demo", "x-jordan-2023")
REGISTER = os.path.join(L.FIXTURES, "demo", "clients.csv")


def _close(a, b):
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) < 1e-9


@test
def aggregates_json_equals_sheet(tmp):
    """research.aggregates holds the Aggregates sheet's rows: every rule
    with its findings, per 1,000 posts, subjects with any and the spread
    per subject, then findings per month and rule with their subjects;
    the subjects, exports and posts of the sheet's note."""
    key = os.path.join(tmp, "k")
    res = L.conduct("keygen", key)
    check(res.code == 0, "keygen: %s" % res.describe())
    scan = Scan(tmp, [X2022, DEMO_X], ["--clients", REGISTER, "--anonymise",
                                       "--key-file", key], tag="r")
    check(scan.res.code in (0, 1), scan.res.describe())
    fail_if(schema_problems(scan.report), "research report")
    agg = scan.report["research"]["aggregates"]
    rows = list(L.open_workbook(scan.xlsx)["Aggregates"].iter_rows(
        values_only=True))
    hdr = next(i for i, r in enumerate(rows) if r[0] == "Rule")
    sheet_rules = []
    for r in rows[hdr + 1:]:
        if not r[0]:
            break
        sheet_rules.append(r)
    probs = []
    if len(sheet_rules) != len(agg["by_rule"]):
        probs.append("%d rule rows, JSON %d" % (len(sheet_rules),
                                                 len(agg["by_rule"])))
    for r, j in zip(sheet_rules, agg["by_rule"]):
        want = (j["rule"], j["findings"], agg["posts"], j["per_1000_posts"],
                j["subjects_with_any"], j["min_per_subject"],
                j["median_per_subject"], j["max_per_subject"])
        if r[0] != want[0] or r[1:3] != want[1:3] or \
                not _close(r[3], want[3]) or r[4] != want[4] or \
                r[5] != want[5] or not _close(r[6], want[6]) or \
                r[7] != want[7]:
            probs.append("sheet %r, JSON %r" % (r, want))
    if sum(j["findings"] for j in agg["by_rule"]) != \
            len(scan.report["findings"]):
        probs.append("by_rule sums to %d, %d findings" % (
            sum(j["findings"] for j in agg["by_rule"]),
            len(scan.report["findings"])))
    mon = next(i for i, r in enumerate(rows) if r[0] == "Month")
    trend = [r[:4] for r in rows[mon + 1:] if r[0]]
    want = [(t["month"], t["rule"], t["findings"], t["subjects"])
            for t in agg["by_month"]]
    if trend != want:
        probs.append("trend rows %r, JSON %r" % (trend[:3], want[:3]))
    note = "%d subjects, %d exports, %d posts in all" % (
        agg["subjects"], agg["archives"], agg["posts"])
    if not any(r[0] and str(r[0]).startswith(note) for r in rows[:hdr]):
        probs.append("no note %r above the table" % note)
    if agg["subjects"] != 2 or agg["archives"] != 2:
        probs.append("subjects %d, archives %d: want 2 and 2" % (
            agg["subjects"], agg["archives"]))
    fail_if(probs)
    normal = Scan(tmp, [DEMO_X], ["--clients", REGISTER], tag="n")
    check(normal.res.code in (0, 1), normal.res.describe())
    check(normal.report["research"] is None,
          "a normal review's research: %r" % normal.report["research"])
