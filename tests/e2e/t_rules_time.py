"""End-to-end tests of the location, settings and coverage rules and of
risk over time: each fixtures/rules_time/<rule>-fires case raises its rule
and each <rule>-near-miss case does not (the whole reports are pinned by
the fixture tests in run.py; these say what matters in each), the settings
timeline and first/last seen agree with the findings, the workbook has a
Timeline sheet with its line chart and a Settings sheet with one row per
interval, and `conduct rules --json` is valid against
schemas/rules.schema.json and agrees with `conduct rules`.

Loaded by run.py, which provides test, Scan, L, check, fail_if, read_args.
"""

import json
import os
import re
import zipfile

CASES = os.path.join(L.FIXTURES, "rules_time")
RULES_SCHEMA = os.path.join(L.ROOT, "schemas", "rules.schema.json")
STANDING_GAP = "X exports saved searches only, not search history"


def rt_scan(tmp, case):
    cdir = os.path.join(CASES, case)
    z = L.mkarchive(os.path.join(tmp, case + ".zip"),
                    os.path.join(cdir, "export"))
    scan = Scan(tmp, [z], read_args(cdir), tag=case, cwd=cdir)
    check(scan.res.code in (0, 1), "%s: %s" % (case, scan.res.describe()))
    fail_if(schema_problems(scan.report), case)
    return scan


def of_rule(report, rule):
    return [f for f in report.get("findings") or [] if f.get("rule") == rule]


def rt_cases():
    if not os.path.isdir(CASES):
        return []
    return sorted(c for c in os.listdir(CASES)
                  if os.path.isdir(os.path.join(CASES, c, "export")))


@test
def rules_time_fire_and_near_miss(tmp):
    cases = rt_cases()
    check(cases, "no fixtures/rules_time cases")
    probs = []
    for case in cases:
        m = re.match(r"^(.*)-(fires|near-miss)$", case)
        if not m:
            continue
        rule, kind = m.groups()
        notes = open(os.path.join(CASES, case, "NOTES"),
                     encoding="utf-8").read()
        if kind == "near-miss" and not ("near miss" in notes.lower() and
                                        rule in notes):
            probs.append("%s: NOTES must say 'near miss' and name %s" % (
                case, rule))
        got = of_rule(rt_scan(tmp, case).report, rule)
        if rule == "coverage-gap" and kind == "near-miss":
            # X always has one standing gap; nothing else is a gap here
            ev = [f.get("evidence") for f in got]
            if ev != [STANDING_GAP]:
                probs.append("%s: coverage-gap findings %r, want only the "
                             "standing gap" % (case, ev))
        elif kind == "fires" and not got:
            probs.append("%s: no %s finding" % (case, rule))
        elif kind == "near-miss" and got:
            probs.append("%s: %s fired: %r" % (
                case, rule, [f.get("evidence") for f in got]))
    fail_if(probs)


@test
def rules_time_sensitive_site_details(tmp):
    rep = rt_scan(tmp, "geo-sensitive-site-fires").report
    got = {f.get("record_id"): f for f in of_rule(rep, "geo-sensitive-site")}
    check(set(got) == {"510101", "510102"}, "findings for %r" % sorted(got))
    hi, med = got["510101"], got["510102"]
    probs = []
    if hi["severity"] != "high" or "300 m from Harbour Refuge" not in \
            hi["evidence"]:
        probs.append("public post: %s %r" % (hi["severity"],
                                              hi["evidence"]))
    if med["severity"] != "medium" or "private" not in med["evidence"]:
        probs.append("protected post: %s %r" % (med["severity"],
                                                 med["evidence"]))
    for f in (hi, med):
        if re.search(r"\d+\.\d{4,}", f["evidence"]):
            probs.append("evidence holds unrounded coordinates: %r" %
                         f["evidence"])
        if "-0.1200" in f["evidence"] or "51.5000" in f["evidence"]:
            probs.append("evidence shows the site's own coordinates")
    fail_if(probs)


@test
def rules_time_public_profile_interval(tmp):
    rep = rt_scan(tmp, "public-profile-fires").report
    got = of_rule(rep, "public-profile")
    check(len(got) == 1, "%d public-profile findings" % len(got))
    f = got[0]
    check(f["in_period"] is True and L.utc(f) == "2023-03-01T00:00:00Z",
          "finding %r at %r" % (f["in_period"], L.utc(f)))
    tl = rep["archives"][0]["settings_timeline"]
    want = [("on", None, "2021-05-01T00:00:00Z", True),
            ("off", "2021-05-01T00:00:00Z", "2023-03-01T00:00:00Z", False),
            ("on", "2023-03-01T00:00:00Z", None, False)]
    got_tl = [(i["value"], i["from"], i["to"], i["inferred"]) for i in tl]
    check(got_tl == want, "settings timeline %r" % got_tl)
    check(all(i["setting"] == "public" and i["recorded_as"] == "protected"
              for i in tl), "setting names %r" % tl)


