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
def bluesky_diagnostics_apart(tmp):
    """Two kinds of warning in one repo.car (two records with an unreadable
    createdAt, and a record block whose bytes no longer match its CID) are
    two diagnostics, the first counted twice: a reviewer reads each
    problem, not the first of them with a count that hides the other."""
    case = os.path.join(L.ROOT, "fixtures", "bluesky", "repo-2024")
    with open(os.path.join(case, "repo.json"), encoding="utf-8") as f:
        desc = json.load(f)
    posts = [rec for key, rec in desc["records"].items()
             if key.startswith("app.bsky.feed.post/")]
    check(len(posts) >= 3, "the fixture has fewer than three posts")
    for rec in posts[:2]:
        rec["createdAt"] = "yesterday at noon"
    posts[2]["text"] = "tamper-me " + posts[2]["text"]
    path = os.path.join(tmp, "repo.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(desc, f)
    car = os.path.join(tmp, "repo.car")
    _mkcar(path, car)
    with open(car, "rb") as f:
        data = f.read()
    check(data.count(b"tamper-me ") == 1, "no block to tamper with")
    with open(car, "wb") as f:  # same length: valid CBOR, wrong digest
        f.write(data.replace(b"tamper-me ", b"TAMPER-ME "))
    scan = Scan(tmp, [car], read_args(case), cwd=case)
    check(scan.res.code in (0, 1), scan.res.describe())
    diags = scan.report["archives"][0].get("diagnostics") or []
    dated = [d for d in diags if "createdAt" in (d.get("message") or "")]
    digest = [d for d in diags if "digest" in (d.get("message") or "")]
    check(len(dated) == 1 and dated[0].get("count") == 2,
          "the unreadable createdAt is not one diagnostic counted twice: "
          "%s" % json.dumps(diags)[:600])
    check(len(digest) == 1, "the damaged block has no diagnostic of its "
          "own: %s" % json.dumps(diags)[:600])


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


@test
def ignored_media_folded(tmp):
    """Media members past the first ten of a folder are counted in one
    coverage note, not listed one by one (a real media folder holds tens
    of thousands: issue 22's 500,000-member zip); the counts are exact."""
    import shutil
    tree = os.path.join(tmp, "x")
    shutil.copytree(os.path.join(L.ROOT, "fixtures", "twitter",
                                 "layout-2022", "export"), tree)
    media = os.path.join(tree, "data", "tweets_media")
    os.makedirs(media, exist_ok=True)
    before = len(os.listdir(media))
    for i in range(25):
        with open(os.path.join(media, "99%04d-made.jpg" % i), "wb") as f:
            f.write(b"\xff\xd8\xff\xd9")
    z = L.mkarchive(os.path.join(tmp, "x.zip"), tree)
    scan = Scan(tmp, [z])
    check(scan.res.code == 0, scan.res.describe())
    ign = scan.report["archives"][0]["coverage"]["ignored"]
    named = [i for i in ign if i["member"].startswith("data/tweets_media/")
             and not i["member"].endswith("*")]
    folded = [i for i in ign if i["member"] == "data/tweets_media/*"]
    total = before + 25
    check(len(named) == 10 and len(folded) == 1 and
          ("%d more members" % (total - 10)) in folded[0]["reason"],
          "ignored media: %d named, folded %r (of %d)" % (len(named), folded,
                                                          total))
