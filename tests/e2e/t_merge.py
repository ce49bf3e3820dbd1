"""End-to-end checks of `conduct merge` writing every format of the writer
registry (issue 19): merge --csv of per-archive reports (--parts-dir)
writes the CSV that `scan --csv` writes over the same archives, next to the
same workbook and JSON report, and the findings the workbook lists by
topic (Connections, Locations, with their distances) survive the round
trip through the per-archive reports, which alone carry those fields.

Loaded by run.py (load_test_modules): test, L, check, fail_if and
schema_problems are given as globals."""

import os

CLIENTS = os.path.join(L.FIXTURES, "demo", "clients.csv")
# exports with connection findings (demo), several platforms, a damaged one
CASES = [("demo", "x-jordan-2023"), ("twitter", "layout-2022"),
         ("instagram", "folders-2022"), ("google", "takeout-records")]
RUN_ARGS = ["--deterministic", "-q", "--clients", CLIENTS, "--since",
            "2023-01-01", "--until", "2023-12-31", "--tz", "Europe/London"]


def _tree(case):
    t = os.path.join(L.FIXTURES, case[0], case[1], "export")
    return t if os.path.isdir(t) else os.path.join(L.FIXTURES, *case)


def _bytes(path):
    check(os.path.exists(path), "%s was not written" % os.path.basename(path))
    with open(path, "rb") as f:
        return f.read()


def _scan_and_merge(tmp, zips, args, merge_args, cwd=None):
    """The reports of one scan, and of merging its per-archive reports:
    {"scan": {fmt: path}, "merge": {fmt: path}, "out": merge's stdout}."""
    got = {}
    for tag in ("scan", "merge"):
        got[tag] = {f: os.path.join(tmp, "%s.%s" % (tag, f))
                    for f in ("xlsx", "json", "csv")}
    s = got["scan"]
    res = L.conduct("scan", *args, "-o", s["xlsx"], "--json", s["json"],
                    "--csv", s["csv"], *zips, cwd=cwd)
    check(res.code in (0, 1), "scan: %s" % res.describe())
    parts = os.path.join(tmp, "parts")
    res = L.conduct("scan", *args, "--parts-dir", parts, *zips, cwd=cwd)
    check(res.code in (0, 1), "parts scan: %s" % res.describe())
    names = sorted(os.listdir(parts))
    check(len(names) == len(zips), "parts: %s" % names)
    for n in names:
        fail_if(schema_problems(L.load_json(os.path.join(parts, n))), n)
    m = got["merge"]
    res = L.conduct("merge", "--deterministic", *merge_args,
                    "-o", m["xlsx"], "--json", m["json"], "--csv", m["csv"],
                    *[os.path.join(parts, n) for n in names], cwd=cwd)
    check(res.code in (0, 1), "merge: %s" % res.describe())
    got["out"] = res.out
    got["parts"] = [os.path.join(parts, n) for n in names]
    return got


def _same(got, what):
    for f in ("csv", "json", "xlsx"):
        a, b = _bytes(got["merge"][f]), _bytes(got["scan"][f])
        check(a == b, "%s: the merged %s differs from the scan's (%d and %d "
              "bytes)" % (what, f, len(a), len(b)))


@test
def merge_csv_equals_scan(tmp):
    """merge --csv of the per-archive reports of four exports writes the
    CSV scan --csv writes over them, byte for byte, beside the same
    workbook and JSON report; merge says it wrote all three."""
    os.makedirs(os.path.join(tmp, "in"))
    zips = [L.mkarchive(os.path.join(tmp, "in", "%d-%s-%s.zip" % (
        i, c[0], c[1])), _tree(c)) for i, c in enumerate(CASES)]
    got = _scan_and_merge(tmp, zips, RUN_ARGS, ["--clients", CLIENTS])
    csv = _bytes(got["scan"]["csv"]).decode("utf-8")
    check(csv.count("\n") > 5 and "client-connection" in csv,
          "the scan's CSV should hold the demo's findings: %r" % csv[:200])
    _same(got, "merge")
    want = "wrote %s, %s, %s" % (got["merge"]["xlsx"], got["merge"]["json"],
                                 got["merge"]["csv"])
    check(want in got["out"], "merge printed %r, want %r" % (
        got["out"], want))
    # the CSV alone, without --json
    only = os.path.join(tmp, "only.csv")
    res = L.conduct("merge", "--deterministic", "--clients", CLIENTS,
                    "-o", os.path.join(tmp, "only.xlsx"), "--csv", only,
                    *got["parts"])
    check(res.code in (0, 1), "merge --csv: %s" % res.describe())
    check(_bytes(only) == _bytes(got["scan"]["csv"]),
          "merge --csv without --json: CSV differs")
    res = L.conduct("merge", "--help")
    check(res.code == 0 and "--csv FILE" in res.out and
          "--json FILE" in res.out, "merge --help: %s" % res.describe())


@test
def merge_keeps_locations_and_connections(tmp):
    """The Locations sheet's place and distance (from a site, or the
    radius of a pattern) and the Connections sheet's rows come from fields
    of the findings that only per-archive reports carry: merged, the
    workbook is the scan's, and the report of a run holds none of those
    fields."""
    for case in ("geo-sensitive-site-fires", "geo-home-exposure-fires"):
        cdir = os.path.join(L.FIXTURES, "rules_time", case)
        sub = os.path.join(tmp, case)
        os.makedirs(sub)
        z = L.mkarchive(os.path.join(sub, "in.zip"),
                        os.path.join(cdir, "export"))
        args = ["--deterministic", "-q"] + read_args(cdir)
        merge_args = [a for a in read_args(cdir)
                      if a in ("--policy", "policy.json")]
        got = _scan_and_merge(sub, [z], args, merge_args, cwd=cdir)
        rows = [r for r in L.open_workbook(got["scan"]["xlsx"])[
            "Locations"].iter_rows(min_row=2, values_only=True) if r[0]]
        dist = [r[6] for r in rows if isinstance(r[6], (int, float))]
        check(rows and dist, "%s: Locations rows %r, none with a distance"
              % (case, rows[:3]))
        _same(got, case)
        part = L.load_json(got["parts"][0])
        placed = [f for f in part["findings"] if f.get("about") == "place"]
        check(len(placed) == len(rows) and
              all("distance_m" in f for f in placed) == (len(dist) ==
                                                          len(rows)),
              "%s: the part carries %d findings about a place, the sheet "
              "%d rows" % (case, len(placed), len(rows)))
        run = L.load_json(got["scan"]["json"])
        check(not any("about" in f or "distance_m" in f
                      for f in run["findings"]),
              "%s: the report of a run carries about/distance_m" % case)