@test
def rules_time_summary_and_workbook(tmp):
    scan = rt_scan(tmp, "geo-sensitive-site-fires")
    rep = scan.report
    probs = []
    by = {}
    for f in rep["findings"]:
        by.setdefault((f["subject"], f["rule"]), []).append(f)
    summ = {(r["subject"], r["rule"]): r for r in rep["rule_summary"]}
    if set(summ) != set(by):
        probs.append("rule_summary keys %r, findings %r" % (
            sorted(summ), sorted(by)))
    for k, fs in by.items():
        r = summ.get(k)
        times = sorted(L.utc(f) for f in fs if f.get("time"))
        if not r:
            continue
        if r["count"] != len(fs):
            probs.append("%s count %d, want %d" % (k, r["count"], len(fs)))
        if (r["first_seen"], r["last_seen"]) != (
                (times[0], times[-1]) if times else (None, None)):
            probs.append("%s seen %s..%s, findings %r" % (
                k, r["first_seen"], r["last_seen"], times))
    wb = L.open_workbook(scan.xlsx)
    for name in ("Timeline", "Settings"):
        if name not in wb.sheetnames:
            probs.append("no %s sheet (has %s)" % (name, wb.sheetnames))
    if "Timeline" in wb.sheetnames:
        ws = wb["Timeline"]
        rows = [r for r in ws.iter_rows(values_only=True)]
        months = {r[0]: r[1:6] for r in rows
                  if isinstance(r[0], str) and re.match(r"^\d{4}-\d{2}$",
                                                        r[0])}
        # 2023-03: one high (sensitive site) and one low (location-sharing)
        if months.get("2023-03") != (1, 0, 1, 0, 2):
            probs.append("Timeline 2023-03 row %r" % (months.get("2023-03"),))
        if "2023-04" not in months:
            probs.append("quiet months are missing from the Timeline table")
    with zipfile.ZipFile(scan.xlsx) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/")]
        if not charts:
            probs.append("no chart in the workbook")
        else:
            xml = zf.read(charts[0]).decode("utf-8")
            if "<c:lineChart>" not in xml or xml.count("<c:ser>") != 4:
                probs.append("the chart is not a line chart of 4 series")
    if "Settings" in wb.sheetnames:
        rows = [r for r in wb["Settings"].iter_rows(min_row=2,
                                                    values_only=True)
                if r[0]]
        n = sum(len(a["settings_timeline"]) for a in rep["archives"])
        if len(rows) != n or n != 3:
            probs.append("Settings has %d rows, the timeline %d (want 3)" %
                         (len(rows), n))
    fail_if(probs)


@test
def rules_json_catalogue(tmp):
    res = L.conduct("rules", "--json")
    check(res.code == 0, "conduct rules --json: %s" % res.describe())
    cat = json.loads(res.out)
    import jsonschema
    with open(RULES_SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    errs = [e.message for e in
            jsonschema.Draft202012Validator(schema).iter_errors(cat)]
    fail_if(errs[:5], "rules.schema.json")
    bare = list(jsonschema.Draft202012Validator(schema).iter_errors(
        {"rules": [{"id": "x"}]}))
    check(bare, "the schema accepts a rule with only an id")
    text = L.conduct("rules")
    ids = re.findall(r"^(\S+) \((?:info|low|medium|high)\): ", text.out,
                     re.M)
    check([r["id"] for r in cat["rules"]] == ids,
          "--json ids %r, text ids %r" % ([r["id"] for r in cat["rules"]],
                                          ids))
    mine = {r["id"]: r for r in cat["rules"]}
    for rid, sev in (("geo-sensitive-site", "high"),
                     ("geo-home-exposure", "medium"),
                     ("location-sharing", "low"),
                     ("public-profile", "info"),
                     ("coverage-gap", "info")):
        check(rid in mine and mine[rid]["severity"] == sev,
              "%s: %r" % (rid, mine.get(rid)))
    # coverage-gap reads likes only, to count those that name no owner
    check(mine["coverage-gap"]["kinds"] == ["like"],
          "coverage-gap reads %r" % mine["coverage-gap"]["kinds"])
