"""End-to-end checks for batch runs (issue 10, and -j from issue 8): a
manifest with consent and per-subject periods, --require-consent, one
subject's successive exports counted once, -j N as the processors used,
biggest inputs first, giving the reports of -j 1, per-archive reports
(--parts-dir) merged by `conduct merge` into the reports of a single run
(also when GNU Parallel made them), --no-digest, the progress line on a
terminal only, the man page and `make install`.

Loaded by run.py (load_test_modules): test, L, check, fail_if and
schema_problems are given as globals."""

import hashlib
import json
import os
import pty
import re
import select
import shutil
import subprocess
import time

CLIENTS = os.path.join(L.FIXTURES, "demo", "clients.csv")
# several platforms, with findings of several rules (and one damaged export)
CASES = [("demo", "x-jordan-2023"), ("twitter", "layout-2022"),
         ("twitter", "layout-2020"), ("instagram", "folders-2022"),
         ("google", "takeout-records"), ("mastodon", "archive-zip-with-follows")]
RUN_ARGS = ["--deterministic", "-q", "--clients", CLIENTS, "--since",
            "2023-01-01", "--until", "2023-12-31", "--tz", "Europe/London"]


def _tree(case):
    t = os.path.join(L.FIXTURES, case[0], case[1], "export")
    return t if os.path.isdir(t) else os.path.join(L.FIXTURES, *case)


def _zips(tmp, cases=CASES):
    """Each case packed as <n>-<platform>-<case>.zip, in order."""
    out = []
    for i, case in enumerate(cases):
        z = os.path.join(tmp, "in", "%d-%s-%s.zip" % (i, case[0], case[1]))
        os.makedirs(os.path.dirname(z), exist_ok=True)
        out.append(L.mkarchive(z, _tree(case)))
    return out


def _scan(tmp, tag, *args):
    """conduct scan writing tmp/tag.json and tmp/tag.xlsx."""
    j = os.path.join(tmp, tag + ".json")
    x = os.path.join(tmp, tag + ".xlsx")
    res = L.conduct("scan", *RUN_ARGS, "--json", j, "-o", x, *args)
    check(res.code in (0, 1), "scan %s: %s" % (tag, res.describe()))
    return res, j, x


def _bytes(path):
    check(os.path.exists(path), "%s was not written" % os.path.basename(path))
    with open(path, "rb") as f:
        return f.read()


def _same_json(got, want, what):
    if _bytes(got) != _bytes(want):
        diff = L.json_diff(L.load_json(got), L.load_json(want))
        raise Fail("%s: JSON differs: %s" % (what, "; ".join(diff[:5])))


def _same_workbook(got, want, what):
    """Byte for byte; when not, the sheets cell by cell say where."""
    if _bytes(got) == _bytes(want):
        return
    a, b = L.open_workbook(got), L.open_workbook(want)
    check(a.sheetnames == b.sheetnames, "%s: sheets %s, want %s" % (
        what, a.sheetnames, b.sheetnames))
    for name in a.sheetnames:
        for ra, rb in zip(a[name].iter_rows(values_only=True),
                          b[name].iter_rows(values_only=True)):
            check(ra == rb, "%s: sheet %s: row %r, want %r" % (
                what, name, ra, rb))
    raise Fail("%s: the workbooks hold the same cells but differ in bytes"
               % what)


@test
def batch_jobs_identical(tmp):
    """-j 2, -j 4 and -j 16 (helper threads beside each input) write
    byte-identical JSON and workbooks to -j 1 over six exports of five
    platforms."""
    zips = _zips(tmp)
    r1, j1, x1 = _scan(tmp, "j1", "-j", "1", *zips)
    for n in ("2", "4", "16"):
        rn, jn, xn = _scan(tmp, "j" + n, "-j", n, *zips)
        check(rn.code == r1.code, "-j %s exit %d, -j 1 exit %d" % (
            n, rn.code, r1.code))
        _same_json(jn, j1, "-j " + n)
        _same_workbook(xn, x1, "-j " + n)
    rep = L.load_json(j1)
    check(len(rep["archives"]) == len(CASES) and rep["findings"],
          "the -j 1 run should hold every archive and some findings")
    res = L.conduct("scan", "-j", "0", zips[0])
    check(res.code == 2 and "-j" in res.err, "-j 0: %s" % res.describe())


