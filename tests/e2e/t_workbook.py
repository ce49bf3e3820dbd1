"""End-to-end tests of the reviewer's workbook and the review cycle: the
demo is scanned, a reviewer's decisions are filled into its workbook with
openpyxl (a finding dismissed, a documented reason whose expiry has
passed, a confirmed one, a row deleted, a decision for a fingerprint that
no longer exists), and a rescan with --baseline must give each finding its
state (new, unchanged, expired), leave the dismissed one out (and show it
with --show-dismissed), carry the decisions into the JSON and the
workbook, and list the vanished decision as absent. The same holds with
the JSON report as the baseline, and a third year still knows the
dismissal. Also: every sheet of the workbook, and the CSV export.

Loaded by run.py, which provides test, Scan, L, check, fail_if,
schema_problems.
"""

import csv
import io
import os

DEMO = os.path.join(L.ROOT, "fixtures", "demo")
DEMO_ARGS = ["--clients", "clients.csv", "--since", "2023-01-01",
             "--until", "2023-12-31", "--tz", "Europe/London"]
GONE_FP = "00000000deadbeef"
REVIEWER = "A. Reviewer"


def wb_scan(tmp, tag, *extra, deterministic=False):
    """The demo scanned with extra options. Not --deterministic by
    default: an expiry date is compared with the run's own time."""
    scan = Scan(tmp, ["x-jordan-2023"], DEMO_ARGS + list(extra), tag=tag,
                cwd=DEMO, deterministic=deterministic)
    check(scan.res.code == 0, "%s: %s" % (tag, scan.res.describe()))
    fail_if(schema_problems(scan.report), tag)
    return scan


def by_fp(report):
    return {f["fingerprint"]: f for f in report["findings"]}


def first_of(report, rule):
    for f in report["findings"]:
        if f["rule"] == rule:
            return f["fingerprint"]
    raise Fail("the demo raises no %s finding" % rule)


def fill_decisions(src, dest, picks, drop_fp):
    """Write the reviewer's decisions into a copy of the workbook: picks
    maps fingerprint -> {column: value}; the row of drop_fp is emptied (as
    a reviewer deleting it), and a row is added for GONE_FP."""
    wb = L.open_workbook(src)
    ws = wb["Findings"]
    hr, header, rows = L.findings_rows(ws)
    col = {h: i + 1 for i, h in enumerate(header)}
    found = set()
    for r in range(hr + 1, ws.max_row + 1):
        fp = ws.cell(r, col["Fingerprint"]).value
        if fp == drop_fp:
            for c in range(1, len(header) + 1):
                ws.cell(r, c).value = None
        for name, value in picks.get(fp, {}).items():
            ws.cell(r, col[name]).value = value
            found.add(fp)
    check(found == set(picks), "rows for %s not found" % (
        set(picks) - found))
    extra = ws.max_row + 1
    ws.cell(extra, col["Severity"]).value = "High"
    ws.cell(extra, col["Rule"]).value = "client-connection"
    ws.cell(extra, col["Subject"]).value = "jordan_example"
    ws.cell(extra, col["Fingerprint"]).value = GONE_FP
    ws.cell(extra, col["Decision"]).value = "Confirmed"
    ws.cell(extra, col["Reviewer"]).value = REVIEWER
    ws.cell(extra, col["Note"]).value = "followed a client in 2022"
    wb.save(dest)
    return dest


def review_setup(tmp):
    first = wb_scan(tmp, "first", deterministic=True)
    rep = first.report
    picks = {
        first_of(rep, "client-search"): {
            "Decision": "dismissed", "Reviewer": REVIEWER,
            "Note": "searched to check a referral"},
        first_of(rep, "client-mention"): {
            "Decision": "documented reason", "Reviewer": REVIEWER,
            "Date": "2024-01-15", "Note": "consent given in writing",
            "Expires": "2024-01-31"},
        first_of(rep, "client-message"): {
            "Decision": "Confirmed", "Reviewer": REVIEWER,
            "Note": "raised in supervision"},
    }
    drop = first_of(rep, "coverage-gap")
    edited = fill_decisions(first.xlsx, os.path.join(tmp, "edited.xlsx"),
                            picks, drop)
    return rep, picks, drop, edited


