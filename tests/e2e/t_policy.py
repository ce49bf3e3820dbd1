"""The agency policy end to end (issue 3): `conduct policy --print-default`
prints the built-in policy, which is policy/default.json byte for byte and
valid against schemas/policy.schema.json; `conduct policy --check` lists
every problem of a broken policy with its JSON path and exits 1; and
`conduct scan --policy` applies a policy to the demo export: a rule switched
off raises nothing, a severity override is applied, and the policy's review
period, time zone and client register are used where the command line sets
none (the command line wins where it does). A policy with problems stops
the scan before anything is read (exit 3, no report).

Loaded by run.py (load_test_modules), which provides test, Scan, L, check
and fail_if."""

import json
import os
import shutil

POLICY_SCHEMA = os.path.join(L.ROOT, "schemas", "policy.schema.json")
DEFAULT = os.path.join(L.ROOT, "policy", "default.json")
PFIX = os.path.join(L.FIXTURES, "policy")
DEMO = os.path.join(L.FIXTURES, "demo")
DEMO_EXPORT = os.path.join(DEMO, "x-jordan-2023")
DEMO_CLIENTS = os.path.join(DEMO, "clients.csv")

# Every problem of fixtures/policy/broken.json, by the path it is named at.
BROKEN_PATHS = [
    "$.colour", "$.version", "$.time_zone", "$.review_period.since",
    "$.review_period.until", "$.grace_days", "$.clients_file",
    "$.lexicons.casework", '$.lexicons["Bad Name"]', "no-words.txt: line 2",
    "$.case_number_patterns[0].pattern", "$.case_number_patterns[1].pattern",
    "$.allow.colour", "$.allow.terms", "$.rules.no-such-rule",
    "$.rules.client-mention.enabled", "$.rules.client-mention.severity",
    "$.rules.case-talk.match.near[1]", "$.rules.case-talk.match.within",
    "$.rules.frustration.colour", "$.rules.frustration.params.words",
]


def policy_errors(doc):
    """Schema violations of a policy document as readable lines."""
    import jsonschema
    with open(POLICY_SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(top)",
                        e.message[:200])
            for e in cls(schema).iter_errors(doc)]


def write_policy(tmp, name, doc):
    return L.write(os.path.join(tmp, "policy", name), json.dumps(doc))


def findings(scan, rule=None):
    return [f for f in scan.report.get("findings") or []
            if rule is None or f.get("rule") == rule]


def demo_scan(tmp, tag, args):
    scan = Scan(tmp, [DEMO_EXPORT], ["--clients", DEMO_CLIENTS] + args,
                tag=tag)
    check(scan.res.code == 0, "%s: %s" % (tag, scan.res.describe()))
    return scan


@test
def policy_print_default(tmp):
    res = L.conduct("policy", "--print-default")
    check(res.code == 0, res.describe())
    with open(DEFAULT, encoding="utf-8") as f:
        want = f.read()
    check(res.out == want, "--print-default differs from policy/default.json")
    doc = json.loads(res.out)
    fail_if(policy_errors(doc), "the built-in policy against the schema")
    rules = doc.get("rules") or {}
    check(rules.get("affiliation", {}).get("enabled") is False,
          "affiliation is not off in the built-in policy")
    probs = []
    for line in L.conduct("rules").out.splitlines():
        if line and not line.startswith(" ") and " (" in line and \
                not line.startswith("Standards cited:"):
            rid = line.split(" (")[0]
            if rid not in rules:
                probs.append("registered rule %s is not in the built-in "
                             "policy" % rid)
    fail_if(probs)
    # the schema is not vacuous: the broken fixture fails it, the good
    # one passes
    with open(os.path.join(PFIX, "good.json"), encoding="utf-8") as f:
        fail_if(policy_errors(json.load(f)), "good.json against the schema")
    with open(os.path.join(PFIX, "broken.json"), encoding="utf-8") as f:
        check(policy_errors(json.load(f)),
              "the schema accepts fixtures/policy/broken.json")


@test
def policy_check_reports_every_problem(tmp):
    res = L.conduct("policy", "--check",
                    os.path.join(PFIX, "broken.json"))
    check(res.code == 1, "--check broken.json: %s" % res.describe())
    missing = [p for p in BROKEN_PATHS
               if "conduct: 'broken.json': %s: " % p not in res.err]
    fail_if(missing, "paths not named on stderr")
    lines = [ln for ln in res.err.splitlines()
             if ln.startswith("conduct: 'broken.json': ")]
    check(len(lines) == len(BROKEN_PATHS) + 1,
          "%d problem lines, want %d and a summary:\n%s" % (
              len(lines), len(BROKEN_PATHS), res.err))
    good = L.conduct("policy", "--check", os.path.join(PFIX, "good.json"))
    check(good.code == 0, "--check good.json: %s" % good.describe())
    check("valid policy" in good.out and "casework: 3 terms" in good.out,
          "--check good.json says: %r" % good.out[:300])
    # the register a policy names is read: a row a scan would skip is
    # reported, with its line
    L.write(os.path.join(tmp, "p", "reg.csv"),
            L.REGISTER_HEADER + "\nC-1,Ann Example,,,,,no\n,No Ref,,,,,no\n")
    L.write(os.path.join(tmp, "p", "p.json"),
            '{"version": 1, "clients_file": "reg.csv"}')
    reg = L.conduct("policy", "--check", os.path.join(tmp, "p", "p.json"))
    check(reg.code == 1 and "'reg.csv': line 3: " in reg.err,
          "--check with a bad register row: %s" % reg.describe())
    for args in ((), ("--print-default", "--check", "x.json"),
                 ("--frobnicate",)):
        r = L.conduct("policy", *args)
        check(r.code == 2, "policy %s: %s" % (" ".join(args),
                                                r.describe()))


