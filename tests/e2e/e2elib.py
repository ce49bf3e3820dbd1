"""Helpers for the end-to-end suite (tests/e2e/run.py): running the built
binaries, packing trees with build/mkarchive, writing small synthetic
exports, comparing JSON reports with readable paths, validating against
schemas/report.schema.json and reading workbooks with openpyxl. Standard
library plus Debian's python3-jsonschema and python3-openpyxl only."""

import datetime
import difflib
import hashlib
import json
import os
import subprocess
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
# CONDUCT_BIN runs the suite against another build of conduct (the
# sanitized build/asan/conduct, or a valgrind wrapper script).
CONDUCT = os.environ.get("CONDUCT_BIN") or os.path.join(ROOT, "build",
                                                        "conduct")
MKARCHIVE = os.path.join(ROOT, "build", "mkarchive")
SCHEMA = os.path.join(ROOT, "schemas", "report.schema.json")
FIXTURES = os.path.join(ROOT, "fixtures")

COUNT_KEYS = ["posts", "deleted_posts", "following", "followers",
              "friends", "messages", "likes", "searches", "location_points",
              "place_visits", "labelled_places", "settings"]

FINDINGS_HEADER = ["Severity", "Rule", "Title", "Confidence", "Subject",
                   "Platform", "Time (UTC)", "Time (local)", "In period",
                   "Matched", "Client", "Evidence", "Source", "Citations",
                   "Fingerprint", "Baseline", "Decision", "Reviewer", "Date",
                   "Note", "Expires"]

# The Decision column's drop-down list (data validation).
DECISIONS = ["open", "confirmed", "dismissed", "false positive",
             "documented reason", "escalated"]

# Every sheet of a workbook, in order (Baseline with --baseline, Aggregates
# in research mode only).
SHEETS = ["Summary", "Findings", "Baseline", "Connections", "Locations",
          "Timeline", "Settings", "Follow changes", "Coverage", "Rules", "Run",
          "Aggregates"]

REGISTER_HEADER = "ref,names,handles,account_ids,active_from,active_to,former"

TIMEOUT = 120


class Fail(Exception):
    """A test's expectation did not hold; the message says why."""


class Skip(Exception):
    """A test cannot run in this environment (the message says exactly
    why); run.py prints `skip NAME: WHY` and counts it neither way."""


def check(cond, msg):
    if not cond:
        raise Fail(msg)


def env():
    """The environment every child runs in: fixed zone and locale, and no
    SOURCE_DATE_EPOCH (mkarchive and --deterministic pick their own)."""
    e = dict(os.environ)
    e.pop("SOURCE_DATE_EPOCH", None)
    e["TZ"] = "UTC"
    e["LC_ALL"] = "C.UTF-8"
    return e


class Result:
    def __init__(self, args, proc):
        self.args = args
        self.code = proc.returncode
        self.out = proc.stdout.decode("utf-8", "replace")
        self.err = proc.stderr.decode("utf-8", "replace")

    def describe(self):
        tail = self.err.strip().splitlines()[-3:]
        return "exit %s%s" % (self.code,
                              (", stderr: " + " | ".join(tail)) if tail
                              else "")


def run(args, cwd=None, stdin=None):
    """Run a command; a crash or a hang is a failure of the test."""
    try:
        proc = subprocess.run(args, cwd=cwd or ROOT, env=env(),
                              stdin=stdin or subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=TIMEOUT)
    except FileNotFoundError:
        raise Fail("%s not found (not built?)" % args[0])
    except subprocess.TimeoutExpired:
        raise Fail("%s did not finish in %ds" % (" ".join(args), TIMEOUT))
    res = Result(args, proc)
    if res.code < 0:
        raise Fail("%s killed by signal %d; stderr: %s" % (
            os.path.basename(args[0]), -res.code, res.err.strip()[-300:]))
    return res


def conduct(*args, cwd=None):
    check(os.access(CONDUCT, os.X_OK), "%s is not built" % CONDUCT)
    return run([CONDUCT] + [str(a) for a in args], cwd=cwd)


