#!/usr/bin/python3
"""The end-to-end suite: runs the built build/conduct the way an agency
would and checks what it writes. `make check` runs it from the repository
root; it prints `ok NAME` or `FAIL NAME: WHY` per test and ends with
`e2e: N passed, N failed` (exit 1 if anything failed; `skip NAME: WHY` and
`, N skipped` for a test this environment cannot run).

Fixture cases: every fixtures/<platform>/<case>/ with an export/ tree is
packed by build/mkarchive into <platform>-<case>.zip (and .tar.gz, and
copied as a plain directory) and scanned with
`--deterministic --json R.json -o R.xlsx` plus the lines of the case's
optional `args` file (one argument per line; blank lines and lines starting
with '#' are skipped). conduct runs with the case directory as its working
directory, so `args` can name files beside it (`--clients`, `clients.csv`).
When the case has expected.json, the whole report must equal it, except
each archive's sha256, which is checked against the packed file instead
(so a different zlib cannot break the comparison).

More tests live in tests/e2e/t_<topic>.py modules, loaded at start (see
load_test_modules below).

Usage: run.py [--update] [--keep] [-v] [PATTERN...]
  --update   write expected.json for the selected fixture cases from what
             conduct produces now (review the diff before committing)
  --keep     keep each test's temporary directory
  -v         print conduct's stderr and tracebacks of failed tests
  PATTERN    run only tests whose name contains one of these
"""

import json
import os
import random
import re
import shutil
import sys
import tempfile
import traceback
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2elib as L  # noqa: E402
from e2elib import Fail, check  # noqa: E402

TESTS = []
OPTS = {"update": False, "keep": False, "verbose": False}


def test(fn):
    TESTS.append((fn.__name__, fn))
    return fn


def fail_if(probs, what=None):
    if probs:
        raise Fail((what + ": " if what else "") + "; ".join(probs))


# --- Shared steps -----------------------------------------------------------

class Scan:
    """One `conduct scan` run writing tmp/<tag>/R.json and R.xlsx."""

    def __init__(self, tmp, inputs, args=(), tag="out", cwd=None,
                 deterministic=True):
        self.dir = os.path.join(tmp, tag)
        os.makedirs(self.dir, exist_ok=True)
        self.json = os.path.join(self.dir, "R.json")
        self.xlsx = os.path.join(self.dir, "R.xlsx")
        argv = ["scan"] + (["--deterministic"] if deterministic else []) + [
            "--json", self.json, "-o", self.xlsx] + list(args) + list(inputs)
        if cwd is None:
            cwd = os.path.join(tmp, "cwd", "sub")
            os.makedirs(cwd, exist_ok=True)
        self.res = L.conduct(*argv, cwd=cwd)
        if OPTS["verbose"] and self.res.err:
            sys.stdout.write("  stderr of scan: " + self.res.err.replace(
                "\n", "\n    ") + "\n")
        self._report = None

    @property
    def report(self):
        if self._report is None:
            check(os.path.exists(self.json), "no JSON report (%s)" %
                  self.res.describe())
            self._report = L.load_json(self.json)
        return self._report

    def leftovers(self):
        """Files in the output directory other than the two reports."""
        return sorted(set(os.listdir(self.dir)) - {"R.json", "R.xlsx"})


def read_args(case_dir):
    path = os.path.join(case_dir, "args")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f
                if ln.strip() and not ln.lstrip().startswith("#")]


def fixture_cases():
    """(platform, case, case_dir) for every fixture with an export/ tree."""
    cases = []
    if not os.path.isdir(L.FIXTURES):
        return cases
    for platform in sorted(os.listdir(L.FIXTURES)):
        pdir = os.path.join(L.FIXTURES, platform)
        if not os.path.isdir(pdir):
            continue
        for case in sorted(os.listdir(pdir)):
            cdir = os.path.join(pdir, case)
            if os.path.isdir(os.path.join(cdir, "export")):
                cases.append((platform, case, cdir))
    return cases


def status_problems(scan):
    """Exit code agrees with the statuses in the report."""
    probs = []
    code = scan.res.code
    if code not in (0, 1):
        return ["exit code %s (%s)" % (code, scan.res.describe())]
    statuses = [a.get("status") for a in scan.report.get("archives") or []
                if isinstance(a, dict)]
    all_ok = bool(statuses) and all(s in ("ok", "ok-with-warnings")
                                      for s in statuses)
    if (code == 0) != all_ok:
        probs.append("exit code %d but archive statuses %s" % (code,
                                                                statuses))
    return probs


def schema_problems(report):
    errs = L.schema_errors(report)
    return ["schema: " + e for e in errs[:8]] if errs else []


def normalised(path):
    """A copy of a report with sha256 values masked (checked elsewhere)."""
    with open(path, encoding="utf-8") as f:
        rep = json.load(f)
    for a in rep.get("archives") or []:
        if isinstance(a, dict) and "sha256" in a:
            a["sha256"] = "<sha256 checked against the packed file>"
        for p in (a.get("parts") or []) if isinstance(a, dict) else []:
            if isinstance(p, dict) and "sha256" in p:
                p["sha256"] = "<sha256 checked against the packed file>"
    return rep


