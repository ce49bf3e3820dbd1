"""End-to-end: exports whose single JSON file is larger than the 64 MiB
limit for a document read whole (issue 18, item 8). Google's on-device
Timeline.json and TikTok's user_data_tiktok.json hold several arrays side
by side, and used to be read whole, so a long-time user's real export was
refused. Each test writes a synthetic file just over the limit (made-up
places and accounts) (tests/bench/gen_bigdocs.py) and checks that every entry is read and
nothing is refused. Memory is measured by `make bench`, not here. Loaded by
tests/e2e/run.py (see load_test_modules there)."""
import json
import os
import sys

MIB = 1024 * 1024
DOC_LIMIT = 64 * MIB


def _generate(kind, path, size):
    """The file, made by tests/bench/gen_bigdocs.py in a process of its
    own (a runner grown by it would lend its size to the peak memory that
    other tests measure of the processes it starts); its counts."""
    res = L.run([sys.executable, os.path.join(L.ROOT, "tests", "bench",
                                              "gen_bigdocs.py"),
                 kind, path, str(size)])
    check(res.code == 0, "gen_bigdocs: %s" % res.describe())
    return json.loads(res.out)


def _counts(a, want):
    got = {k: a["counts"].get(k) for k in want}
    check(got == want, "counts %r, want %r" % (got, want))


def _no_refusal(scan, what):
    a = scan.report["archives"][0]
    probs = [d.get("message") for d in a.get("diagnostics") or []
             if d.get("severity") in ("error", "fatal")]
    check(scan.res.code == 0 and not probs,
          "%s: %s; errors %r" % (what, scan.res.describe(), probs))
    return a


@test
def bigdoc_google_timeline(tmp):
    """A 65 MiB Android Timeline.json: visits, raw signals and the frequent
    places after them, all read."""
    tree = os.path.join(tmp, "g")
    os.makedirs(tree)
    want = _generate("timeline", os.path.join(tree, "Timeline.json"),
                     DOC_LIMIT + MIB)
    scan = Scan(tmp, [tree], ["--platform", "google"])
    a = _no_refusal(scan, "Timeline.json over the document limit")
    _counts(a, want)


@test
def bigdoc_tiktok(tmp):
    """A 65 MiB user_data_tiktok.json: a watch history that is not read,
    the lists that are, and a group chat before the profile that says
    whose messages are whose."""
    tree = os.path.join(tmp, "t")
    os.makedirs(tree)
    want = _generate("tiktok", os.path.join(tree, "user_data_tiktok.json"),
                     DOC_LIMIT + MIB)
    scan = Scan(tmp, [tree], ["--platform", "tiktok"])
    a = _no_refusal(scan, "user_data_tiktok.json over the document limit")
    _counts(a, want)
    check(a.get("subject") == "sam_worker", "subject %r" % a.get("subject"))
    check(a.get("status") == "ok", "status %r" % a.get("status"))


def _mkcar(desc_path, out, *opts):
    res = L.run([sys.executable, os.path.join(L.ROOT, "tests", "tools",
                                              "mkcar.py"), desc_path, out] +
                list(opts))
    check(res.code == 0, "mkcar: %s" % res.describe())


def _findings(report):
    return sorted((f.get("rule"), f.get("fingerprint"))
                  for f in report.get("findings") or [])


@test
def bluesky_records_first(tmp):
    """The fixture's repository with every record before the tree node that
    names it and the commit last (an order the CAR format allows): the
    same counts, account and findings as in the usual order."""
    case = os.path.join(L.ROOT, "fixtures", "bluesky", "repo-2024")
    car = os.path.join(tmp, "repo.car")
    _mkcar(os.path.join(case, "repo.json"), car, "--records-first")
    scan = Scan(tmp, [car], read_args(case), cwd=case)
    check(scan.res.code == 0, scan.res.describe())
    with open(os.path.join(case, "expected.json"), encoding="utf-8") as f:
        want = json.load(f)
    got = scan.report
    probs = []
    for key in ("platforms", "counts", "subject"):
        if got["archives"][0][key] != want["archives"][0][key]:
            probs.append("%s is %s, in order %s" % (
                key, got["archives"][0][key], want["archives"][0][key]))
    if _findings(got) != _findings(want):
        probs.append("findings %r, in order %r" % (_findings(got),
                                                   _findings(want)))
    fail_if(probs)


@test
def bigdoc_bluesky(tmp):
    """A 65 MiB repo.car, records first: more than can be held until their
    keys come, so the CAR is read twice; every post keeps its at://
    address."""
    car = os.path.join(tmp, "repo.car")
    want = _generate("bluesky", car, DOC_LIMIT + MIB)
    scan = Scan(tmp, [car])
    a = _no_refusal(scan, "repo.car over the document limit")
    _counts(a, want)
    keyless = [d.get("message") for d in a.get("diagnostics") or []
               if "not named by the repository's tree" in
               (d.get("message") or "")]
    check(not keyless and a.get("subject") ==
          "did:plc:ex4mplebig000000000000000",
          "subject %r, keyless %r" % (a.get("subject"), keyless))
