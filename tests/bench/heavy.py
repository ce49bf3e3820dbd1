"""The issue-22 part of `make bench`: what a finding costs, one processor
against two, and many members. tests/bench/bench.py calls cases() after
its own tables (it owns the timing helpers, passed in as `b`). Measured
side by side in one run, the commands compared taking turns each round:

  - the bench archive and a heavy-findings archive (the same 300 MB
    tweets.js generator with a casework phrase in --heavy-share of the
    posts, default 0.10, so case-talk flags them), each scanned with
    -j 1 and with the default, beside `bsdtar -xOf` of the same archive;
  - the heavy archive with case-talk switched off by policy, so that
    (heavy - off) / findings is the marginal cost of one finding, for the
    workbook, the JSON report and the CSV together (-j 1: one processor,
    so the figure is the work done, not the overlap);
  - the JSON report's bytes per finding and the peak memory on the heavy
    case;
  - a zip of --members small members (default 500,000: a media folder of
    a real archive) beside the bench archive: peak memory.

Figures are printed with their goals; nothing is asserted."""

import hashlib
import json
import os
import shutil
import zipfile

import gen

GOAL_J1 = 3.0       # -j 1 against bsdtar -xOf
GOAL_DEFAULT = 2.0  # the default (every processor) against bsdtar
GOAL_US = 5.0       # marginal microseconds per finding
GOAL_BYTES = 600    # JSON report bytes per finding
GOAL_MB = 64        # peak memory


def heavy_archive(b, size_mb, share):
    """The heavy-findings archive, cached like the bench archive."""
    with open(os.path.join(b.HERE, "gen.py"), "rb") as f:
        key = hashlib.sha256(f.read() + b"\0size=%d share=%r" % (
            size_mb, share)).hexdigest()
    outdir = os.path.join(b.BENCH_DIR, "heavy")
    info = {}

    def make(path):
        print("bench: generating the heavy-findings archive (%d MB, %.0f%% "
              "casework) ..." % (size_mb, share * 100), flush=True)
        shutil.rmtree(outdir, ignore_errors=True)
        got = gen.generate(outdir, target_mb=size_mb, casework=share)
        os.replace(got["archive"], path)
        os.remove(got["tweets_js"])
        info.update(got)
    path = b.cached("heavy-archive.zip", key, make)
    return path, os.path.join(outdir, "clients.csv")


def members_archive(b, n):
    """A zip of n small stored members under a media folder, plus the
    account and an empty tweets file, so it is an X archive."""
    key = "members=%d v1" % n

    def make(path):
        print("bench: generating a zip of %d members ..." % n, flush=True)
        with zipfile.ZipFile(path + ".tmp", "w") as z:
            z.writestr("data/account.js", gen.ytd_pretty(
                "account", "account", [{"username": gen.SUBJECT,
                                        "accountId": gen.SUBJECT_ID}]))
            z.writestr("data/tweets.js", "window.YTD.tweets.part0 = []\n")
            for i in range(n):
                z.writestr(zipfile.ZipInfo(
                    "data/tweets_media/%07d-%08x.jpg" % (i, i * 2654435761 &
                                                         0xffffffff),
                    (2023, 10, 2, 9, 0, 0)), b"\xff\xd8\xff\xd9")
        os.replace(path + ".tmp", path)
    return b.cached("members-%d.zip" % n, key, make)


def cases(b, info, opts, out):
    """Rows (name, exit, wall, peak MB, note) of the issue-22 table."""
    rows = []
    reports = {}

    def scan(tag, archive, register, *extra):
        reports[tag] = os.path.join(out, tag + ".json")
        return [b.CONDUCT, "scan", "-q", *extra, "--clients", register,
                "--json", reports[tag], "--csv",
                os.path.join(out, tag + ".csv"), "-o",
                os.path.join(out, tag + ".xlsx"), archive]

    heavy, heavy_reg = heavy_archive(b, opts["size"], opts["heavy_share"])
    off = os.path.join(out, "case-talk-off.json")
    with open(off, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "rules": {"case-talk": {"enabled": False}}},
                  f)
    b.warm(info["archive"], heavy)
    bsdtar = shutil.which("bsdtar") or "bsdtar"
    names = ["bench archive: bsdtar -xOf", "bench archive: -j 1",
             "bench archive: default", "heavy: bsdtar -xOf", "heavy: -j 1",
             "heavy: default", "heavy, case-talk off: -j 1"]
    cmds = [[bsdtar, "-xOf", info["archive"]],
            scan("plain1", info["archive"], info["register"], "-j", "1"),
            scan("plain", info["archive"], info["register"]),
            [bsdtar, "-xOf", heavy],
            scan("heavy1", heavy, heavy_reg, "-j", "1"),
            scan("heavy", heavy, heavy_reg),
            scan("off1", heavy, heavy_reg, "-j", "1", "--policy", off)]
    res = dict(zip(names, b.best_of_each(cmds, opts["runs"])))

    def findings(tag):
        try:
            with open(reports[tag], encoding="utf-8") as f:
                return len(json.load(f).get("findings") or [])
        except (OSError, ValueError):
            return 0
    n_heavy, n_off = findings("heavy1"), findings("off1")
    json_bytes = os.path.getsize(reports["heavy1"]) \
        if os.path.exists(reports["heavy1"]) else 0

    def ratio(name, floor, goal):
        r = res[name][1] / res[floor][1] if res[floor][1] else 0
        return "%.2fx %s (goal <= %.1fx)" % (
            r, "met" if r <= goal else "NOT met", goal)
    for name in names:
        r = res[name]
        note = ""
        if name.endswith("-j 1") and not name.startswith("heavy, "):
            note = ratio(name, name.split(":")[0] + ": bsdtar -xOf", GOAL_J1)
        elif name.endswith("default"):
            note = ratio(name, name.split(":")[0] + ": bsdtar -xOf",
                         GOAL_DEFAULT)
        if name == "heavy: default":
            note += "; peak %.1f MB %s (goal < %d MB)" % (
                r[2], "met" if r[2] < GOAL_MB else "NOT met", GOAL_MB)
        rows.append((name, r[0], r[1], r[2], note))
    extra = n_heavy - n_off
    if extra > 0:
        us = (res["heavy: -j 1"][1] - res["heavy, case-talk off: -j 1"][1]) \
            / extra * 1e6
        rows.append(("cost of a finding (-j 1)", 0, 0.0, 0.0,
                     "%.1f us over %d findings (%d with the rule off) %s "
                     "(goal <= %.0f us)" % (us, extra, n_off, "met" if
                                            us <= GOAL_US else "NOT met",
                                            GOAL_US)))
    if n_heavy:
        per = json_bytes / n_heavy
        rows.append(("JSON report per finding (heavy)", 0, 0.0, 0.0,
                     "%.0f bytes (%d findings, %.1f MB) %s (goal <= %d)" % (
                         per, n_heavy, json_bytes / 1e6,
                         "met" if per <= GOAL_BYTES else "NOT met",
                         GOAL_BYTES)))
    many = members_archive(b, opts["members"])
    r = b.best_of(scan("members", many, info["register"]), 1)
    rows.append(("zip of %d members" % opts["members"], r[0], r[1], r[2],
                 "peak %.1f MB %s (goal < %d MB)" % (
                     r[2], "met" if r[2] < GOAL_MB else "NOT met", GOAL_MB)))
    return rows