def container_view(report, stem):
    """What must not depend on the container: per-archive status, platforms,
    counts, coverage and diagnostics, and the findings, with the input's
    file name reduced to its stem."""
    keep = ("subject", "platforms", "status", "counts", "coverage",
            "diagnostics")
    view = {"archives": [{k: a.get(k) for k in keep}
                         for a in report.get("archives") or []
                         if isinstance(a, dict)],
            "findings": report.get("findings")}
    text = json.dumps(view, sort_keys=True)
    text = text.replace(stem + ".tar.gz", stem).replace(stem + ".zip", stem)
    return json.loads(text)


# --- Fixture cases ----------------------------------------------------------

def fixture_scan(tmp, platform, case, cdir):
    name = "%s-%s" % (platform, case)
    z = L.mkarchive(os.path.join(tmp, name + ".zip"),
                    os.path.join(cdir, "export"))
    scan = Scan(tmp, [z], read_args(cdir), tag="zip", cwd=cdir)
    return name, z, scan


def make_fixture_test(platform, case, cdir):
    def fn(tmp):
        name, z, scan = fixture_scan(tmp, platform, case, cdir)
        probs = status_problems(scan)
        rep = scan.report
        probs += schema_problems(rep)
        try:
            a = L.archive_by_file(rep, name + ".zip")
            if a.get("sha256") != L.sha256_file(z):
                probs.append("archives[0].sha256 is %r, the file's is %s" % (
                    a.get("sha256"), L.sha256_file(z)))
        except Fail as e:
            probs.append(str(e))
        expected = os.path.join(cdir, "expected.json")
        if OPTS["update"]:
            with open(expected, "w", encoding="utf-8") as f:
                json.dump(rep, f, indent=2, ensure_ascii=False)
                f.write("\n")
            print("  updated %s" % os.path.relpath(expected, L.ROOT))
        elif os.path.exists(expected):
            want = normalised(expected)
            diff = L.json_diff(normalised(scan.json), want)
            if diff:
                probs.append("report differs from expected.json:\n    " +
                             "\n    ".join(diff))
        probs += ["xlsx: " + p for p in L.check_workbook(scan.xlsx, rep)]
        probs += ["path leak: " + p for p in
                  L.leaked_paths(scan.json, scan.xlsx, [tmp])]
        fail_if(probs)
    fn.__name__ = "fixture_%s_%s" % (platform, case)
    return fn


def make_container_test(platform, case, cdir):
    def fn(tmp):
        name, z, zscan = fixture_scan(tmp, platform, case, cdir)
        want = container_view(zscan.report, name)
        check(want["archives"], "the zip scan reported no archive")
        tgz = L.mkarchive(os.path.join(tmp, name + ".tar.gz"),
                          os.path.join(cdir, "export"))
        tree = os.path.join(tmp, name)
        shutil.copytree(os.path.join(cdir, "export"), tree)
        probs = []
        for label, inp in (("tar.gz", tgz), ("directory", tree)):
            scan = Scan(tmp, [inp], read_args(cdir), tag=label, cwd=cdir)
            if scan.res.code != zscan.res.code:
                probs.append("%s exits %d, zip %d" % (
                    label, scan.res.code, zscan.res.code))
            diff = L.json_diff(container_view(scan.report, name), want)
            if diff:
                probs.append("%s differs from zip:\n    %s" % (
                    label, "\n    ".join(diff)))
        fail_if(probs)
    fn.__name__ = "container_%s_%s" % (platform, case)
    return fn


for _p, _c, _d in fixture_cases():
    test(make_fixture_test(_p, _c, _d))
    test(make_container_test(_p, _c, _d))


@test
def fixtures_found(tmp):
    check(fixture_cases(), "no fixtures/<platform>/<case>/export trees")


@test
def schema_present(tmp):
    check(os.path.exists(L.SCHEMA), "schemas/report.schema.json missing")
    errs = L.schema_errors({})
    check(errs is not None and not any("not a valid schema" in e or
                                       "not valid JSON" in e for e in errs),
          "; ".join(errs or []))
    check(errs, "the schema accepts an empty object")


# --- Synthetic exports ------------------------------------------------------

BASELINE = {}


def good_zip(tmp, name="good.zip"):
    """A small valid X export, every member under 1000 bytes, of another
    subject than the broken ones (so no run mistakes them for the parts of
    one split export)."""
    tree = L.twitter_export(os.path.join(tmp, "good-tree"),
                            account=("1002", "dana_worker"))
    for dirpath, _, files in os.walk(tree):
        for f in files:
            assert os.path.getsize(os.path.join(dirpath, f)) < 1000, f
    return L.mkarchive(os.path.join(tmp, name), tree)


def baseline_counts():
    """The counts of the good archive scanned on its own (once)."""
    if "counts" not in BASELINE:
        tmp = tempfile.mkdtemp(prefix="conduct-e2e-base-")
        try:
            scan = Scan(tmp, [good_zip(tmp)])
            check(scan.res.code == 0, "the good archive alone: %s" %
                  scan.res.describe())
            BASELINE["counts"] = L.archive_by_file(scan.report,
                                                   "good.zip").get("counts")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return BASELINE["counts"]


