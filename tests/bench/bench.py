#!/usr/bin/python3
"""The benchmark `make bench` runs: how fast and in how little memory
conduct scans a large X archive, side by side with two yardsticks. It
generates (once, cached under build/bench/, regenerated when
tests/bench/gen.py or the parameters change) a synthetic archive whose
data/tweets.js is about 300 MB, pretty-printed as real 2022+ exports are,
plus a 1,000-client register, and then measures in one run:

  conduct   build/conduct scan -q --clients REG --json .. -o .. ARCHIVE
  bsdtar    bsdtar -xOf ARCHIVE > /dev/null (the floor: inflating only)
  python    /usr/bin/python3 json.loads of the extracted tweets.js

It prints wall time and peak RSS of each (with --runs N the best of N, the
commands compared taking turns in each round), the ratios conduct/bsdtar and
python/conduct, and PASS/FAIL per target (conduct's peak memory under
64 MB; every generated tweet counted). Figures are reported, not
asserted: the exit status is 1 only when a command failed.

With the issue-8 cases (skipped by --quick) it also measures, in the same
run: the peak memory of a scan of a Google Takeout archive whose
Records.json is --records MB (default 1024; tests/bench/gen_records.py);
the peak memory of scans of the single big files of issue 18 (Android
Timeline.json, TikTok user_data_tiktok.json, Bluesky repo.car with its
records first, so read twice), each --bigdocs MB (default 256;
tests/bench/gen_bigdocs.py);
a Messenger export of about 100 MB (at most --bigdocs) as JSON and the
same threads as HTML (tests/bench/gen_messenger.py): the HTML scan's time
beside the JSON's (target at most 2x) and its peak memory (alone, with
the first table, with --html-only);
the archive with --media MB (default 2048) of stored media members
added (media are skipped, not inflated: ratio to the plain scan), beside
the SHA-256 of that archive alone (conduct hashes every input it reads,
media included, for the report's provenance: the floor of that case),
and both scans again with --no-digest (no input hashed: the media are
never read); a
10-name against a 10,000-name register (matching cost must not grow with
the register); the plain scan with -j 1 (one processor: no helper
threads) against the default; 20 mid-size archives with -j 2 against -j 1
(-j N is the processors used); and archives of
1/4, 1/2 and the full size (cost per record must stay flat).

With the issue-22 cases (tests/bench/heavy.py; skipped by --quick, alone
with --issue-22-only) it measures the cost of a finding on a heavy-findings
archive, -j 1 and the default against bsdtar on both archives, the JSON
report's bytes per finding, and the peak memory on a zip of --members
small members (default 500,000).

With --against OLD (another build's conduct binary, e.g. one of the
revision before a refactor) the first table also has OLD's scan, and both
with -j 1, taking turns in the same rounds, and prints new/old wall time.

Usage: bench.py [--size MB] [--runs N] [--media MB] [--records MB]
                [--bigdocs MB] [--heavy-share F] [--members N] [--quick]
                [--issue-22-only] [--html-only] [--regenerate]
                [--against OLD]
Needs the Debian packages `time` (/usr/bin/time; without it peak RSS comes
from getrusage in a wrapper process) and `libarchive-tools` (bsdtar)."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen  # noqa: E402
import gen_records  # noqa: E402
import heavy  # noqa: E402

BENCH_DIR = os.path.join(ROOT, "build", "bench")
CONDUCT = os.path.join(ROOT, "build", "conduct")
PY = "/usr/bin/python3"
GNU_TIME = "/usr/bin/time"
MEMORY_TARGET_MB = 64

SHA256_ONLY = (
    "import hashlib, sys\n"
    "h = hashlib.sha256()\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    for chunk in iter(lambda: f.read(1 << 20), b''):\n"
    "        h.update(chunk)\n"
    "print(h.hexdigest())\n")

PY_BASELINE = (
    "import json, sys\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    text = f.read()\n"
    "data = json.loads(text[text.index('=') + 1:])\n"
    "print(len(data))\n")

# Runs a command and prints its wall time and the peak RSS (KiB) of its
# process tree, when /usr/bin/time is missing.
RUSAGE_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.monotonic()\n"
    "rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "t = time.monotonic() - t\n"
    "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stderr.write('@@ %.3f %d\\n' % (t, ru.ru_maxrss))\n"
    "sys.exit(rc)\n")


def parse_args(argv):
    opts = {"size": 300, "runs": 1, "regenerate": False, "media": 2048,
            "records": 1024, "bigdocs": 256, "quick": False,
            "heavy_share": 0.10, "members": 500000, "only22": False,
            "only_html": False,
            "against": None}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--quick":
            opts["quick"] = True
            i += 1
            continue
        if a == "--issue-22-only":
            opts["only22"] = True
            i += 1
            continue
        if a == "--html-only":
            opts["only_html"] = True
            i += 1
            continue
        if a == "--against" and i + 1 < len(argv):
            opts["against"] = os.path.abspath(argv[i + 1])
            if not os.access(opts["against"], os.X_OK):
                sys.exit("bench: --against %s is not executable" %
                         argv[i + 1])
            i += 2
            continue
        if a == "--heavy-share" and i + 1 < len(argv):
            try:
                opts["heavy_share"] = float(argv[i + 1])
            except ValueError:
                sys.exit("bench: --heavy-share wants a number")
            i += 2
            continue
        if a in ("--size", "--runs", "--media", "--records",
                 "--bigdocs", "--members") and \
                i + 1 < len(argv):
            try:
                opts[a[2:]] = int(argv[i + 1])
            except ValueError:
                sys.exit("bench: %s wants a number" % a)
            i += 2
        elif a == "--regenerate":
            opts["regenerate"] = True
            i += 1
        else:
            sys.exit(__doc__)
    if opts["size"] < 1 or opts["runs"] < 1:
        sys.exit("bench: --size and --runs must be positive")
    return opts


def dataset(size_mb, regenerate):
    """The cached archive, register and tweets.js, made when missing or
    when the generator or the size changed."""
    with open(os.path.join(HERE, "gen.py"), "rb") as f:
        key = hashlib.sha256(f.read() + b"\0size=%d" % size_mb).hexdigest()
    stamp = os.path.join(BENCH_DIR, "stamp.json")
    try:
        with open(stamp, encoding="utf-8") as f:
            info = json.load(f)
        if (not regenerate and info.get("key") == key and
                all(os.path.exists(info[k]) for k in
                    ("archive", "register", "tweets_js"))):
            print("bench: using the cached archive in %s" %
                  os.path.relpath(BENCH_DIR, ROOT))
            return info
    except (OSError, ValueError, KeyError):
        pass
    print("bench: generating a %d MB tweets.js archive in %s ..." % (
        size_mb, os.path.relpath(BENCH_DIR, ROOT)), flush=True)
    if os.path.exists(stamp):
        os.remove(stamp)
    t = time.monotonic()
    info = gen.generate(BENCH_DIR, target_mb=size_mb)
    print("bench: generated in %.0f s" % (time.monotonic() - t))
    info["key"] = key
    with open(stamp, "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
    return info


def cached(name, key, make):
    """build/bench/<name>, made by make(path) unless its stamp matches."""
    path = os.path.join(BENCH_DIR, name)
    stamp = path + ".stamp"
    try:
        with open(stamp, encoding="utf-8") as f:
            if f.read() == key and os.path.exists(path):
                return path
    except OSError:
        pass
    make(path)
    with open(stamp, "w", encoding="utf-8") as f:
        f.write(key)
    return path


def media_archive(info, media_mb):
    """The bench archive plus media_mb of stored (uncompressed) media
    members, as real X archives carry: most of their bytes."""
    def make(path):
        import zipfile
        print("bench: adding %d MB of media to a copy of the archive ..." %
              media_mb, flush=True)
        shutil.copy(info["archive"], path + ".tmp")
        chunk = os.urandom(4 << 20)
        with zipfile.ZipFile(path + ".tmp", "a", allowZip64=True) as z:
            for i in range(max(1, media_mb // 64)):
                zi = zipfile.ZipInfo("data/tweets_media/%019d-m%04d.mp4" %
                                     (gen.FIRST_ID + i, i),
                                     (2023, 10, 2, 9, 0, 0))
                zi.compress_type = zipfile.ZIP_STORED
                with z.open(zi, "w", force_zip64=True) as dst:
                    for _ in range(16):
                        dst.write(chunk)
        os.replace(path + ".tmp", path)
    return cached("x-media.zip", "%s %d" % (info["key"], media_mb), make)


def records_archive(size_mb):
    """A Google Takeout zip whose Records.json is about size_mb MB."""
    with open(os.path.join(HERE, "gen_records.py"), "rb") as f:
        key = hashlib.sha256(f.read() + b"\0size=%d" % size_mb).hexdigest()

    def make(path):
        print("bench: generating a %d MB Records.json Takeout archive ..." %
              size_mb, flush=True)
        t = time.monotonic()
        n = gen_records.generate(path + ".tmp", size_mb)
        os.replace(path + ".tmp", path)
        print("bench: %d locations in %.0f s" % (n, time.monotonic() - t))
    return cached("takeout-records.zip", key, make)


def bigdoc(kind, size_mb):
    """A folder (or, for Bluesky, a bare repo.car) holding one big file of
    gen_bigdocs; returns (path, the counts it must give)."""
    key = hashlib.sha256()
    for name in ("gen_bigdocs.py", os.path.join("..", "tools", "mkcar.py")):
        with open(os.path.join(HERE, name), "rb") as f:
            key.update(f.read())
    key.update(b"\0%s size=%d" % (kind.encode(), size_mb))
    files = {"timeline": "Timeline.json", "tiktok": "user_data_tiktok.json",
             "bluesky": "repo.car"}
    want = {}

    def make(path):
        print("bench: generating a %d MB %s ..." % (size_mb, files[kind]),
              flush=True)
        target = path
        if kind != "bluesky":
            shutil.rmtree(path, ignore_errors=True)
            os.makedirs(path)
            target = os.path.join(path, files[kind])
        # in a process of its own: the bench stays small for what it runs
        want.update(json.loads(subprocess.run(
            [PY, os.path.join(HERE, "gen_bigdocs.py"), kind, target,
             str(size_mb << 20)], check=True, stdout=subprocess.PIPE).stdout))
        with open(path + ".counts", "w", encoding="utf-8") as f:
            json.dump(want, f)
    path = cached("bigdoc-" + kind + (".car" if kind == "bluesky" else ""),
                  key.hexdigest(), make)
    with open(path + ".counts", encoding="utf-8") as f:
        return path, json.load(f)


def messenger(size_mb):
    """A Messenger export of about size_mb MB as JSON, and the same threads
    as HTML (gen_messenger.py): ((json dir, html dir), messages)."""
    with open(os.path.join(HERE, "gen_messenger.py"), "rb") as f:
        key = hashlib.sha256(f.read() + b"\0size=%d" % size_mb).hexdigest()
    got = {}

    def make(path):
        print("bench: generating a %d MB Messenger export, JSON and HTML ..."
              % size_mb, flush=True)
        shutil.rmtree(path, ignore_errors=True)
        gen = [PY, os.path.join(HERE, "gen_messenger.py")]
        js = json.loads(subprocess.run(
            gen + ["json", os.path.join(path, "json"), str(size_mb << 20)],
            check=True, stdout=subprocess.PIPE).stdout)
        subprocess.run(gen + ["html", os.path.join(path, "html"), "0",
                              str(js["threads"])], check=True,
                       stdout=subprocess.PIPE)
        with open(path + ".counts", "w", encoding="utf-8") as f:
            json.dump(js, f)
    path = cached("messenger", key, make)
    with open(path + ".counts", encoding="utf-8") as f:
        got = json.load(f)
    return (os.path.join(path, "json"), os.path.join(path, "html")), \
        got["messages"]


def register_of(n):
    """A register of n synthetic clients."""
    def make(path):
        import random
        rnd = random.Random(n)
        gen.write_register(path, gen.clients(rnd, n), rnd)
    return cached("clients-%d.csv" % n, "v1 %d" % n, make)


def scaled_archive(size_mb):
    """A smaller archive of the same shape, for the scaling table."""
    d = os.path.join(BENCH_DIR, "s%d" % size_mb)

    def make(path):
        print("bench: generating a %d MB archive for the scaling table ..."
              % size_mb, flush=True)
        gen.generate(d, target_mb=size_mb)
    cached(os.path.join("s%d" % size_mb, "x-archive.zip"),
           "v1 %d" % size_mb, make)
    return os.path.join(d, "x-archive.zip"), os.path.join(d, "clients.csv")


def warm(*paths):
    """Read files once so every command starts with them in the cache."""
    for p in paths:
        if os.path.isdir(p):
            warm(*(os.path.join(p, n) for n in sorted(os.listdir(p))))
            continue
        with open(p, "rb") as f:
            while f.read(8 << 20):
                pass


def measure(cmd):
    """Run cmd once; returns (exit code, wall seconds, peak RSS in MiB,
    the tail of its stderr)."""
    fd, tfile = tempfile.mkstemp(prefix="bench-time-")
    os.close(fd)
    try:
        if os.access(GNU_TIME, os.X_OK):
            argv = [GNU_TIME, "-f", "%e %M", "-o", tfile] + cmd
        else:
            argv = [PY, "-c", RUSAGE_WRAPPER] + cmd
        t = time.monotonic()
        proc = subprocess.run(argv, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
        wall = time.monotonic() - t
        err = proc.stderr.decode("utf-8", "replace")
        if os.access(GNU_TIME, os.X_OK):
            with open(tfile, encoding="utf-8") as f:
                fields = f.read().split()
            peak_kb = int(fields[-1]) if fields else 0
        else:
            line = [ln for ln in err.splitlines() if ln.startswith("@@ ")]
            peak_kb = int(line[-1].split()[2]) if line else 0
            err = "\n".join(ln for ln in err.splitlines()
                            if not ln.startswith("@@ "))
    finally:
        os.remove(tfile)
    tail = " | ".join(err.strip().splitlines()[-3:])
    return proc.returncode, wall, peak_kb / 1024.0, tail


def best_of(cmd, runs):
    return best_of_each([cmd], runs)[0]


def best_of_each(cmds, runs):
    """Each command's best of runs, the commands taking turns in every
    round, so that a slow spell of a shared machine falls on all of them
    and not on one command's every run."""
    results = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            results[i].append(measure(cmd))
    best = []
    for res in results:
        failed = [r for r in res if r[0] != 0]
        best.append(failed[0] if failed else min(res, key=lambda r: r[1]))
    return best