def _threads_started(tmp, tag, *args):
    """How many threads `conduct *args` starts (clone calls under strace),
    every member sent through the helper-thread paths (CONDUCT_THREAD_MIN
    =0)."""
    lines = L.strace(tmp, tag, "clone,clone3", args,
                     {"CONDUCT_THREAD_MIN": "0"})
    return sum(1 for line in lines
               if re.search(r"clone3?(\(| resumed>).*= [1-9][0-9]*$", line))


@test
def batch_jobs_are_processors(tmp):
    """-j N is the processors used: -j 1 starts no thread at all (digest,
    inflating, parsing and reports on the one thread), a batch of as many
    inputs as -j runs each on its worker alone (plus the report writer
    beside the first), and -j above the inputs gives one input its
    helpers; the reports are the same every way."""
    zips = _zips(tmp, CASES[:2])
    # a sanitizer's runtime may start threads of its own: count from there
    base = _threads_started(tmp, "base", "--version")
    outs = {}
    for tag, args, want in (("j1", ["-j", "1"] + zips[:1], "none"),
                            ("j2-one", ["-j", "2"] + zips[:1], "helpers"),
                            ("j1-two", ["-j", "1"] + zips, "none"),
                            ("j2-two", ["-j", "2"] + zips, 3),
                            ("j4-two", ["-j", "4"] + zips, "helpers")):
        j = os.path.join(tmp, tag + ".json")
        n = _threads_started(tmp, tag, "scan", *RUN_ARGS, "--json", j, "-o",
                             os.path.join(tmp, tag + ".xlsx"), *args) - base
        if want == "none":
            check(n == 0, "%s started %d threads, want none" % (tag, n))
        elif want == "helpers":
            # workers (with two inputs) and at least digest, read-ahead,
            # parser and report writer
            least = 4 + (2 if tag == "j4-two" else 0)
            check(n >= least, "%s started %d threads, want at least %d" % (
                tag, n, least))
        else:
            # ThreadSanitizer starts a thread of its own with the first
            check(n in (want, want + 1), "%s started %d threads, want %d "
                  "(two workers and the report writer, no helpers)" % (
                      tag, n, want))
        outs[tag] = j
    _same_json(outs["j2-one"], outs["j1"], "-j 2 on one input")
    for tag in ("j2-two", "j4-two"):
        _same_json(outs[tag], outs["j1-two"], tag)


@test
def batch_biggest_first(tmp):
    """With -j 2 the biggest input (here the last of four) is among the
    first two opened, so a batch does not end on one big input alone; the
    reports keep the input order."""
    import zipfile
    zips = _zips(tmp, CASES[:4])
    with zipfile.ZipFile(zips[-1], "a") as z:  # 2 MB of stored "media"
        z.writestr(zipfile.ZipInfo("data/tweets_media/big.jpg"),
                   os.urandom(2 * 1024 * 1024))
    j = os.path.join(tmp, "b.json")
    first = []
    for line in L.strace(tmp, "open", "openat", ["scan", *RUN_ARGS, "-j",
                                                 "2", "--json", j, "-o",
                                                 os.path.join(tmp, "b.xlsx")]
                         + zips):
        for z in zips:
            if '"%s"' % z in line and z not in first:
                first.append(z)
    check(len(first) == 4, "opened %d of the 4 inputs (strace works?)"
          % len(first))
    check(zips[-1] in first[:2], "the biggest input was opened %s of 4"
          % ["first", "second", "third", "fourth"][first.index(zips[-1])])
    got = [a["file"] for a in L.load_json(j)["archives"]]
    check(got == [os.path.basename(z) for z in zips],
          "the reports' order is not the input order: %s" % got)