@test
def synthetic_counts(tmp):
    scan = Scan(tmp, [good_zip(tmp)])
    check(scan.res.code == 0, scan.res.describe())
    a = L.archive_by_file(scan.report, "good.zip")
    want = {k: 0 for k in L.COUNT_KEYS}
    want.update(posts=3, following=2, followers=1)
    diff = L.json_diff(a.get("counts"), want, "counts")
    fail_if(diff)
    check(a.get("status") == "ok", "status %r" % a.get("status"))
    check(scan.report.get("status") == "ok",
          "top-level status %r" % scan.report.get("status"))
    check("twitter" in json.dumps(a.get("platforms")).lower(),
          "platforms %r" % a.get("platforms"))
    fail_if(schema_problems(scan.report))
    fail_if(L.check_workbook(scan.xlsx, scan.report), "xlsx")


CLIENT_TEXT = '=HYPERLINK("x") Evelyn Example'


def client_setup(tmp):
    """An export whose first tweet names a registered client, the register,
    and the zip."""
    tweets = [L.tweet(1, CLIENT_TEXT)] + L.DEFAULT_TWEETS[1:]
    tree = L.twitter_export(os.path.join(tmp, "client-tree"), tweets=tweets)
    reg = L.register(os.path.join(tmp, "clients.csv"), [
        {"ref": "C-001", "names": "Evelyn Example"},
        {"ref": "C-002", "names": "Robin Sample"}])
    z = L.mkarchive(os.path.join(tmp, "client.zip"), tree)
    return tree, reg, z


@test
def deterministic_reports(tmp):
    tree, reg, z = client_setup(tmp)
    a = Scan(tmp, [z], ["--clients", reg], tag="one")
    b = Scan(tmp, [z], ["--clients", reg], tag="two")
    check(a.res.code == 0 and b.res.code == 0,
          "%s / %s" % (a.res.describe(), b.res.describe()))
    check(a.report.get("findings"), "no findings to compare (the tweet "
          "names a registered client)")
    for x, y in ((a.json, b.json), (a.xlsx, b.xlsx)):
        with open(x, "rb") as f1, open(y, "rb") as f2:
            check(f1.read() == f2.read(), "%s differs between two "
                  "--deterministic runs" % os.path.basename(x))


@test
def report_files_private(tmp):
    tree, reg, z = client_setup(tmp)
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    # An old world-readable report must be replaced, not rewritten in place.
    L.write(os.path.join(out, "R.json"), "old")
    os.chmod(os.path.join(out, "R.json"), 0o644)
    scan = Scan(tmp, [z], ["--clients", reg])
    check(scan.res.code == 0, scan.res.describe())
    probs = []
    for p in (scan.json, scan.xlsx):
        if not os.path.exists(p):
            probs.append("%s missing" % os.path.basename(p))
            continue
        mode = os.stat(p).st_mode & 0o777
        if mode != 0o600:
            probs.append("%s has mode %o" % (os.path.basename(p), mode))
    if scan.leftovers():
        probs.append("left in the output directory: %s" % scan.leftovers())
    fail_if(probs)
    check(scan.report.get("archives"), "R.json still holds the old report")


@test
def no_machine_paths(tmp):
    tree, reg, z = client_setup(tmp)
    probs = []
    for tag, inp in (("zip", z), ("dir", tree)):
        scan = Scan(tmp, [inp], ["--clients", reg], tag=tag)
        check(scan.res.code == 0, "%s: %s" % (tag, scan.res.describe()))
        probs += ["%s input: %s" % (tag, p) for p in
                  L.leaked_paths(scan.json, scan.xlsx, [tmp, tree])]
        files = [a.get("file") for a in scan.report.get("archives") or []]
        if files != [os.path.basename(inp)]:
            probs.append("archive files %r, want the base name %s" % (
                files, os.path.basename(inp)))
    fail_if(probs, "absolute paths in the reports")


@test
def formula_evidence_is_text(tmp):
    tree, reg, z = client_setup(tmp)
    scan = Scan(tmp, [z], ["--clients", reg])
    check(scan.res.code == 0, scan.res.describe())
    evid = [f.get("evidence") or "" for f in scan.report.get("findings")
            or []]
    check(any("HYPERLINK" in e for e in evid),
          "no finding quotes the tweet naming the client (evidence: %r)"
          % evid[:3])
    fail_if(L.check_workbook(scan.xlsx, scan.report), "xlsx")
    wb = L.open_workbook(scan.xlsx)
    check("Findings" in wb.sheetnames, "no Findings sheet")
    _, header, rows = L.findings_rows(wb["Findings"])
    check("Evidence" in header, "no Evidence column")
    cells = [r["Evidence"] for r in rows
             if "HYPERLINK" in str(r["Evidence"].value or "")]
    check(cells, "no Evidence cell holds the tweet text")
    for c in cells:
        check(c.data_type == "s", "Evidence %s is stored as %r, not text" % (
            c.coordinate, c.data_type))
        check(str(c.value).startswith("="),
              "Evidence %s was altered: %r" % (c.coordinate, c.value))
    with zipfile.ZipFile(scan.xlsx) as zf:
        for part in zf.namelist():
            if part.startswith("xl/worksheets/"):
                xml = zf.read(part).decode("utf-8", "replace")
                check(not re.search(r"<f[ >][^<]*HYPERLINK", xml),
                      "%s holds a HYPERLINK formula" % part)


# --- Hostile inputs ---------------------------------------------------------