def main(argv):
    opts = parse_args(argv)
    if not os.access(CONDUCT, os.X_OK):
        sys.exit("bench: build/conduct is not built (make all)")
    bsdtar = shutil.which("bsdtar")
    info = dataset(opts["size"], opts["regenerate"])
    print("bench: %d tweets, tweets.js %.0f MB, zip %.0f MB, %d following, "
          "%d followers, %d clients" % (
              info["tweets"], info["tweets_bytes"] / 1e6,
              info["zip_bytes"] / 1e6, info["following"],
              info["followers"], info["clients"]))
    if not os.access(GNU_TIME, os.X_OK):
        print("bench: /usr/bin/time missing (Debian package `time`); peak "
              "RSS from getrusage")
    warm(info["archive"], info["tweets_js"], info["register"])

    out = tempfile.mkdtemp(prefix="conduct-bench-")
    rows, failures = [], []
    try:
        report = os.path.join(out, "bench.json")
        cmd = [CONDUCT, "scan", "-q", "--clients", info["register"],
               "--json", report, "-o", os.path.join(out, "bench.xlsx"),
               info["archive"]]
        names = ["conduct scan (zip)"]
        cmds = [cmd]
        if bsdtar:
            names.append("bsdtar -xOf (inflate only)")
            cmds.append([bsdtar, "-xOf", info["archive"]])
        else:
            failures.append("bsdtar missing (Debian package "
                            "libarchive-tools)")
        names.append("python3 json.loads (extracted)")
        cmds.append([PY, "-c", PY_BASELINE, info["tweets_js"]])
        if opts["against"]:
            old = [opts["against"]] + cmd[1:]
            names += ["old conduct scan (zip)", "conduct scan -j 1",
                      "old conduct scan -j 1"]
            cmds += [old, cmd[:2] + ["-j", "1"] + cmd[2:],
                     old[:2] + ["-j", "1"] + old[2:]]
        for name, res in zip(names, best_of_each(cmds, opts["runs"])):
            rows.append((name,) + res)
        posts = findings = None
        try:
            with open(report, encoding="utf-8") as f:
                rep = json.load(f)
            posts = rep["archives"][0]["counts"]["posts"]
            findings = len(rep.get("findings") or [])
        except (OSError, ValueError, KeyError, IndexError) as e:
            failures.append("conduct's JSON report unreadable: %s" % e)
        extra = extra22 = []
        if opts["only_html"]:
            extra = html_cases(info, opts, out)
        elif not opts["quick"] and not opts["only22"]:
            extra = extra_cases(info, opts, out)
        if not opts["quick"] and not opts["only_html"]:
            extra22 = heavy.cases(sys.modules[__name__], info, opts, out)
    finally:
        shutil.rmtree(out, ignore_errors=True)

    print()
    print("%-32s %9s %10s  %s" % ("command", "wall s", "peak MB", "exit"))
    for name, rc, wall, peak, tail in rows:
        print("%-32s %9.2f %10.1f  %d" % (name, wall, peak, rc))
        if rc != 0:
            failures.append("%s exited %d%s" % (name, rc,
                                                ": " + tail if tail else ""))
    by = {}
    for r in rows:  # the first row of each command (not --against's)
        by.setdefault(r[0].split()[0], r)
    print()
    if "conduct" in by and "bsdtar" in by and by["bsdtar"][2] > 0:
        print("conduct / bsdtar wall: %.2fx" % (by["conduct"][2] /
                                                by["bsdtar"][2]))
    if "conduct" in by and "python3" in by and by["conduct"][2] > 0:
        print("python / conduct wall: %.2fx" % (by["python3"][2] /
                                                by["conduct"][2]))
        if by["conduct"][3] > 0:
            print("python / conduct peak memory: %.1fx" % (
                by["python3"][3] / by["conduct"][3]))
    if opts["against"]:
        walls = {r[0]: r[2] for r in rows}
        for new, old in (("conduct scan (zip)", "old conduct scan (zip)"),
                         ("conduct scan -j 1", "old conduct scan -j 1")):
            if walls.get(old):
                print("%s: new / old wall %.3fx" % (new, walls[new] /
                                                    walls[old]))
    if findings is not None:
        print("conduct: %s posts counted, %d findings" % (posts, findings))
    print()
    if "conduct" in by:
        peak = by["conduct"][3]
        print("%s conduct peak RSS %.1f MB < %d MB" % (
            "PASS" if peak < MEMORY_TARGET_MB else "FAIL", peak,
            MEMORY_TARGET_MB))
    print("%s every tweet counted (%s of %d)" % (
        "PASS" if posts == info["tweets"] else "FAIL", posts,
        info["tweets"]))
    if extra:
        print()
        print("%-40s %9s %10s  %s" % ("issue-8 case", "wall s", "peak MB",
                                      "ratio"))
        for name, rc, wall, peak, ratio in extra:
            print("%-40s %9.2f %10.1f  %s" % (name, wall, peak, ratio))
            if rc != 0:
                failures.append("%s exited %d" % (name, rc))
    if extra22:
        print()
        print("%-40s %9s %10s  %s" % ("issue-22 case", "wall s", "peak MB",
                                      "figure"))
        for name, rc, wall, peak, note in extra22:
            print("%-40s %9.2f %10.1f  %s" % (name, wall, peak, note))
            if rc != 0:
                failures.append("%s exited %d" % (name, rc))
    for f in failures:
        print("bench: error: %s" % f)
    return 1 if failures else 0