@test
def batch_parts_merge_identical(tmp):
    """scan --parts-dir writes one schema-valid report per archive and no
    workbook; merge of those equals the single run byte for byte."""
    zips = _zips(tmp)
    _, j1, x1 = _scan(tmp, "one", *zips)
    parts = os.path.join(tmp, "parts")
    res = L.conduct("scan", *RUN_ARGS, "-j", "3", "--parts-dir", parts, *zips)
    check(res.code in (0, 1), "parts scan: %s" % res.describe())
    names = sorted(os.listdir(parts))
    want = ["%04d-%s.json" % (i, os.path.basename(z))
            for i, z in enumerate(zips)]
    check(names == want, "parts %s, want %s" % (names, want))
    check(not os.path.exists(os.path.join(L.ROOT, "conduct-report.xlsx.tmp")),
          "no stray workbook")
    for n in names:
        rep = L.load_json(os.path.join(parts, n))
        fail_if(schema_problems(rep), n)
        check(len(rep["archives"]) == 1, "%s holds %d archives" % (
            n, len(rep["archives"])))
    mj, mx = os.path.join(tmp, "m.json"), os.path.join(tmp, "m.xlsx")
    res = L.conduct("merge", "--deterministic", "--clients", CLIENTS,
                    "--json", mj, "-o", mx,
                    *[os.path.join(parts, n) for n in names])
    check(res.code in (0, 1), "merge: %s" % res.describe())
    _same_json(mj, j1, "merge")
    _same_workbook(mx, x1, "merge")
    # a report that is not one is refused, naming it
    bad = L.write(os.path.join(tmp, "bad.json"), '{"report": "other"}')
    res = L.conduct("merge", "-o", os.path.join(tmp, "b.xlsx"), bad)
    check(res.code == 3 and "bad.json" in res.err,
          "merge of a non-report: %s" % res.describe())


@test
def batch_parallel_merge(tmp):
    """The GNU Parallel path of the README: one process per archive, two
    at a time, each writing its part; merged, the same as one run."""
    par = shutil.which("parallel")
    check(par, "GNU Parallel is not installed (scripts/install-deps)")
    zips = _zips(tmp, CASES[:4])
    _, j1, x1 = _scan(tmp, "one", *zips)
    parts = os.path.join(tmp, "parts")
    res = L.run([par, "--will-cite", "-j2", L.CONDUCT, "scan"] + RUN_ARGS +
                ["--parts-dir", parts, ":::"] + zips)
    check(res.code in (0, 1), "parallel: %s" % res.describe())
    names = sorted(os.listdir(parts))
    check(len(names) == len(zips), "parts: %s" % names)
    mj, mx = os.path.join(tmp, "m.json"), os.path.join(tmp, "m.xlsx")
    res = L.conduct("merge", "--deterministic", "--clients", CLIENTS,
                    "--json", mj, "-o", mx,
                    *[os.path.join(parts, n) for n in names])
    check(res.code in (0, 1), "merge: %s" % res.describe())
    _same_json(mj, j1, "parallel + merge")
    _same_workbook(mx, x1, "parallel + merge")


def _media_zip(tmp, mb=24):
    """The demo export zipped with mb MB of stored (never compressed)
    media, as an X archive holds them."""
    import zipfile
    tree = _tree(("demo", "x-jordan-2023"))
    z = os.path.join(tmp, "in", "x-media.zip")
    os.makedirs(os.path.dirname(z), exist_ok=True)
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as out:
        for d, _, files in sorted(os.walk(tree)):
            for n in sorted(files):
                path = os.path.join(d, n)
                out.write(path, os.path.relpath(path, tree))
        out.writestr(zipfile.ZipInfo("data/tweets_media/1-media.mp4"),
                     os.urandom(mb << 20), zipfile.ZIP_STORED)
    return z


def _bytes_read(tmp, tag, *args):
    """The bytes `conduct *args` reads (read and pread64 under strace)."""
    total = 0
    for line in L.strace(tmp, tag, "read,pread64", args):
        m = re.search(r"(read(64)?\(|resumed>).*= (\d+)$", line.rstrip())
        if m:
            total += int(m.group(3))
    return total