def cycle_problems(rep, first, picks, drop, source, show_dismissed=False,
                   drop_new=True):
    """What a rescan against the edited baseline must show (drop_new: the
    deleted row's finding is new, as it is against the edited workbook;
    against a later report it is in the baseline again)."""
    probs = []
    got = by_fp(rep)
    dismissed, documented, confirmed = list(picks)
    base = rep.get("baseline") or {}
    if base.get("file") != source:
        probs.append("baseline.file is %r, want %r" % (base.get("file"),
                                                       source))
    if show_dismissed:
        f = got.get(dismissed)
        if not f or f["baseline"] != "dismissed" or \
                (f["review"] or {}).get("decision") != "dismissed":
            probs.append("--show-dismissed: dismissed finding is %r" % (f,))
    elif dismissed in got:
        probs.append("the dismissed finding was raised again")
    want_n = len(first["findings"]) - (0 if show_dismissed else 1)
    if len(rep["findings"]) != want_n:
        probs.append("%d findings, want %d" % (len(rep["findings"]), want_n))
    f = got.get(documented) or {}
    if f.get("baseline") != "expired":
        probs.append("documented reason past its expiry is %r, want "
                     "expired" % f.get("baseline"))
    if (f.get("review") or {}).get("expires") != "2024-01-31" or \
            (f.get("review") or {}).get("note") != \
            "consent given in writing":
        probs.append("documented reason carried as %r" % f.get("review"))
    f = got.get(confirmed) or {}
    if f.get("baseline") != "unchanged" or f.get("review") != {
            "decision": "confirmed", "reviewer": REVIEWER, "date": None,
            "note": "raised in supervision", "expires": None}:
        probs.append("confirmed finding: %r %r" % (f.get("baseline"),
                                                   f.get("review")))
    want_drop = "new" if drop_new else "unchanged"
    if (got.get(drop) or {}).get("baseline") != want_drop:
        probs.append("the finding whose row was deleted is %r, want %s" %
                     ((got.get(drop) or {}).get("baseline"), want_drop))
    for fp, f in got.items():
        if fp not in picks and fp != drop and (
                f["baseline"] != "unchanged" or f["review"] is not None):
            probs.append("%s: %r %r, want unchanged without a review" % (
                f["rule"], f["baseline"], f["review"]))
    absent = {a["fingerprint"]: a for a in base.get("absent") or []}
    a = absent.get(GONE_FP)
    if not a or a["decision"] != "confirmed" or a["reviewer"] != REVIEWER \
            or a["note"] != "followed a client in 2022":
        probs.append("the vanished decision is not absent: %r" % absent)
    if not show_dismissed and \
            (absent.get(dismissed) or {}).get("decision") != "dismissed":
        probs.append("the dismissed decision is not kept in absent: %r" %
                     absent)
    return probs


def workbook_cycle_problems(xlsx, rep, picks):
    """The rescan's workbook shows the states and carried decisions."""
    probs = ["xlsx: " + p for p in L.check_workbook(xlsx, rep)]
    wb = L.open_workbook(xlsx)
    _, header, rows = L.findings_rows(wb["Findings"])
    row = {r["Fingerprint"].value: r for r in rows}
    dismissed, documented, confirmed = list(picks)
    r = row.get(documented)
    if not r or r["Baseline"].value != "Expired" or \
            r["Decision"].value != "documented reason" or \
            r["Expires"].value != "2024-01-31" or \
            r["Reviewer"].value != REVIEWER or \
            r["Date"].value != "2024-01-15":
        probs.append("documented row: %r" % (
            {k: c.value for k, c in r.items()} if r else None))
    r = row.get(confirmed)
    if not r or r["Baseline"].value != "Unchanged" or \
            r["Decision"].value != "confirmed" or \
            r["Note"].value != "raised in supervision":
        probs.append("confirmed row: %r" % (
            {k: c.value for k, c in r.items()} if r else None))
    if "Baseline" not in wb.sheetnames:
        probs.append("no Baseline sheet")
    else:
        cells = [c for row_ in wb["Baseline"].iter_rows(values_only=True)
                 for c in row_]
        for want in (GONE_FP, "no longer found", dismissed,
                     "dismissed: not raised again"):
            if want not in cells:
                probs.append("Baseline sheet lacks %r" % want)
    return probs


@test
def workbook_review_cycle(tmp):
    first, picks, drop, edited = review_setup(tmp)
    second = wb_scan(tmp, "second", "--baseline", edited)
    probs = cycle_problems(second.report, first, picks, drop, "edited.xlsx")
    probs += workbook_cycle_problems(second.xlsx, second.report, picks)
    fail_if(probs)