@test
def policy_scan_rule_disabled(tmp):
    base = demo_scan(tmp, "base", [])
    check(findings(base, "client-mention"),
          "the demo raises no client-mention without a policy")
    pol = write_policy(tmp, "off.json", {
        "version": 1, "rules": {"client-mention": {"enabled": False}}})
    scan = demo_scan(tmp, "off", ["--policy", pol])
    check(not findings(scan, "client-mention"),
          "client-mention raised %d findings with the rule disabled" %
          len(findings(scan, "client-mention")))
    # the other rules are untouched
    for rule in ("client-connection", "client-message"):
        check(len(findings(scan, rule)) == len(findings(base, rule)),
              "%s: %d findings, %d without the policy" % (
                  rule, len(findings(scan, rule)), len(findings(base, rule))))


@test
def policy_scan_severity_override(tmp):
    base = demo_scan(tmp, "base", [])
    check(any(f.get("severity") == "high"
              for f in findings(base, "client-connection")),
          "no high client-connection finding without a policy")
    pol = write_policy(tmp, "sev.json", {
        "version": 1, "rules": {"client-connection": {"severity": "low"}}})
    scan = demo_scan(tmp, "sev", ["--policy", pol])
    got = [f.get("severity") for f in findings(scan, "client-connection")]
    check(got and all(s == "low" for s in got),
          "client-connection severities %r, want all low" % got)
    # the totals count the finding at its new severity
    by_sev = (scan.report.get("totals") or {}).get("by_severity") or {}
    want = {s: sum(1 for f in findings(scan) if f.get("severity") == s)
            for s in ("high", "medium", "low", "info")}
    check(by_sev == want, "totals.by_severity %r, findings say %r" % (
        by_sev, want))


@test
def policy_scan_defaults_and_command_line(tmp):
    pdir = os.path.join(tmp, "policy")
    os.makedirs(pdir, exist_ok=True)
    shutil.copy(DEMO_CLIENTS, os.path.join(pdir, "register.csv"))
    pol = write_policy(tmp, "period.json", {
        "version": 1, "time_zone": "Europe/London",
        "review_period": {"since": "2023-06-01", "until": "2023-12-31"},
        "clients_file": "register.csv"})
    # no --clients, --since, --tz: the policy's apply
    scan = Scan(tmp, [DEMO_EXPORT], ["--policy", pol], tag="policy")
    check(scan.res.code == 0, scan.res.describe())
    rep = scan.report
    check(rep.get("review_period") == {"since": "2023-06-01",
                                       "until": "2023-12-31"},
          "review_period %r" % rep.get("review_period"))
    check(rep.get("time_zone") == "Europe/London",
          "time_zone %r" % rep.get("time_zone"))
    check(rep.get("clients_file") == "register.csv",
          "clients_file %r (the policy's register, relative to it)" %
          rep.get("clients_file"))
    mentions = findings(scan, "client-mention")
    check(mentions, "no client-mention: the policy's register was not used")
    # 2023-03-21 (Evelyn by name) is before the policy's period
    early = [f for f in mentions if (f.get("time") or "") < "2023-06-01"]
    check(early and all(f.get("in_period") is False for f in early),
          "findings before 2023-06-01 not marked earlier: %r" %
          [(f.get("time"), f.get("in_period")) for f in early])
    # the command line wins
    cli = Scan(tmp, [DEMO_EXPORT], ["--policy", pol, "--since", "2023-01-01",
                                    "--tz", "UTC"], tag="cli")
    check(cli.res.code == 0, cli.res.describe())
    check(cli.report.get("review_period") == {"since": "2023-01-01",
                                              "until": "2023-12-31"},
          "with --since: review_period %r" % cli.report.get("review_period"))
    check(cli.report.get("time_zone") == "UTC",
          "with --tz UTC: time_zone %r" % cli.report.get("time_zone"))


@test
def policy_scan_refuses_bad_policy(tmp):
    scan = Scan(tmp, [DEMO_EXPORT], [
        "--clients", DEMO_CLIENTS, "--policy",
        os.path.join(PFIX, "broken.json")])
    check(scan.res.code == 3, "exit %s, want 3" % scan.res.code)
    check("conduct: 'broken.json': $.rules.no-such-rule: " in scan.res.err,
          "stderr does not name the problem: %r" % scan.res.err[-400:])
    check(not os.path.exists(scan.json) and not os.path.exists(scan.xlsx),
          "a report was written with a broken policy")
    missing = Scan(tmp, [DEMO_EXPORT], ["--policy",
                                        os.path.join(tmp, "none.json")],
                   tag="missing")
    check(missing.res.code == 3 and "none.json" in missing.res.err,
          "a missing policy: %s" % missing.res.describe())