def _no_digest_facts(xlsx):
    """The Run sheet's digest fact and the SHA-256 cells of its inputs."""
    ws = L.open_workbook(xlsx)["Run"]
    rows = list(ws.iter_rows(values_only=True))
    fact = [r[1] for r in rows if r[0] == "Input files' SHA-256"]
    head = [i for i, r in enumerate(rows) if r[3] == "SHA-256"]
    cells = [r[3] for r in rows[head[0] + 1:] if r[1]] if head else []
    return fact, cells


@test
def batch_no_digest(tmp):
    """--no-digest: the media the scan skips are no longer read for the
    file's SHA-256 (strace counts the bytes read), the reports say the
    digests were not computed and are otherwise those of a default scan;
    the progress line shows the digest by default and none without;
    inspect reads no more than it shows; a merge of --no-digest parts
    says so, and one of parts made both ways is refused."""
    z = _media_zip(tmp)
    size = os.path.getsize(z)
    out = lambda tag: ["--json", os.path.join(tmp, tag + ".json"), "-o",
                       os.path.join(tmp, tag + ".xlsx")]
    read = {tag: _bytes_read(tmp, tag, *a) for tag, a in (
        ("hashed", ["scan", "-q", "-j", "1"] + out("hashed-t") + [z]),
        ("no-digest", ["scan", "-q", "--no-digest"] + out("nd-t") + [z]),
        ("inspect", ["inspect", "-q", z]))}
    check(read["hashed"] >= size, "the default scan read %d bytes of a "
          "%d-byte file: not all of it was hashed" % (read["hashed"], size))
    for tag in ("no-digest", "inspect"):
        check(read[tag] < size // 4, "%s read %d bytes of a %d-byte file "
              "whose media it skips" % (tag, read[tag], size))
    _, jh, xh = _scan(tmp, "hashed", z)
    _, jn, xn = _scan(tmp, "nd", "--no-digest", z)
    rh, rn = L.load_json(jh), L.load_json(jn)
    fail_if(schema_problems(rn), "--no-digest report")
    a = rn["archives"][0]
    check(rn["input_digests"] == "none" and a["sha256"] is None and
          [p["sha256"] for p in a["parts"]] == [None],
          "--no-digest JSON: input_digests %r, sha256 %r, parts %r" % (
              rn["input_digests"], a["sha256"], a["parts"]))
    check(rh["input_digests"] == "sha256" and
          rh["archives"][0]["sha256"] == L.sha256_file(z),
          "the default JSON does not hold the file's SHA-256")
    rh["input_digests"] = "none"
    rh["archives"][0]["sha256"] = None
    rh["archives"][0]["parts"][0]["sha256"] = None
    diff = L.json_diff(rn, rh)
    check(not diff, "--no-digest changed more than the digests: %s" %
          "; ".join(diff[:5]))
    check(_no_digest_facts(xn) == (["not computed (--no-digest)"],
                                   ["not computed"]),
          "--no-digest Run sheet: %r" % (_no_digest_facts(xn),))
    check(_no_digest_facts(xh) == (["computed: see Inputs below"],
                                   [L.sha256_file(z)]),
          "default Run sheet: %r" % (_no_digest_facts(xh),))
    # on a terminal the progress line shows how far the digest has got
    # (-j 1: it is computed before the scan, so its first chunk is the
    # first thing shown), and shows no digest with --no-digest
    o = ["-o", os.path.join(tmp, "p.xlsx")]
    code, err = _on_terminal([L.CONDUCT, "scan", "-j", "1"] + o + [z])
    check(code == 0 and re.search(r"x-media\.zip .* SHA-256 [0-9]%", err),
          "no digest progress on a terminal: %r" % err[-300:])
    # with helpers the digest's thread and the scanning threads both tell
    # the line (the sanitizer runs watch the locking)
    code, err = _on_terminal([L.CONDUCT, "scan", "-j", "4"] + o + [z])
    check(code == 0 and "[1/1 archives]" in err,
          "progress with helper threads: %r" % err[-300:])
    code, err = _on_terminal([L.CONDUCT, "scan", "--no-digest"] + o + [z])
    check(code == 0 and "archives]" in err and "SHA-256" not in err,
          "--no-digest progress: %r" % err[-300:])
    # parts made with --no-digest merge into a report that says so
    zips = _zips(tmp, CASES[:2])
    parts = {}
    for tag, extra in (("nd", ["--no-digest"]), ("h", [])):
        d = os.path.join(tmp, "parts-" + tag)
        res = L.conduct("scan", *RUN_ARGS, *extra, "--parts-dir", d, *zips)
        check(res.code in (0, 1), "parts %s: %s" % (tag, res.describe()))
        parts[tag] = [os.path.join(d, n) for n in sorted(os.listdir(d))]
    mj, mx = os.path.join(tmp, "m.json"), os.path.join(tmp, "m.xlsx")
    res = L.conduct("merge", "--deterministic", "--json", mj, "-o", mx,
                    *parts["nd"])
    check(res.code in (0, 1), "merge: %s" % res.describe())
    m = L.load_json(mj)
    check(m["input_digests"] == "none" and
          all(x["sha256"] is None for x in m["archives"]),
          "merged --no-digest parts: input_digests %r" % m["input_digests"])
    check(_no_digest_facts(mx)[0] == ["not computed (--no-digest)"],
          "merged Run sheet: %r" % (_no_digest_facts(mx),))
    res = L.conduct("merge", "--json", mj, "-o", mx, parts["h"][0],
                    parts["nd"][1])
    check(res.code == 3 and "input digests" in res.err and
          os.path.basename(parts["nd"][1]) in res.err,
          "merge of hashed and unhashed parts: %s" % res.describe())