def strace(tmp, tag, syscalls, args, env_extra=None, codes=(0, 1)):
    """Run conduct *args in tmp under `strace -f`, tracing syscalls (a
    comma-separated list) into tmp/tag.strace, with LeakSanitizer off (it
    cannot run under ptrace); check the exit code is one of codes and
    return the trace's lines."""
    import shutil
    check(shutil.which("strace"), "strace is not installed (install-deps)")
    log = os.path.join(tmp, tag + ".strace")
    e = env()
    e["ASAN_OPTIONS"] = "detect_leaks=0"
    e.update(env_extra or {})
    proc = subprocess.run(["strace", "-f", "-qq", "-e", "trace=" + syscalls,
                           "-o", log, CONDUCT] + [str(a) for a in args],
                          cwd=tmp, env=e, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=300)
    check(proc.returncode in codes, "%s under strace: exit %d: %s" % (
        tag, proc.returncode, proc.stderr.decode()[-300:]))
    with open(log, encoding="utf-8", errors="replace") as f:
        return f.readlines()


def mkarchive(out, tree=None, *opts):
    """Pack tree into out with build/mkarchive; returns out."""
    check(os.access(MKARCHIVE, os.X_OK), "build/mkarchive is not built")
    args = [MKARCHIVE] + [str(o) for o in opts] + [out]
    if tree is not None:
        args.append(tree)
    res = run(args)
    check(res.code == 0, "mkarchive %s failed: %s" % (
        os.path.basename(out), res.describe()))
    return out


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(path, "wb") as f:
        f.write(data)
    return path


def load_json(path):
    check(os.path.exists(path), "%s was not written" % os.path.basename(path))
    with open(path, encoding="utf-8") as f:
        try:
            return json.load(f)
        except ValueError as e:
            raise Fail("%s is not valid JSON: %s" % (
                os.path.basename(path), e))


# --- Synthetic Twitter exports ---------------------------------------------

SUBJECT_ID = "1001"
SUBJECT_HANDLE = "casey_worker"


def ytd(name, items):
    """A `window.YTD.<name>.part0 = [ ... ]` file in the compact style of
    2019-2021 archives, one element per line."""
    body = ",\n".join("  " + json.dumps(i, separators=(",", ":"))
                      for i in items)
    return "window.YTD.%s.part0 = [\n%s\n]" % (name, body)


def tweet(n, text, when="Wed Oct 10 20:19:24 +0000 2018"):
    return {"tweet": {"id_str": str(n), "id": str(n), "created_at": when,
                      "full_text": text, "lang": "en",
                      "favorite_count": "0", "retweet_count": "0",
                      "entities": {"hashtags": [], "user_mentions": [],
                                   "urls": []}}}


DEFAULT_TWEETS = [
    tweet(1, "Morning run along the river", "Mon Jan 09 08:10:00 +0000 2023"),
    tweet(2, "Team lunch was great", "Tue Mar 14 12:30:00 +0000 2023"),
    tweet(3, "Reading a good book tonight", "Fri Jun 02 21:05:00 +0000 2023"),
]
DEFAULT_FOLLOWING = ["2001", "2002"]
DEFAULT_FOLLOWERS = ["3001"]


def twitter_export(root, tweets=None, following=None, followers=None,
                   extra=None, account=(SUBJECT_ID, SUBJECT_HANDLE)):
    """Write a small 2019-2021-style X export under root for account (id,
    handle); every file is under 1000 bytes unless the caller passes many
    tweets. Returns root."""
    acc_id, handle = account
    tweets = DEFAULT_TWEETS if tweets is None else tweets
    following = DEFAULT_FOLLOWING if following is None else following
    followers = DEFAULT_FOLLOWERS if followers is None else followers

    def files(name, fname, count):
        return {"files": [{"fileName": "data/%s.js" % fname,
                           "globalName": "YTD.%s.part0" % name,
                           "count": str(count)}]}
    manifest = {
        "userInfo": {"accountId": acc_id, "userName": handle,
                     "displayName": "Casey Worker"},
        "archiveInfo": {"generationDate": "2023-07-01T10:00:00.000Z",
                        "isPartialArchive": False},
        "dataTypes": {
            "account": files("account", "account", 1),
            "tweets": files("tweets", "tweets", len(tweets)),
            "following": files("following", "following", len(following)),
            "follower": files("follower", "follower", len(followers)),
        },
    }
    write(os.path.join(root, "data", "manifest.js"),
          "window.__THAR_CONFIG = " + json.dumps(manifest, indent=1))
    write(os.path.join(root, "data", "account.js"), ytd("account", [
        {"account": {"email": "casey@example.org", "createdVia": "web",
                     "username": handle, "accountId": acc_id,
                     "createdAt": "2015-03-01T09:00:00.000Z",
                     "accountDisplayName": "Casey Worker"}}]))
    write(os.path.join(root, "data", "tweets.js"), ytd("tweets", tweets))
    write(os.path.join(root, "data", "following.js"), ytd("following", [
        {"following": {"accountId": a,
                       "userLink": "https://twitter.com/intent/user?"
                                   "user_id=" + a}} for a in following]))
    write(os.path.join(root, "data", "follower.js"), ytd("follower", [
        {"follower": {"accountId": a,
                      "userLink": "https://twitter.com/intent/user?"
                                  "user_id=" + a}} for a in followers]))
    for name, text in (extra or {}).items():
        write(os.path.join(root, name), text)
    return root