def hostile(tmp, bad, member=None, archive_level=False, args=(),
            extra=None):
    """Scan the good archive with bad; check the run reports both."""
    counts = baseline_counts()
    good = good_zip(tmp)
    bad_name = os.path.basename(bad)
    scan = Scan(tmp, [good, bad], args)
    probs = []
    if scan.res.code != 1:
        probs.append("exit code %s, want 1 (%s)" % (scan.res.code,
                                                    scan.res.describe()))
    for p in (scan.json, scan.xlsx):
        if not os.path.exists(p):
            probs.append("%s not written" % os.path.basename(p))
    if scan.leftovers():
        probs.append("left in the output directory: %s" % scan.leftovers())
    if bad_name not in scan.res.err:
        probs.append("stderr does not name %s" % bad_name)
    if member and member not in scan.res.err:
        probs.append("stderr does not name %s" % member)
    if not os.path.exists(scan.json):
        fail_if(probs)

    rep = scan.report
    probs += schema_problems(rep)
    g = L.archive_by_file(rep, "good.zip")
    if g.get("status") != "ok":
        probs.append("good.zip has status %r" % g.get("status"))
    if g.get("counts") != counts:
        probs.append("good.zip counts %r, alone %r" % (g.get("counts"),
                                                        counts))
    if rep.get("status") == "ok":
        probs.append("top-level status is ok")
    b = L.archive_by_file(rep, bad_name)
    if b.get("status") not in ("partial", "failed"):
        probs.append("%s has status %r" % (bad_name, b.get("status")))
    diags = [d for d in b.get("diagnostics") or [] if isinstance(d, dict)]
    if member and not any(member in (d.get("member") or "") or
                          member in (d.get("message") or "")
                          for d in diags):
        probs.append("no diagnostic of %s names %s: %r" % (
            bad_name, member, diags[:3]))
    if archive_level and not any(bad_name in (d.get("message") or "")
                                 for d in diags):
        probs.append("no diagnostic of %s names the file: %r" % (
            bad_name, diags[:3]))
    if extra:
        probs += extra(b)
    fail_if(probs)
    return scan


def posts_read(n):
    def fn(b):
        got = (b.get("counts") or {}).get("posts")
        return [] if got == n else ["posts %r, want %d (the good members "
                                    "must still be read)" % (got, n)]
    return fn


@test
def hostile_not_an_archive(tmp):
    rnd = random.Random(1)
    bad = L.write(os.path.join(tmp, "x.zip"),
                  bytes(rnd.getrandbits(8) for _ in range(4096)))
    hostile(tmp, bad, archive_level=True)