def _manifest(tmp, rows):
    lines = ["subject,archives,consent_ref,consent_date,since,until"]
    lines += [",".join(r) for r in rows]
    return L.write(os.path.join(tmp, "staff.csv"), "\n".join(lines) + "\n")


@test
def batch_manifest_consent_period(tmp):
    """Each row's archives get its subject, consent and review period; a
    bad row is reported with its line and skipped (exit 1), the rest are
    scanned."""
    zips = _zips(tmp, CASES[:3])
    rel = [os.path.relpath(z, tmp) for z in zips]
    man = _manifest(tmp, [
        ["S-001", rel[0], "CR-1", "2024-01-05", "", ""],
        ["S-002", rel[1] + ";" + rel[2], "CR-2", "2024-02-01",
         "2000-01-01", "2000-12-31"],
        ["S-003", "in/nothing.zip", "CR-3", "not-a-date", "", ""],
    ])
    _, j, _ = _scan(tmp, "m", "--manifest", man)
    res = L.conduct("scan", *RUN_ARGS, "-o", os.path.join(tmp, "x.xlsx"),
                    "--manifest", man)
    check(res.code == 1, "a bad row should give exit 1: %s" % res.describe())
    check("line 4" in res.err and "S-003" in res.err,
          "the bad row should be named by line: %s" % res.err.strip())
    rep = L.load_json(j)
    fail_if(schema_problems(rep))
    got = [(a["file"], a["subject"], a["subject_given"], a["consent"])
           for a in rep["archives"]]
    want = [(os.path.basename(zips[0]), "S-001", True,
             {"ref": "CR-1", "date": "2024-01-05"})]
    want += [(os.path.basename(z), "S-002", True,
              {"ref": "CR-2", "date": "2024-02-01"}) for z in zips[1:]]
    check(got == want, "archives %s, want %s" % (got, want))
    # S-002's period is the year 2000: none of its dated findings is in it
    late = [f for f in rep["findings"] if f["subject"] == "S-002" and
            f.get("time") and f["in_period"]]
    check(not late, "S-002's own period should apply: %s" % late[:2])
    # the same exports scanned with the run's period do have some in it
    _, j2, _ = _scan(tmp, "plain", "--subject", "S-002", *zips[1:])
    check(any(f.get("time") and f["in_period"]
              for f in L.load_json(j2)["findings"]),
          "the exports should have findings in 2023 (fixture changed?)")
    check(all(a["consent"] is None for a in L.load_json(j2)["archives"]),
          "no consent without a manifest")