def html_cases(info, opts, out):
    """Issue 20's HTML case: a Messenger export of about 100 MB (at most
    --bigdocs) as JSON and the same threads as HTML, the two scans taking
    turns in each of --runs rounds: the HTML's time beside the JSON's
    (target at most 2x) and its peak memory."""
    rows = []
    msg_mb = min(100, opts["bigdocs"])
    (mj, mh), n_msgs = messenger(msg_mb)
    warm(mj, mh)
    cmds, reports = [], []
    for tree in (mj, mh):
        reports.append(os.path.join(out, "x-%d.json" % len(cmds)))
        cmds.append([CONDUCT, "scan", "-q", "--clients", info["register"],
                     "--json", reports[-1], "-o",
                     os.path.join(out, "x.xlsx"), "--platform", "facebook",
                     tree])
    res = best_of_each(cmds, opts["runs"])  # (exit, wall, peak, stderr)
    got = []
    for path in reports:
        try:
            with open(path, encoding="utf-8") as f:
                got.append(json.load(f)["archives"][0]["counts"]["messages"])
        except (OSError, ValueError, KeyError, IndexError):
            got.append(-1)
    rows.append(("Messenger of %d MB as JSON" % msg_mb, res[0][0],
                 res[0][1], res[0][2], "%d messages read" % got[0]))
    rows.append(("the same threads as HTML (vs JSON)", res[1][0], res[1][1],
                 res[1][2], "%.2fx (target <= 2), peak %.1f MB %s %d MB, %s"
                 % (res[1][1] / res[0][1] if res[0][1] else 0, res[1][2],
                    "<" if res[1][2] < MEMORY_TARGET_MB else "FAIL >=",
                    MEMORY_TARGET_MB, "all read" if got[1] == n_msgs ==
                    got[0] else "FAIL %d and %d messages, want %d" % (
                        got[0], got[1], n_msgs))))
    return rows