def register(path, rows):
    """A client register CSV; rows are dicts keyed by the header's names."""
    cols = REGISTER_HEADER.split(",")
    lines = [REGISTER_HEADER]
    for r in rows:
        cells = []
        for c in cols:
            v = str(r.get(c, ""))
            if any(ch in v for ch in ',"\n'):
                v = '"' + v.replace('"', '""') + '"'
            cells.append(v)
        lines.append(",".join(cells))
    return write(path, "\n".join(lines) + "\n")


# --- Reports ----------------------------------------------------------------

def utc(finding):
    """A finding's time (RFC 3339 in the report's zone, schema 4) as UTC,
    "2020-01-20T21:42:09Z"; None when it has none."""
    t = finding.get("time")
    if not t:
        return None
    d = datetime.datetime.fromisoformat(t.replace("Z", "+00:00"))
    return d.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def finding_archive(report, finding):
    """The archive object a finding names by its index."""
    return report["archives"][finding["archive"]]


def archive_by_file(report, name):
    for a in report.get("archives") or []:
        if isinstance(a, dict) and a.get("file") == name:
            return a
    names = [a.get("file") for a in report.get("archives") or []
             if isinstance(a, dict)]
    raise Fail("report has no archive with file %r (has %r)" % (name, names))


def json_diff(got, want, path="", out=None, limit=40):
    """Differences between two JSON values as readable lines
    `path: value vs expected`."""
    if out is None:
        out = []
    if len(out) >= limit:
        return out

    def show(v):
        s = json.dumps(v, ensure_ascii=False, sort_keys=True)
        return s if len(s) <= 80 else s[:77] + "..."
    if isinstance(got, dict) and isinstance(want, dict):
        for k in sorted(set(got) | set(want)):
            p = "%s.%s" % (path, k) if path else k
            if k not in got:
                out.append("%s: missing vs expected %s" % (p, show(want[k])))
            elif k not in want:
                out.append("%s: %s vs expected nothing" % (p, show(got[k])))
            else:
                json_diff(got[k], want[k], p, out, limit)
    elif isinstance(got, list) and isinstance(want, list):
        if len(got) != len(want):
            out.append("%s: %d elements vs expected %d" % (
                path or "(top)", len(got), len(want)))
        # Align the elements, so one missing element is one line.
        sm = difflib.SequenceMatcher(
            None, [json.dumps(g, sort_keys=True) for g in got],
            [json.dumps(w, sort_keys=True) for w in want], autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                continue
            n = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for k in range(n):
                json_diff(got[i1 + k], want[j1 + k],
                          "%s[%d]" % (path, i1 + k), out, limit)
            for i in range(i1 + n, i2):
                out.append("%s[%d]: %s vs expected nothing" % (
                    path, i, show(got[i])))
            for j in range(j1 + n, j2):
                out.append("%s[expected %d]: missing vs expected %s" % (
                    path, j, show(want[j])))
    elif got != want or type(got) is not type(want):
        out.append("%s: %s vs expected %s" % (path or "(top)", show(got),
                                              show(want)))
    return out[:limit]


def schema_errors(report):
    """Schema violations of report as readable lines; None when the schema
    file is not there yet."""
    if not os.path.exists(SCHEMA):
        return None
    import jsonschema
    with open(SCHEMA, encoding="utf-8") as f:
        try:
            schema = json.load(f)
        except ValueError as e:
            return ["schemas/report.schema.json is not valid JSON: %s" % e]
    cls = jsonschema.Draft202012Validator
    try:
        cls.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        return ["schemas/report.schema.json is not a valid schema: %s"
                % e.message]
    fc = getattr(cls, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
    errs = []
    for e in sorted(cls(schema, format_checker=fc).iter_errors(report),
                    key=lambda e: list(e.absolute_path)):
        where = ".".join(str(p) for p in e.absolute_path) or "(top)"
        errs.append("%s: %s" % (where, e.message[:200]))
    return errs


def all_strings(value):
    """Every string (keys and values) inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from all_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from all_strings(v)


def machine_paths(*extra):
    """Absolute paths of this machine that must never reach a report."""
    paths = {ROOT, os.path.realpath(ROOT)}
    home = os.environ.get("HOME", "")
    if len(home) > 1:
        paths.update({home, os.path.realpath(home)})
    for p in extra:
        paths.update({p, os.path.realpath(p)})
    return sorted(p.rstrip("/") for p in paths if len(p.rstrip("/")) > 1)


def leaked_paths(json_path, xlsx_path, extra):
    """Machine paths found in the JSON report or any part of the workbook."""
    paths = machine_paths(*extra)
    found = []
    with open(json_path, "rb") as f:
        raw = f.read().decode("utf-8", "replace")
    texts = [("JSON", raw.replace("\\/", "/"))]
    try:
        texts.append(("JSON", "\n".join(all_strings(json.loads(raw)))))
    except ValueError:
        pass
    with zipfile.ZipFile(xlsx_path) as z:
        for name in z.namelist():
            texts.append(("xlsx:" + name,
                          z.read(name).decode("utf-8", "replace")))
    for where, text in texts:
        for p in paths:
            if p in text:
                found.append("%s in %s" % (p, where))
    return sorted(set(found))


# --- Workbooks --------------------------------------------------------------

def open_workbook(path):
    import openpyxl
    check(os.path.exists(path), "%s was not written" % os.path.basename(path))
    try:
        return openpyxl.load_workbook(path)
    except Exception as e:  # openpyxl raises many kinds
        raise Fail("openpyxl cannot open %s: %s" % (
            os.path.basename(path), e))


def norm(v):
    return " ".join(str(v).replace("_", " ").split()).lower() \
        if v is not None else ""


def findings_header_row(ws):
    """Row number of the Findings header (first row whose column A says
    Severity), or fail."""
    for r in range(1, min(ws.max_row, 10) + 1):
        if norm(ws.cell(r, 1).value) == "severity":
            return r
    raise Fail("Findings: no header row starting with 'Severity'")


def findings_rows(ws):
    """(header row, header cells, list of data rows as dicts)."""
    hr = findings_header_row(ws)
    header = [ws.cell(hr, c).value for c in range(1, ws.max_column + 1)]
    while header and header[-1] is None:
        header.pop()
    rows = []
    for r in range(hr + 1, ws.max_row + 1):
        cells = [ws.cell(r, c) for c in range(1, len(header) + 1)]
        if all(c.value in (None, "") for c in cells):
            continue
        rows.append({h: c for h, c in zip(header, cells)})
    return hr, header, rows


def summary_counts(ws, archive_file, n_archives):
    """The counts the Summary sheet shows for one archive, as a dict keyed
    by the JSON count names. Understands a table (a header row naming the
    counts, one row per archive, keyed by its file name) and, for a
    one-archive run, label/value pairs (a count's label with its number in
    the next cell to the right)."""
    wanted = {k.replace("_", " "): k for k in COUNT_KEYS}
    grid = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)]
            for r in range(1, ws.max_row + 1)]
    # Table layout.
    for hr, row in enumerate(grid):
        cols = {wanted[norm(v)]: c for c, v in enumerate(row)
                if norm(v) in wanted}
        if len(cols) < 3:
            continue
        for data in grid[hr + 1:]:
            if any(isinstance(v, str) and v.strip() == archive_file
                   for v in data):
                return {k: data[c] for k, c in cols.items()}
    # Label/value layout.
    if n_archives == 1:
        got = {}
        for row in grid:
            for c, v in enumerate(row[:-1]):
                k = wanted.get(norm(v))
                if k and k not in got and isinstance(row[c + 1],
                                                     (int, float)):
                    got[k] = row[c + 1]
        if len(got) >= 3:
            return got
    raise Fail("Summary: cannot find the counts of %s (expected a table "
               "with count columns and a row naming the file)" % archive_file)


def decision_list_problems(ws, header, nrows):
    """The Decision column offers the list of decisions over every data
    row (data validation of type list)."""
    if "Decision" not in header or not nrows:
        return []
    from openpyxl.utils import get_column_letter
    col = get_column_letter(header.index("Decision") + 1)
    want = '"%s"' % ",".join(DECISIONS)
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and dv.formula1 == want and all(
                "%s%d" % (col, r) in dv.sqref for r in (2, nrows + 1)):
            return []
    return ["Findings: column %s (Decision) has no drop-down list of %s "
            "over rows 2-%d" % (col, want, nrows + 1)]


def check_workbook(xlsx_path, report):
    """The workbook agrees with the JSON report: sheets, the Findings
    header, one row per finding, Summary counts, frozen panes and filter.
    Returns a list of problems."""
    probs = []
    wb = open_workbook(xlsx_path)
    want_sheets = [s for s in SHEETS
                   if (s != "Baseline" or report.get("baseline")) and
                   (s != "Aggregates" or report.get("research"))]
    if [s for s in wb.sheetnames if s in SHEETS] != want_sheets:
        probs.append("sheets are %s, want %s" % (wb.sheetnames, want_sheets))
    if "Findings" in wb.sheetnames:
        ws = wb["Findings"]
        try:
            hr, header, rows = findings_rows(ws)
        except Fail as e:
            probs.append(str(e))
            hr, header, rows = None, [], []
        if hr is not None:
            if header != FINDINGS_HEADER:
                probs.append("Findings header is %r, want %r" % (
                    header, FINDINGS_HEADER))
            findings = report.get("findings") or []
            if len(rows) != len(findings):
                probs.append("Findings has %d rows, the JSON %d findings" % (
                    len(rows), len(findings)))

            def key_row(r):
                return tuple(norm(r[h].value) if h in r else ""
                             for h in ("Rule", "Severity", "Fingerprint"))

            def key_json(f):
                return tuple(norm(f.get(k))
                             for k in ("rule", "severity", "fingerprint"))
            got = sorted(key_row(r) for r in rows)
            want = sorted(key_json(f) for f in findings
                          if isinstance(f, dict))
            if got != want and len(rows) == len(findings):
                probs.append("Findings rows (rule, severity, fingerprint) "
                             "differ from the JSON: %r vs %r" % (
                                 got[:3], want[:3]))
            if not ws.freeze_panes:
                probs.append("Findings has no frozen panes")
            elif hr is not None:
                frozen_row = int("".join(ch for ch in ws.freeze_panes
                                         if ch.isdigit()) or 0)
                if frozen_row != hr + 1:
                    probs.append("Findings frozen at %s, not below the "
                                 "header row %d" % (ws.freeze_panes, hr))
            if not ws.auto_filter or not ws.auto_filter.ref:
                probs.append("Findings has no autofilter")
            probs += decision_list_problems(ws, header, len(rows))
            states = sorted(norm(r["Baseline"].value) for r in rows
                            if "Baseline" in r)
            want_states = sorted(norm(f.get("baseline")) for f in findings
                                 if isinstance(f, dict))
            if len(rows) == len(findings) and states != want_states:
                probs.append("Findings Baseline column %r, JSON %r" % (
                    states, want_states))
    if "Summary" in wb.sheetnames:
        archives = report.get("archives") or []
        for a in archives:
            if not isinstance(a, dict):
                continue
            try:
                shown = summary_counts(wb["Summary"], a.get("file"),
                                       len(archives))
            except Fail as e:
                probs.append(str(e))
                continue
            for k, v in (a.get("counts") or {}).items():
                if k in shown and shown[k] != v:
                    probs.append("Summary %s of %s is %r, JSON %r" % (
                        k, a.get("file"), shown[k], v))
            missing = [k for k in COUNT_KEYS if k not in shown]
            if missing:
                probs.append("Summary lacks counts %s of %s" % (
                    ", ".join(missing), a.get("file")))
    return probs