@test
def batch_require_consent(tmp):
    """--require-consent refuses a row without consent_ref, naming the
    subject, and never opens its archives; command-line inputs have no
    consent and are refused too; exit 1."""
    zips = _zips(tmp, CASES[:2])
    rel = [os.path.relpath(z, tmp) for z in zips]
    man = _manifest(tmp, [["S-001", rel[0], "CR-1", "", "", ""],
                          ["S-009", rel[1], "", "", "", ""]])
    res, j, _ = _scan(tmp, "r", "--require-consent", "--manifest", man)
    check(res.code == 1, "exit %d, want 1" % res.code)
    check("S-009" in res.err and "consent" in res.err,
          "the refused subject should be named: %s" % res.err.strip())
    rep = L.load_json(j)
    check([a["subject"] for a in rep["archives"]] == ["S-001"],
          "only S-001 should be scanned: %s" % [
              a["subject"] for a in rep["archives"]])
    # refused means not opened: strace shows no open of the archive
    opened = "".join(L.strace(tmp, "consent", "open,openat", [
        "scan", "-q", "--require-consent", "--manifest", man, "-o",
        os.path.join(tmp, "s.xlsx")], codes=(1,)))
    check(os.path.basename(zips[1]) not in opened,
          "the refused archive was opened")
    check(os.path.basename(zips[0]) in opened,
          "the consented archive should be opened (strace works?)")
    res = L.conduct("scan", "-q", "--require-consent", "-o",
                    os.path.join(tmp, "c.xlsx"), zips[0])
    check(res.code == 1 and os.path.basename(zips[0]) in res.err,
          "a command-line input without consent: %s" % res.describe())


@test
def batch_subject_events_once(tmp):
    """One subject's successive exports of one account: a finding in both
    is kept once (the first export's); two subjects keep theirs each."""
    z = _zips(tmp, CASES[1:2])[0]
    z2 = os.path.join(tmp, "in", "again.zip")
    shutil.copy(z, z2)
    _, j1, _ = _scan(tmp, "single", "--subject", "S-1", z)
    n1 = len(L.load_json(j1)["findings"])
    check(n1 > 0, "the fixture should have findings")
    _, j2, _ = _scan(tmp, "same", "--subject", "S-1", z, z2)
    rep = L.load_json(j2)
    check(len(rep["findings"]) == n1,
          "%d findings for two copies of one subject's export, want %d" % (
              len(rep["findings"]), n1))
    check(all(L.finding_archive(rep, f)["file"] == os.path.basename(z)
              for f in rep["findings"]),
          "the first export's findings should be kept")
    _, j3, _ = _scan(tmp, "jobs", "-j", "2", "--subject", "S-1", z, z2)
    _same_json(j3, j2, "-j 2 with one subject")
    rel = [os.path.relpath(p, tmp) for p in (z, z2)]
    man = _manifest(tmp, [["A", rel[0], "C", "", "", ""],
                          ["B", rel[1], "C", "", "", ""]])
    _, j4, _ = _scan(tmp, "two", "--manifest", man)
    check(len(L.load_json(j4)["findings"]) == 2 * n1,
          "two subjects should keep their findings each")