LEXICON_TWEETS = [
    (11, "Home visit with my client today, long drive back"),
    (12, "My client at the lamp shop sold me a lovely lamp"),
    (13, "Morning run along the river"),
]


def lexicon_export(tmp):
    tweets = [L.tweet(n, text, "Tue Mar 14 12:30:00 +0000 2023")
              for n, text in LEXICON_TWEETS]
    return L.twitter_export(os.path.join(tmp, "lex-tree"), tweets=tweets)


def case_talk_ids(scan):
    return sorted(f.get("record_id") for f in findings(scan, "case-talk"))


@test
def policy_lexicon_default_and_override(tmp):
    tree = lexicon_export(tmp)
    # built-in lexicons: a casework phrase near a work-context word fires,
    # the same phrase about a shop does not
    base = Scan(tmp, [tree], tag="builtin")
    check(base.res.code == 0, base.res.describe())
    check(case_talk_ids(base) == ["11"],
          "case-talk on tweets %r with the built-in lexicons, want ['11']"
          % case_talk_ids(base))
    # an agency lexicon replaces the built-in one of that name
    L.write(os.path.join(tmp, "policy", "lex", "context.txt"),
            "# our own work-context words\nlamp shop\n")
    pol = write_policy(tmp, "lex.json", {
        "version": 1, "lexicons": {"work_context": "lex/context.txt"}})
    scan = Scan(tmp, [tree], ["--policy", pol], tag="agency")
    check(scan.res.code == 0, scan.res.describe())
    # (tweet 11 still fires: "Home visit" near "my client", two casework
    # phrases, is casework whatever the work-context words)
    check(case_talk_ids(scan) == ["11", "12"],
          "case-talk on tweets %r with the agency's work_context, want "
          "['11', '12']" % case_talk_ids(scan))


@test
def policy_readme_example(tmp):
    """The README's example policy is valid against the schema, and conduct
    accepts it once the files it names exist."""
    import re
    with open(os.path.join(L.ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    check("## Policy" in text, "README has no Policy section")
    section = text.split("## Policy", 1)[1].split("\n## ", 1)[0]
    m = re.search(r"```json\n(.*?)```", section, re.S)
    check(m, "the Policy section has no JSON example")
    doc = json.loads(m.group(1))
    fail_if(policy_errors(doc), "README example against the schema")
    d = os.path.join(tmp, "readme")
    os.makedirs(d, exist_ok=True)
    shutil.copy(DEMO_CLIENTS, os.path.join(d, "clients.csv"))
    shutil.copy(os.path.join(PFIX, "sites.geojson"), d)
    L.write(os.path.join(d, "lexicons", "our-casework.txt"), "my client\n")
    pol = L.write(os.path.join(d, "policy.json"), m.group(1))
    res = L.conduct("policy", "--check", pol)
    check(res.code == 0, "--check of the README example: %s" %
          res.describe())


@test
def policy_zone_check_agrees_with_scan(tmp):
    """One zone check (issue 19): a zone `policy --check` accepts, `scan`
    accepts, from the policy and from --tz; a zone one refuses the other
    refuses. leapseconds is a text file of the zoneinfo directory that
    `policy --check` once took for a zone and `scan` then refused."""
    for zone, known in (("Europe/London", True), ("Etc/GMT+5", True),
                        ("leapseconds", False), ("Europe/Nowhere", False),
                        ("Europe/../Europe/London", False)):
        tag = zone.replace("/", "_").replace(".", "_")
        pol = write_policy(tmp, tag + ".json",
                           {"version": 1, "time_zone": zone})
        res = L.conduct("policy", "--check", pol)
        named = "$.time_zone: unknown time zone '%s'" % zone in res.err
        check(res.code == (0 if known else 1) and named != known,
              "policy --check with time_zone %r: %s" % (zone,
                                                        res.describe()))
        scan = Scan(tmp, [DEMO_EXPORT], ["--policy", pol], tag=tag)
        if known:
            check(scan.res.code == 0, "scan with a policy whose zone %r "
                  "--check accepts: %s" % (zone, scan.res.describe()))
            check(scan.report.get("time_zone") == zone,
                  "time_zone %r, want %r" % (scan.report.get("time_zone"),
                                             zone))
        else:
            check(scan.res.code == 3 and named and
                  "$.time_zone: unknown time zone" in scan.res.err,
                  "scan with a policy whose zone %r --check refuses: %s"
                  % (zone, scan.res.describe()))
        tz = Scan(tmp, [DEMO_EXPORT], ["--tz", zone], tag=tag + "-tz")
        check((tz.res.code == 0) == known,
              "scan --tz %r: %s (policy --check %s it)" % (
                  zone, tz.res.describe(),
                  "accepts" if known else "refuses"))