@test
def workbook_review_cycle_show_dismissed(tmp):
    first, picks, drop, edited = review_setup(tmp)
    scan = wb_scan(tmp, "shown", "--baseline", edited, "--show-dismissed")
    probs = cycle_problems(scan.report, first, picks, drop, "edited.xlsx",
                           show_dismissed=True)
    row = {r["Fingerprint"].value: r for r in L.findings_rows(
        L.open_workbook(scan.xlsx)["Findings"])[2]}
    r = row.get(list(picks)[0])
    if not r or r["Baseline"].value != "Dismissed" or \
            r["Decision"].value != "dismissed":
        probs.append("dismissed row not shown with its decision")
    fail_if(probs)


@test
def workbook_review_cycle_from_json(tmp):
    """The JSON report of a run with a baseline is a baseline too; and a
    third year keeps the decisions, the dismissal included."""
    first, picks, drop, edited = review_setup(tmp)
    second = wb_scan(tmp, "second", "--baseline", edited)
    last = os.path.join(tmp, "last.json")
    os.rename(second.json, last)
    third = wb_scan(tmp, "third", "--baseline", last)
    probs = cycle_problems(third.report, first, picks, drop, "last.json",
                           drop_new=False)
    fourth = wb_scan(tmp, "fourth", "--baseline", third.xlsx)
    got = by_fp(fourth.report)
    if list(picks)[0] in got:
        probs.append("year three (from the workbook): the dismissed "
                     "finding came back")
    if (got.get(list(picks)[2], {}).get("review") or {}).get(
            "decision") != "confirmed":
        probs.append("year three: the confirmed decision was lost")
    absent = {a["fingerprint"] for a in
              (fourth.report.get("baseline") or {}).get("absent") or []}
    if GONE_FP not in absent:
        probs.append("year three: the vanished decision was lost")
    for scan in (second, third, fourth):
        if "warning" in scan.res.err:
            probs.append("baseline warnings: %s" % scan.res.err.strip())
    fail_if(probs)


@test
def workbook_sheets(tmp):
    """Every sheet with its headers, and what each holds for the demo."""
    scan = wb_scan(tmp, "demo", deterministic=True)
    rep = scan.report
    probs = ["xlsx: " + p for p in L.check_workbook(scan.xlsx, rep)]
    wb = L.open_workbook(scan.xlsx)
    want = ["Summary", "Findings", "Connections", "Locations", "Timeline",
            "Settings", "Follow changes", "Coverage", "Rules", "Run"]
    if wb.sheetnames != want:
        probs.append("sheets %s, want %s" % (wb.sheetnames, want))
        fail_if(probs)
    ws = wb["Findings"]
    n = len(rep["findings"])
    colours = {}
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            if str(cf.sqref) == "A2:A%d" % (n + 1) and rule.formula:
                colours[rule.formula[0]] = \
                    rule.dxf.fill.bgColor.rgb if rule.dxf else None
    want_sev = {'"High"', '"Medium"', '"Low"', '"Info"'}
    if set(colours) != want_sev or len(set(colours.values())) != 4:
        probs.append("severity conditional formats %r" % colours)
    conn = [r for r in wb["Connections"].iter_rows(min_row=2,
                                                   values_only=True)
            if r[0]]
    want_conn = sorted((f["matched"], f.get("client"), f["confidence"].title())
                       for f in rep["findings"] if f["rule"] in (
                           "client-connection", "client-message",
                           "client-engagement"))
    got_conn = sorted((r[3], r[4], r[5]) for r in conn)
    if got_conn != want_conn or not want_conn:
        probs.append("Connections %r, want %r" % (got_conn, want_conn))
    rules = [r[0] for r in wb["Rules"].iter_rows(min_row=2,
                                                 values_only=True)]
    res = L.conduct("rules", "--json")
    import json
    catalogue = [r["id"] for r in json.loads(res.out)["rules"]] \
        if res.code == 0 else []
    if rules != catalogue:
        probs.append("Rules sheet %r, catalogue %r" % (rules, catalogue))
    cites = [r[7] for r in wb["Rules"].iter_rows(min_row=2,
                                                 values_only=True)]
    if not all(cites):
        probs.append("a rule without citations on the Rules sheet")
    facts = {r[0]: r[1] for r in wb["Run"].iter_rows(values_only=True)
             if r[0]}
    if facts.get("Policy") != "built-in" or \
            len(facts.get("Policy SHA-256") or "") != 64:
        probs.append("Run sheet policy facts %r" % facts)
    if facts.get("Time zone") != "Europe/London" or \
            facts.get("Review period") != "2023-01-01 to 2023-12-31" or \
            facts.get("Research mode") != "no":
        probs.append("Run sheet facts %r" % facts)
    inputs = [r for r in wb["Run"].iter_rows(values_only=True)
              if r[3] == rep["archives"][0]["sha256"]]
    if len(inputs) != 1:
        probs.append("Run sheet does not list the input with its SHA-256")
    for name in wb.sheetnames:
        ws = wb[name]
        if "Confidential" not in (ws.oddFooter.left.text or ""):
            probs.append("%s: no Confidential footer" % name)
    props = wb.properties
    if "Confidential" not in (props.description or ""):
        probs.append("workbook properties do not say confidential: %r" %
                     props.description)
    # the reviewer's empty Date and Expires cells are not written: their
    # columns carry the date format, Decision and Note wrap
    fcols = {h: i for i, h in enumerate(L.findings_rows(wb["Findings"])[1])}
    from openpyxl.utils import get_column_letter
    for name, fmt, wrap in (("Date", "yyyy-mm-dd", None),
                            ("Expires", "yyyy-mm-dd", None),
                            ("Decision", "General", True),
                            ("Note", "General", True)):
        dim = wb["Findings"].column_dimensions[
            get_column_letter(fcols[name] + 1)]
        if dim.number_format != fmt or dim.alignment.wrap_text != wrap:
            probs.append("Findings column %s: format %r, wrap %r" % (
                name, dim.number_format, dim.alignment.wrap_text))
    # src/report/xlsx_zip.c: every member deflated at level 1, which
    # minizip records as bits 1 and 2 of the general-purpose flags
    import zipfile
    with zipfile.ZipFile(scan.xlsx) as z:
        slow = [i.filename for i in z.infolist()
                if i.compress_type != zipfile.ZIP_DEFLATED or
                i.flag_bits & 6 != 6]
    if slow:
        probs.append("members not deflated at level 1: %s" % slow)
    fail_if(probs)