def extra_cases(info, opts, out):
    """The issue-8 measurements: media, register scaling, size scaling."""
    rows = []

    def scan_cmd(archive, register, *extra):
        return [CONDUCT, "scan", "-q", *extra, "--clients", register,
                "--json", os.path.join(out, "x.json"), "-o",
                os.path.join(out, "x.xlsx"), archive]

    def scan(archive, register, runs=opts["runs"]):
        return best_of(scan_cmd(archive, register), runs)

    recs = records_archive(opts["records"])
    warm(recs)
    r = scan(recs, info["register"], 1)
    rows.append(("Records.json of %d MB: peak memory" % opts["records"],
                 r[0], r[1], r[2], "%s peak %.1f MB < %d MB" % (
                     "PASS" if r[2] < MEMORY_TARGET_MB else "FAIL", r[2],
                     MEMORY_TARGET_MB)))
    for kind, what in (("timeline", "Timeline.json"),
                       ("tiktok", "user_data_tiktok.json"),
                       ("bluesky", "repo.car, records first")):
        path, want = bigdoc(kind, opts["bigdocs"])
        warm(path)
        cmd = scan_cmd(path, info["register"])
        cmd[-1:-1] = ["--platform", "google" if kind == "timeline" else kind]
        r = best_of(cmd, 1)
        with open(os.path.join(out, "x.json"), encoding="utf-8") as f:
            counts = json.load(f)["archives"][0]["counts"]
        got = {k: counts.get(k) for k in want}
        rows.append(("%s of %d MB: peak memory" % (what, opts["bigdocs"]),
                     r[0], r[1], r[2], "%s peak %.1f MB < %d MB, %s" % (
                         "PASS" if r[2] < MEMORY_TARGET_MB else "FAIL", r[2],
                         MEMORY_TARGET_MB, "all read" if got == want else
                         "FAIL counts %r, want %r" % (got, want))))
    rows += html_cases(info, opts, out)
    media = media_archive(info, opts["media"])
    warm(media)
    # conduct records every input's SHA-256 (provenance), so the media
    # bytes are hashed though never inflated: the hash alone (OpenSSL's,
    # which conduct uses, through python's hashlib) is the floor of that;
    # --no-digest leaves the media unread
    plain, with_media, digest, one_cpu, plain_nd, media_nd = best_of_each(
        [scan_cmd(info["archive"], info["register"]),
         scan_cmd(media, info["register"]),
         [PY, "-c", SHA256_ONLY, media],
         scan_cmd(info["archive"], info["register"], "-j", "1"),
         scan_cmd(info["archive"], info["register"], "--no-digest"),
         scan_cmd(media, info["register"], "--no-digest")],
        opts["runs"])
    rows.append(("with %d MB of media (vs without)" % opts["media"],
                 with_media[0], with_media[1], with_media[2],
                 "%.2fx (target <= 1.2)" % (with_media[1] / plain[1])))
    rows.append(("SHA-256 of that archive alone", digest[0], digest[1],
                 digest[2], "%.2fx of the scan without media" % (
                     digest[1] / plain[1])))
    rows.append(("the plain scan, --no-digest", plain_nd[0], plain_nd[1],
                 plain_nd[2], "%.2fx of the default" % (
                     plain_nd[1] / plain[1])))
    rows.append(("with media, --no-digest (vs without)", media_nd[0],
                 media_nd[1], media_nd[2], "%.2fx (target <= 1.2)" % (
                     media_nd[1] / plain_nd[1])))
    rows.append(("the plain scan on one processor (-j 1)", one_cpu[0],
                 one_cpu[1], one_cpu[2], "%.2fx of the default" % (
                     one_cpu[1] / plain[1])))
    r10, r10k = best_of_each([scan_cmd(info["archive"], register_of(10)),
                              scan_cmd(info["archive"],
                                       register_of(10000))], opts["runs"])
    rows.append(("register of 10 names", r10[0], r10[1], r10[2], ""))
    rows.append(("register of 10,000 names (vs 10)", r10k[0], r10k[1],
                 r10k[2], "%.2fx (target <= 1.3)" % (r10k[1] / r10[1])))
    # -j: 20 mid-size archives (the 1/4-size one, twenty times) on 2 cores
    arch, reg = scaled_archive(max(1, opts["size"] // 4))
    warm(arch)
    many = [arch] * 20
    j1, j2 = best_of_each(
        [[CONDUCT, "scan", "-q", "-j", str(j), "--clients", reg, "--json",
          os.path.join(out, "j.json"), "-o", os.path.join(out, "j.xlsx")] +
         many for j in (1, 2)], opts["runs"])
    rows.append(("20 archives, -j 1", j1[0], j1[1], j1[2], ""))
    rows.append(("20 archives, -j 2 (vs -j 1)", j2[0], j2[1], j2[2],
                 "%.2fx (target <= 0.6)" % (j2[1] / j1[1])))
    sizes = [max(1, opts["size"] // 4), max(1, opts["size"] // 2)]
    base = None
    for mb in sizes + [opts["size"]]:
        if mb == opts["size"]:
            arch, reg, res = info["archive"], info["register"], plain
        else:
            arch, reg = scaled_archive(mb)
            warm(arch)
            res = scan(arch, reg)
        per = res[1] / mb
        base = base or per
        rows.append(("%d MB tweets.js (%dx)" % (mb, mb // sizes[0]),
                     res[0], res[1], res[2],
                     "%.1f ms/MB, %.2fx of 1x per MB" % (per * 1000,
                                                         per / base)))
    return rows


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