@test
def hostile_truncated_zip(tmp):
    tweets = [L.tweet(i, "Post number %d about the weekend" % i)
              for i in range(1, 60)]
    tree = L.twitter_export(os.path.join(tmp, "t-tree"), tweets=tweets)
    whole = L.mkarchive(os.path.join(tmp, "whole.zip"), tree)
    with open(whole, "rb") as f:
        data = f.read()
    bad = L.write(os.path.join(tmp, "trunc.zip"), data[:len(data) // 2])
    hostile(tmp, bad, archive_level=True)


@test
def hostile_encrypted_member(tmp):
    tree = L.twitter_export(os.path.join(tmp, "e-tree"))
    bad = L.mkarchive(os.path.join(tmp, "locked.zip"), tree,
                      "--encrypt", "data/tweets.js", "--password", "secret")
    hostile(tmp, bad, member="data/tweets.js")


@test
def hostile_malformed_member(tmp):
    tree = L.twitter_export(os.path.join(tmp, "m-tree"))
    L.write(os.path.join(tree, "data", "following.js"),
            'window.YTD.following.part0 = [\n  {"following":{"accountId":'
            '"2001",\n  {"following" : \n')
    bad = L.mkarchive(os.path.join(tmp, "broken.zip"), tree)
    hostile(tmp, bad, member="data/following.js", extra=posts_read(3))


@test
def hostile_member_too_big(tmp):
    tweets = [L.tweet(i, "A longer post, number %d, to fill the file" % i)
              for i in range(1, 80)]
    tree = L.twitter_export(os.path.join(tmp, "b-tree"), tweets=tweets)
    check(os.path.getsize(os.path.join(tree, "data", "tweets.js")) > 4096,
          "test setup: tweets.js too small")
    bad = L.mkarchive(os.path.join(tmp, "big.zip"), tree)
    hostile(tmp, bad, member="data/tweets.js",
            args=["--max-member-size", "1K"])


@test
def hostile_unrecognised_export(tmp):
    tree = os.path.join(tmp, "u-tree")
    L.write(os.path.join(tree, "notes.txt"), "shopping: eggs, flour\n")
    L.write(os.path.join(tree, "recipes", "cake.txt"), "mix and bake\n")
    L.write(os.path.join(tree, "data.csv"), "a,b\n1,2\n")
    bad = L.mkarchive(os.path.join(tmp, "notes.zip"), tree)
    hostile(tmp, bad, archive_level=True)


def traversal(tmp, name, zipname):
    evil = L.write(os.path.join(tmp, "evil-src.txt"), "not for disk\n")
    tree = L.twitter_export(os.path.join(tmp, "p-tree"))
    bad = L.mkarchive(os.path.join(tmp, zipname), tree, "--add",
                      "%s=%s" % (name, evil))
    # Scan runs in tmp/cwd/sub: an extracted ../evil.txt would land here.
    landing = os.path.join(tmp, "cwd", "evil.txt")
    hostile(tmp, bad, member=name.lstrip("/") if name.startswith("/")
            else name, extra=posts_read(3))
    check(not os.path.exists(landing), "evil.txt was written to disk")


@test
def hostile_member_dotdot(tmp):
    traversal(tmp, "../evil.txt", "dotdot.zip")


@test
def hostile_member_absolute(tmp):
    before = os.path.exists("/abs.txt")
    traversal(tmp, "/abs.txt", "absolute.zip")
    check(before or not os.path.exists("/abs.txt"), "/abs.txt was written")


@test
def hostile_empty_zip(tmp):
    bad = L.mkarchive(os.path.join(tmp, "empty.zip"))
    check(os.path.getsize(bad) == 22, "test setup: not an empty zip")
    hostile(tmp, bad, archive_level=True)


@test
def hostile_zero_bytes(tmp):
    bad = L.write(os.path.join(tmp, "zero.zip"), b"")
    hostile(tmp, bad, archive_level=True)


@test
def hostile_missing_input(tmp):
    bad = os.path.join(tmp, "absent.zip")
    hostile(tmp, bad, archive_level=True)


# --- Command line -----------------------------------------------------------

SCAN_OPTIONS = ["-o", "--json", "--clients", "--since", "--until", "--tz",
                "-q", "--deterministic", "--platform", "--subject",
                "--max-member-size", "--max-total-size"]
OPTION_VALUES = {"--since": "2023-01-01", "--until": "2023-12-31",
                 "--tz": "Europe/London", "--export-tz": "Europe/Paris",
                 "--platform": "twitter",
                 "--subject": "s1", "--max-member-size": "64M",
                 "--max-total-size": "1G", "--grace-days": "30"}


def help_options(text):
    """The options a help text lists, one tuple of aliases per line
    (`-o, --output FILE`), each with whether it takes a value."""
    found = []
    for line in text.splitlines():
        m = re.match(r"\s+(--?[A-Za-z][\w-]*(?:,\s*--?[A-Za-z][\w-]*)*)"
                     r"(?:[ =](<[^>]+>|[A-Z][\w.-]*))?(?:\s|$)", line)
        if m:
            names = tuple(n.strip() for n in m.group(1).split(","))
            found.append((names, bool(m.group(2))))
    return found


def has_option(text, opt):
    return re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(opt), text)


@test
def cli_help_lists_options(tmp):
    top = L.conduct("--help")
    check(top.code == 0, "--help: %s" % top.describe())
    sub = L.conduct("help", "scan")
    check(sub.code == 0, "help scan: %s" % sub.describe())
    text = top.out + sub.out
    for cmd in ("scan", "inspect", "rules"):
        check(re.search(r"\b%s\b" % cmd, top.out), "--help does not list "
              "the %s command" % cmd)
    missing = [o for o in SCAN_OPTIONS if not has_option(text, o)]
    fail_if(missing, "options missing from --help / help scan")


@test
def cli_listed_options_accepted(tmp):
    sub = L.conduct("help", "scan")
    check(sub.code == 0, "help scan: %s" % sub.describe())
    listed = help_options(sub.out)
    check(listed, "help scan lists no options")
    good = good_zip(tmp)
    reg = L.register(os.path.join(tmp, "clients.csv"),
                     [{"ref": "C-1", "names": "Evelyn Example"}])
    probs = []
    for i, (names, takes_value) in enumerate(listed):
        opt = names[-1]
        if set(names) & {"-h", "--help", "-V", "--version"}:
            res = L.conduct("scan", opt)
            if res.code != 0:
                probs.append("scan %s: %s" % (opt, res.describe()))
            continue
        out = os.path.join(tmp, "o%d" % i)
        os.makedirs(out)
        outputs = {"--json": os.path.join(out, "R.json"),
                   "-o": os.path.join(out, "R.xlsx")}
        if "--output" in names:
            names = names + ("-o",)
        values = dict(OPTION_VALUES, **outputs)
        values["--clients"] = reg
        args = []
        for o, v in outputs.items():
            if o not in names:
                args += [o, v]
        known = [values[n] for n in names if n in values]
        args.append(opt)
        if takes_value:
            args.append(known[0] if known else "1")
        # In tmp: an option that writes a file must not write it here.
        res = L.conduct("scan", *(args + [good]), cwd=out)
        if re.search(r"unknown|unrecogni[sz]ed|invalid option", res.err,
                     re.I) or (known and res.code not in (0, 1)):
            probs.append("scan %s: %s" % (" ".join(args[-2:] if takes_value
                                                   else args[-1:]),
                                          res.describe()))
    fail_if(probs, "listed options refused")


@test
def cli_version(tmp):
    res = L.conduct("--version")
    check(res.code == 0, res.describe())
    check(re.search(r"\b\d+\.\d+\.\d+\b", res.out),
          "no version number in %r" % res.out[:80])


@test
def cli_usage_errors(tmp):
    good = good_zip(tmp)
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    j, x = os.path.join(out, "R.json"), os.path.join(out, "R.xlsx")
    cases = [
        ["scan"],
        ["scan", "--json", j, "-o", x],
        ["scan", "--no-such-option", "--json", j, "-o", x, good],
        ["frobnicate"],
        ["scan", "--since", "not-a-date", "--json", j, "-o", x, good],
        ["scan", "--until", "2023-13-45", "--json", j, "-o", x, good],
        ["scan", "--max-member-size", "12Q", "--json", j, "-o", x, good],
        ["scan", "--json"],
    ]
    probs = []
    for args in cases:
        res = L.conduct(*args)
        shown = " ".join(os.path.basename(a) for a in args)
        if res.code != 2:
            probs.append("'%s' exits %s, want 2" % (shown, res.code))
        elif not res.err.strip():
            probs.append("'%s' prints no message" % shown)
    if os.listdir(out):
        probs.append("a usage error wrote %s" % os.listdir(out))
    fail_if(probs)


@test
def cli_unreadable_clients(tmp):
    good = good_zip(tmp)
    probs = []
    for reg in (os.path.join(tmp, "nowhere", "clients.csv"),
                os.path.join(tmp, "dir-clients.csv")):
        if reg.endswith("dir-clients.csv"):
            os.makedirs(reg)
        scan = Scan(tmp, [good], ["--clients", reg], tag="o-" +
                    os.path.basename(reg))
        name = os.path.basename(reg)
        if scan.res.code != 3:
            probs.append("--clients %s exits %s, want 3" % (
                name, scan.res.code))
        elif name not in scan.res.err:
            probs.append("stderr does not name %s: %r" % (
                name, scan.res.err.strip()[-200:]))
    fail_if(probs)


@test
def cli_unwritable_report(tmp):
    good = good_zip(tmp)
    probs = []
    for opt in ("-o", "--json"):
        out = os.path.join(tmp, "o" + opt.strip("-"))
        os.makedirs(out)
        paths = {"-o": os.path.join(out, "R.xlsx"),
                 "--json": os.path.join(out, "R.json")}
        paths[opt] = os.path.join(tmp, "no-such-dir", "R.report")
        res = L.conduct("scan", "--deterministic", "-o", paths["-o"],
                        "--json", paths["--json"], good)
        if res.code != 3:
            probs.append("unwritable %s exits %s, want 3" % (opt, res.code))
        elif "R.report" not in res.err:
            probs.append("unwritable %s: stderr does not name the file"
                         % opt)
    fail_if(probs)


@test
def cli_help_scan(tmp):
    res = L.conduct("help", "scan")
    check(res.code == 0, res.describe())
    check("scan" in res.out and "--json" in res.out,
          "help scan does not describe scan: %r" % res.out[:120])
    alt = L.conduct("scan", "--help")
    check(alt.code == 0, "scan --help: %s" % alt.describe())


@test
def cli_rules(tmp):
    res = L.conduct("rules")
    check(res.code == 0, res.describe())
    check(len(res.out.strip().splitlines()) >= 1, "conduct rules is empty")


def count_shown(text, key, value):
    label = r"%s" % key.replace("_", "[ _-]")
    return re.search(r"\b%s\b\D{0,30}\b%d\b|\b%d\b\D{0,30}\b%s\b" % (
        label, value, value, label), text, re.I)


@test
def cli_inspect(tmp):
    good = good_zip(tmp)
    res = L.conduct("inspect", good)
    check(res.code == 0, res.describe())
    check(re.search(r"twitter", res.out, re.I), "inspect does not name the "
          "platform: %r" % res.out[:200])
    check("good.zip" in res.out, "inspect does not name the archive")
    probs = ["%s %d" % (k, v) for k, v in (("posts", 3), ("following", 2),
                                           ("followers", 1))
             if not count_shown(res.out, k, v)]
    fail_if(probs, "inspect does not show counts")


@test
def cli_inspect_fixture(tmp):
    cases = fixture_cases()
    check(cases, "no fixtures")
    probs = []
    for platform, case, cdir in cases:
        name, z, scan = fixture_scan(tmp, platform, case, cdir)
        res = L.conduct("inspect", z)
        if res.code not in (0, 1):
            probs.append("%s: %s" % (name, res.describe()))
            continue
        try:
            a = L.archive_by_file(scan.report, name + ".zip")
        except Fail as e:
            probs.append("%s: %s" % (name, e))
            continue
        plats = a.get("platforms") or []
        plats = plats if isinstance(plats, list) else [plats]
        for p in plats:
            pname = p.get("name") if isinstance(p, dict) else p
            if pname and str(pname).lower() not in res.out.lower():
                probs.append("%s: inspect does not name %s" % (name, pname))
        for k, v in (a.get("counts") or {}).items():
            if v and not count_shown(res.out, k, v):
                probs.append("%s: inspect does not show %s %s" % (
                    name, k, v))
        shutil.rmtree(scan.dir)
    fail_if(probs)



# --- The demo and the registries --------------------------------------------

DEMO = os.path.join(L.ROOT, "fixtures", "demo")
DEMO_ARGS = ["--clients", "clients.csv", "--since", "2023-01-01",
             "--until", "2023-12-31", "--tz", "Europe/London"]


@test
def demo_scan(tmp):
    """What `make demo` shows: its findings equal fixtures/demo/expected.json,
    and the near misses of the demo NOTES raise nothing."""
    scan = Scan(tmp, ["x-jordan-2023"], DEMO_ARGS, cwd=DEMO)
    check(scan.res.code == 0, "demo scan: %s" % scan.res.describe())
    rep = scan.report
    probs = schema_problems(rep)
    expected = os.path.join(DEMO, "expected.json")
    if OPTS["update"]:
        with open(expected, "w", encoding="utf-8") as f:
            json.dump(rep, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print("  updated %s" % os.path.relpath(expected, L.ROOT))
    else:
        diff = L.json_diff(normalised(scan.json), normalised(expected))
        if diff:
            probs.append("report differs from expected.json:\n    " +
                         "\n    ".join(diff))
    rules = {f["rule"] for f in rep["findings"]}
    for rule in ("client-connection", "client-message", "client-mention"):
        if rule not in rules:
            probs.append("the demo raises no %s finding" % rule)
    for f in rep["findings"]:
        ev = f["evidence"]
        if "Evening" in ev or "Steven" in ev or "evergreen" in ev:
            probs.append("near miss matched: %s" % ev)
        if f.get("client") == "C-1188":
            probs.append("C-1188 is in no record but has a finding")
    local = [f["time"] for f in rep["findings"] if f.get("time")]
    if not any(t.endswith("+01:00") for t in local):
        probs.append("no local time in British Summer Time (+01:00): %s" %
                     local)
    probs += ["xlsx: " + p for p in L.check_workbook(scan.xlsx, rep)]
    fail_if(probs)


@test
def split_export_parts(tmp):
    """The parts of a split export joined with '+' are one export: records
    from every part, counted once, and each part listed with its digest."""
    src = os.path.join(L.ROOT, "fixtures", "twitter", "layout-2022",
                       "export")
    one, two = os.path.join(tmp, "p1"), os.path.join(tmp, "p2")
    for root, dirs, files in os.walk(src):
        for fn in files:
            rel = os.path.relpath(os.path.join(root, fn), src)
            # the manifest and account files go in both parts, as Meta's do
            dest = [one, two] if fn in ("manifest.js", "account.js") else \
                [one if (len(rel) % 2) else two]
            for d in dest:
                os.makedirs(os.path.dirname(os.path.join(d, rel)),
                            exist_ok=True)
                shutil.copy(os.path.join(root, fn), os.path.join(d, rel))
    whole = L.mkarchive(os.path.join(tmp, "whole.zip"), src)
    z1 = L.mkarchive(os.path.join(tmp, "x-part1.zip"), one)
    z2 = L.mkarchive(os.path.join(tmp, "x-part2.tar.gz"), two)
    a = Scan(tmp, [whole], tag="whole").report["archives"][0]
    scan = Scan(tmp, [z1 + "+" + z2], tag="split")
    check(scan.res.code == 0, "split scan: %s" % scan.res.describe())
    b = scan.report["archives"][0]
    probs = schema_problems(scan.report)
    if b["counts"] != a["counts"]:
        probs.append("counts %s, whole archive %s" % (b["counts"],
                                                     a["counts"]))
    files = [(p["file"], p["sha256"]) for p in b["parts"]]
    if files != [("x-part1.zip", L.sha256_file(z1)),
                 ("x-part2.tar.gz", L.sha256_file(z2))]:
        probs.append("parts are %s" % files)
    if len(scan.report["archives"]) != 1:
        probs.append("%d archives reported for one split export" %
                     len(scan.report["archives"]))
    fail_if(probs)


def registered_platforms():
    """Names of the platforms in src/platforms/registry.c."""
    src = os.path.join(L.ROOT, "src", "platforms")
    with open(os.path.join(src, "registry.c"), encoding="utf-8") as f:
        symbols = re.findall(r"^\s*&cnd_platform_(\w+),", f.read(), re.M)
    names = []
    for sym in symbols:
        for fn in os.listdir(src):
            with open(os.path.join(src, fn), encoding="utf-8") as f:
                text = f.read()
            m = re.search(r"cnd_platform_%s\s*=\s*\{.*?\.name\s*=\s*"
                          r"\"([^\"]+)\"" % sym, text, re.S)
            if m:
                names.append(m.group(1))
                break
        else:
            names.append(None)
    check(symbols, "no platform registered in src/platforms/registry.c")
    check(None not in names, "a registered platform has no .name")
    return names


def registered_rules():
    res = L.conduct("rules")
    check(res.code == 0, "conduct rules: %s" % res.describe())
    ids = re.findall(r"^(\S+) \((?:info|low|medium|high)\): ", res.out, re.M)
    check(ids, "conduct rules lists no rule")
    return ids


def readme_section(heading):
    """The text of the README's '## heading' section."""
    with open(os.path.join(L.ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^## %s\n(.*?)(?=^## |\Z)" % re.escape(heading), text,
                  re.S | re.M)
    check(m, "README.md has no '## %s' section" % heading)
    return m.group(1)


def readme_table_ids(heading):
    """The `code` words in the first two cells of each table row under the
    README heading."""
    ids = set()
    for line in readme_section(heading).splitlines():
        if line.startswith("|"):
            for cell in line.split("|")[1:3]:
                ids.update(re.findall(r"`([^`]+)`", cell))
    return ids


def fixture_texts():
    """(path, text) of every expected.json and NOTES under fixtures/."""
    out = []
    for root, dirs, files in os.walk(os.path.join(L.ROOT, "fixtures")):
        dirs[:] = [d for d in dirs if d != "export"]
        for fn in files:
            if fn in ("expected.json", "NOTES"):
                with open(os.path.join(root, fn), encoding="utf-8") as f:
                    out.append((os.path.join(root, fn), f.read()))
    return out


@test
def consistency_platforms(tmp):
    """Every registered platform has a README row and fixture cases with
    NOTES and expected.json (the checklist in platform.h)."""
    rows = readme_table_ids("Platforms")
    probs = []
    for name in registered_platforms():
        if name not in rows:
            probs.append("platform %s has no row in README's Platforms "
                         "table" % name)
        cases = [c for p, c, d in fixture_cases() if p == name and
                 os.path.exists(os.path.join(d, "expected.json")) and
                 os.path.exists(os.path.join(d, "NOTES"))]
        if not cases:
            probs.append("platform %s has no fixtures/%s/<case>/ with "
                         "NOTES and expected.json" % (name, name))
    fail_if(probs)


@test
def consistency_options(tmp):
    """Every option `conduct help scan` and `conduct help merge` offer is
    named in the README's Usage section (the scan table, or the lines on
    merge and inspect), so the README stays true to --help."""
    usage = readme_section("Usage")
    probs = []
    for cmd in ("scan", "merge"):
        res = L.conduct("help", cmd)
        opts = re.findall(r"^\s+(?:-\w, )?(--[a-z-]+)", res.out, re.M)
        check(len(opts) > 4, "no options in 'conduct help %s'" % cmd)
        probs += ["%s %s is not in README's Usage section" % (cmd, o)
                  for o in opts
                  if not re.search(r"`%s[` ]" % re.escape(o), usage)]
    fail_if(probs)


@test
def consistency_rules(tmp):
    """Every registered rule has a README row, a fixture whose expected
    report holds one of its findings, and a near miss named in a NOTES file
    (the checklist in rule.h)."""
    rows = readme_table_ids("Rules")
    texts = fixture_texts()
    probs = []
    for rule in registered_rules():
        if rule not in rows:
            probs.append("rule %s has no row in README's Rules table" % rule)
        fired = any(path.endswith("expected.json") and
                    '"rule": "%s"' % rule in text for path, text in texts)
        if not fired:
            probs.append("no fixture's expected.json has a %s finding" % rule)
        near = any(path.endswith("NOTES") and "near miss" in text.lower()
                   and rule in text[text.lower().index("near miss"):]
                   for path, text in texts)
        if not near:
            probs.append("no NOTES names a near miss for %s" % rule)
    fail_if(probs)


# --- Test modules -------------------------------------------------------------

def load_test_modules():
    """Import every tests/e2e/t_<topic>.py. Each module uses the names
    below as globals (test, Scan, L, check, ...) and registers its tests
    with @test, so topics can be added without editing this file."""
    import importlib.util
    here = os.path.dirname(os.path.abspath(__file__))
    shared = {"test": test, "Scan": Scan, "L": L, "check": check,
              "Fail": Fail, "Skip": L.Skip, "fail_if": fail_if, "OPTS": OPTS,
              "schema_problems": schema_problems, "normalised": normalised,
              "read_args": read_args, "fixture_cases": fixture_cases}
    for fn in sorted(os.listdir(here)):
        if fn.startswith("t_") and fn.endswith(".py"):
            spec = importlib.util.spec_from_file_location(
                fn[:-3], os.path.join(here, fn))
            mod = importlib.util.module_from_spec(spec)
            mod.__dict__.update(shared)
            spec.loader.exec_module(mod)


load_test_modules()

# --- Runner -----------------------------------------------------------------

def main(argv):
    pats = []
    for a in argv:
        if a == "--update":
            OPTS["update"] = True
        elif a == "--keep":
            OPTS["keep"] = True
        elif a == "-v":
            OPTS["verbose"] = True
        elif a.startswith("-"):
            print(__doc__)
            return 2
        else:
            pats.append(a)
    os.umask(0o022)
    passed = failed = skipped = 0
    for name, fn in TESTS:
        if pats and not any(p in name for p in pats):
            continue
        if OPTS["update"] and not (name.startswith("fixture_") or
                                   name in ("demo_scan",
                                            "follows_successive_exports")):
            continue
        tmp = tempfile.mkdtemp(prefix="conduct-e2e-")
        try:
            fn(tmp)
            print("ok %s" % name)
            passed += 1
        except L.Skip as e:
            print("skip %s: %s" % (name, e))
            skipped += 1
        except Fail as e:
            lines = str(e).splitlines() or [""]
            print("FAIL %s: %s" % (name, lines[0]))
            for ln in lines[1:]:
                print("  " + ln)
            failed += 1
        except Exception as e:  # a bug in the test or a broken report
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
            if OPTS["verbose"]:
                traceback.print_exc(file=sys.stdout)
            failed += 1
        finally:
            if OPTS["keep"]:
                print("  kept %s" % tmp)
            else:
                shutil.rmtree(tmp, ignore_errors=True)
        sys.stdout.flush()
    print("e2e: %d passed, %d failed%s" % (
        passed, failed, ", %d skipped" % skipped if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