@test
def workbook_locations_sheet(tmp):
    """Location findings are listed with the distance their evidence
    gives."""
    cdir = os.path.join(L.FIXTURES, "rules_time", "geo-sensitive-site-fires")
    check(os.path.isdir(cdir), "no geo-sensitive-site-fires fixture")
    z = L.mkarchive(os.path.join(tmp, "geo.zip"), os.path.join(cdir,
                                                              "export"))
    scan = Scan(tmp, [z], read_args(cdir), cwd=cdir)
    check(scan.res.code in (0, 1), scan.res.describe())
    geo = [f for f in scan.report["findings"]
           if f["rule"].startswith("geo-")]
    check(geo, "no geo finding")
    rows = [r for r in L.open_workbook(scan.xlsx)["Locations"].iter_rows(
        min_row=2, values_only=True) if r[0]]
    probs = []
    if len(rows) != len(geo):
        probs.append("%d Locations rows, %d geo findings" % (len(rows),
                                                             len(geo)))
    for r in rows:
        if not isinstance(r[6], (int, float)) or \
                "%d m from" % r[6] not in r[8]:
            probs.append("distance %r does not come from %r" % (r[6], r[8]))
    fail_if(probs)


@test
def workbook_csv_export(tmp):
    """--csv: one line per finding with the JSON's values, RFC 4180, and
    no cell a spreadsheet would run as a formula."""
    out = os.path.join(tmp, "f.csv")
    scan = wb_scan(tmp, "csv", "--csv", out, deterministic=True)
    check(os.path.exists(out), "no CSV written")
    check(os.stat(out).st_mode & 0o777 == 0o600, "CSV is not mode 0600")
    raw = open(out, "rb").read()
    check(raw.count(b"\r\n") >= len(scan.report["findings"]) + 1,
          "CSV lines do not end with CRLF")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"),
                                           newline="")))
    probs = []
    if [r["fingerprint"] for r in rows] != \
            [f["fingerprint"] for f in scan.report["findings"]]:
        probs.append("CSV fingerprints differ from the JSON")
    for r, f in zip(rows, scan.report["findings"]):
        ev = f["evidence"]
        want = "'" + ev if ev[:1] in ("=", "+", "-", "@") else ev
        if r["evidence"] != want or r["rule"] != f["rule"]:
            probs.append("CSV row %r vs JSON %r" % (r["evidence"], ev))
        for k, v in r.items():
            if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
                probs.append("CSV cell %s starts with %r" % (k, v[:1]))
    fail_if(probs)
