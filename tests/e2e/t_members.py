"""End-to-end: an export of very many members (issue 22). A media folder of
a real archive holds tens of thousands of files; conduct walks a plain zip's
central directory itself, one window at a time (src/input/zipraw.c), so its
memory does not hold an entry per member as libarchive's seekable reader
does. These tests build a zip of more than 65,535 members (so it has a
zip64 end record), check that every member is accounted for in the
coverage, and that the report is byte for byte the one libarchive's walk
gives (CONDUCT_ZIP_LIBARCHIVE=1). Loaded by tests/e2e/run.py (see
load_test_modules there)."""
import json
import os
import subprocess
import zipfile

MEDIA = 66000       # members of data/tweets_media/ (ignored, folded)
OTHER = 40          # members nobody knows (unrecognised, listed)
LISTED = 10         # ignored members a folder lists by name (scan.c)


def tweet(i, text):
    return {"tweet": {"id_str": str(1000 + i), "full_text": text,
                      "created_at": "Mon Oct 02 09:0%d:00 +0000 2023" % i,
                      "entities": {"user_mentions": []}}}


def many_members_zip(path):
    """The zip and the number of file members it holds."""
    files = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("data/account.js", "window.YTD.account.part0 = " +
                   json.dumps([{"account": {"username": "sam_example",
                                            "accountId": "42"}}]))
        z.writestr("data/tweets.js", "window.YTD.tweets.part0 = " +
                   json.dumps([tweet(1, "first post"),
                               tweet(2, "second post")]),
                   compress_type=zipfile.ZIP_DEFLATED)
        files += 2
        z.writestr(zipfile.ZipInfo("data/tweets_media/"), b"")  # a folder
        for i in range(MEDIA):
            zi = zipfile.ZipInfo("data/tweets_media/%06d.jpg" % i,
                                 (2023, 10, 2, 9, 0, 0))
            if i % 1000 == 7:  # a few deflated ones among the stored
                zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, b"\xff\xd8\xff\xd9" * (1 + i % 3))
            files += 1
        for i in range(OTHER):
            z.writestr("notes/n%02d.bin" % i, b"x")
            files += 1
    return files


GNU_TIME = "/usr/bin/time"  # Debian's `time` (scripts/install-deps)


def scan(tmp, tag, archive, extra_env=None):
    """Scan archive: (exit code, peak KiB or None, JSON report, stderr).
    The peak is GNU time's: a child's own ru_maxrss counts the memory of
    the Python process it was forked from."""
    out = os.path.join(tmp, tag)
    os.makedirs(out, exist_ok=True)
    rep = os.path.join(out, "R.json")
    peak = os.path.join(tmp, tag + ".peak")
    e = L.env()
    e.update(extra_env or {})
    argv = [L.CONDUCT, "scan", "--deterministic", "-q", "--json", rep,
            "-o", os.path.join(out, "R.xlsx"), archive]
    timed = os.access(GNU_TIME, os.X_OK)
    if timed:
        argv = [GNU_TIME, "-f", "%M", "-o", peak] + argv
    proc = subprocess.run(argv, cwd=tmp, env=e, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=L.TIMEOUT)
    kb = None
    if timed:
        with open(peak, encoding="utf-8") as f:
            kb = int(f.read().split()[-1])
    return proc.returncode, kb, rep, proc.stderr.decode("utf-8", "replace")


@test
def members_many_every_one_accounted(tmp):
    archive = os.path.join(tmp, "x-many.zip")
    files = many_members_zip(archive)
    code, kb, rep, err = scan(tmp, "own", archive)
    check(code == 0, "exit %d: %s" % (code, err.strip()[-300:]))
    a = L.load_json(rep)["archives"][0]
    check(a["platforms"] == ["twitter"] or a.get("platforms"),
          "platform not detected: %r" % a.get("platforms"))
    check(a["counts"].get("posts") == 2, "counts %r" % a["counts"])
    cov = a["coverage"]
    listed = [n for n in cov["ignored"] if not n["member"].endswith("*")]
    folded = [n for n in cov["ignored"] if n["member"].endswith("*")]
    check(len(listed) == LISTED and len(folded) == 1,
          "ignored notes: %d listed, %d folded" % (len(listed), len(folded)))
    more = MEDIA - LISTED
    check(folded[0]["member"] == "data/tweets_media/*" and
          ("%d more members" % more) in folded[0]["reason"],
          "folded note %r" % folded[0])
    check(len(cov["unrecognised"]) == OTHER,
          "%d unrecognised, want %d" % (len(cov["unrecognised"]), OTHER))
    accounted = len(cov["parsed"]) + len(listed) + more + \
        len(cov["unrecognised"])
    check(accounted == files, "%d members accounted for of %d" % (
        accounted, files))


@test
def members_many_same_as_libarchive(tmp):
    # The own walk and libarchive's seekable reader list the same members
    # with the same problems: the reports are identical, and the own walk
    # does not keep an entry per member (about 144 bytes each in
    # libarchive: 9 MB here).
    archive = os.path.join(tmp, "x-many.zip")
    many_members_zip(archive)
    c1, kb1, r1, e1 = scan(tmp, "own", archive)
    c2, kb2, r2, e2 = scan(tmp, "libarchive", archive,
                           {"CONDUCT_ZIP_LIBARCHIVE": "1"})
    check(c1 == c2 == 0, "exits %d, %d: %s %s" % (c1, c2, e1[-200:],
                                                 e2[-200:]))
    with open(r1, "rb") as f1, open(r2, "rb") as f2:
        check(f1.read() == f2.read(),
              "the own walk's report differs from libarchive's")
    sanitized = "ASAN_OPTIONS" in os.environ or \
        "TSAN_OPTIONS" in os.environ or os.environ.get("CONDUCT_SLOW")
    if kb1 is not None and not sanitized:
        check(kb1 + 4 * 1024 < kb2,
              "own walk peak %d KiB, libarchive's %d KiB: not 4 MiB less" %
              (kb1, kb2))