def _on_terminal(args, timeout=60):
    """Run with stderr on a pseudo-terminal; returns (exit code, stderr)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave,
                            env=L.env(), cwd=L.ROOT)
    os.close(slave)
    out = b""
    end = time.time() + timeout
    while time.time() < end:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            if not chunk and proc.poll() is not None:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    proc.wait(timeout=5)
    return proc.returncode, out.decode("utf-8", "replace")


@test
def batch_progress_terminal_only(tmp):
    """A progress line on a terminal (archives done, MB, records, time
    left), none with -q, none when stderr is not a terminal."""
    zips = _zips(tmp, CASES[:2])
    out = ["-o", os.path.join(tmp, "p.xlsx")]
    code, err = _on_terminal([L.CONDUCT, "scan"] + out + zips)
    check(code in (0, 1), "exit %s" % code)
    check("[2/2 archives]" in err and "records" in err and "left" in err,
          "no progress line on a terminal: %r" % err[-300:])
    code, err = _on_terminal([L.CONDUCT, "scan", "-q"] + out + zips)
    check("archives]" not in err, "-q should silence the progress line")
    res = L.conduct("scan", *out, *zips)
    check("archives]" not in res.err and "\r" not in res.err,
          "progress printed to a pipe: %r" % res.err[-200:])


@test
def batch_man_page_and_install(tmp):
    """conduct.1 lints clean with mandoc and names every scan and merge
    option; make install puts the binary, the man page, the policy, the
    lexicons and the schemas under PREFIX in DESTDIR."""
    man = os.path.join(L.ROOT, "conduct.1")
    mandoc = shutil.which("mandoc")
    check(mandoc, "mandoc is not installed (scripts/install-deps)")
    res = L.run([mandoc, "-T", "lint", man])
    check(res.code == 0 and not (res.out + res.err).strip(),
          "mandoc -T lint: %s" % (res.out + res.err).strip()[:500])
    with open(man, encoding="utf-8") as f:
        text = f.read().replace("\\-", "-")
    for cmd in ("scan", "merge"):
        helptext = L.conduct("help", cmd).out
        opts = re.findall(r"^\s+(?:-\w, )?--([a-z-]+)", helptext, re.M)
        check(len(opts) > 4, "no options in 'conduct help %s'" % cmd)
        for name in opts:
            check("Fl -" + name in text,
                  "conduct.1 does not describe %s --%s" % (cmd, name))
    for cmd in ("scan", "merge", "inspect", "rules", "policy", "keygen"):
        check("Cm " + cmd in text, "conduct.1 lacks the command " + cmd)
    dest = os.path.join(tmp, "dest")
    env = L.env()
    env.pop("MAKEFLAGS", None)
    env.pop("MFLAGS", None)
    proc = subprocess.run(["make", "-s", "-o", "build/conduct", "install",
                           "PREFIX=/opt/conduct", "DESTDIR=" + dest],
                          cwd=L.ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=120)
    check(proc.returncode == 0, "make install: %s" %
          proc.stdout.decode("utf-8", "replace")[-400:])
    root = os.path.join(dest, "opt", "conduct")
    want = ["bin/conduct", "share/man/man1/conduct.1",
            "share/conduct/policy/default.json"]
    want += ["share/conduct/lexicons/" + n
             for n in os.listdir(os.path.join(L.ROOT, "lexicons"))]
    want += ["share/conduct/schemas/" + n
             for n in os.listdir(os.path.join(L.ROOT, "schemas"))]
    missing = [w for w in want if not os.path.isfile(os.path.join(root, w))]
    check(not missing, "not installed: %s" % missing)
    res = L.run([os.path.join(root, "bin", "conduct"), "--version"])
    check(res.code == 0 and res.out.startswith("conduct "),
          "the installed binary: %s" % res.describe())
    check(L.sha256_file(os.path.join(root, "share/man/man1/conduct.1")) ==
          L.sha256_file(man), "the installed man page differs")


@test
def batch_folder_digest(tmp):
    """A folder's digest (the SHA-256 of its sorted relative paths, each
    with the hex SHA-256 of its file) is the same whether it is computed
    on the scanning thread (-j 1) or on a thread of its own with an input
    of its own (the default), and is what that definition gives."""
    tree = os.path.join(tmp, "tree")
    shutil.copytree(os.path.join(L.ROOT, "fixtures", "demo",
                                 "x-jordan-2023"), tree)
    want = hashlib.sha256()
    files = []
    for d, _, names in os.walk(tree):
        for n in names:
            files.append(os.path.relpath(os.path.join(d, n), tree))
    for rel in sorted(files):
        want.update(rel.encode() + b"\0")
        want.update(L.sha256_file(os.path.join(tree, rel)).encode() + b"\n")
    got = {}
    for jobs in ("1", "2"):
        _, j, _ = _scan(tmp, "j" + jobs, "-j", jobs, tree)
        got[jobs] = L.load_json(j)["archives"][0]["sha256"]
    check(got["1"] == got["2"] == want.hexdigest(),
          "folder digests -j 1 %s, -j 2 %s, want %s" % (
              got["1"], got["2"], want.hexdigest()))
