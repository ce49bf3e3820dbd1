"""Counts a reviewer can check (issue 18): every fixture case is scanned as
the fixture runner scans it (its export/ tree packed into a zip by
build/mkarchive, the lines of its args file, the case directory as working
directory; the demo as `make demo` scans it) and each count of the report
is compared with tests/e2e/counts.tsv, a table worked out by hand from the
export's own files, never by running conduct. So a change in a count can
only land together with a change of the table and its reason; a fixture
without a row, a row without a fixture, and a count kind the table has no
column for all fail.

Loaded by run.py (load_test_modules): test, Scan, L, check, fail_if,
read_args and fixture_cases are given as globals."""

import os

TABLE = os.path.join(L.ROOT, "tests", "e2e", "counts.tsv")
DEMO = os.path.join(L.FIXTURES, "demo")
# the options of `make demo` (Makefile), with the register beside the demo
DEMO_ARGS = ["--clients", "clients.csv", "--since", "2023-01-01",
             "--until", "2023-12-31", "--tz", "Europe/London"]


def read_table():
    """(kinds, rows): the count columns of counts.tsv, in order, and its
    rows as {fixture: {kind: int}}; a malformed table fails."""
    check(os.path.exists(TABLE), "%s is missing" % os.path.relpath(
        TABLE, L.ROOT))
    header, rows = None, {}
    with open(TABLE, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                check(cells[0] == "fixture" and cells[-1] == "why" and
                      len(cells) > 2, "counts.tsv line %d: the header must "
                      "be fixture, the count kinds, why" % n)
                header = cells
                continue
            check(len(cells) == len(header), "counts.tsv line %d: %d "
                  "cells, the header has %d" % (n, len(cells), len(header)))
            check(cells[0] not in rows, "counts.tsv line %d: a second row "
                  "for %s" % (n, cells[0]))
            try:
                rows[cells[0]] = {k: int(v) for k, v in
                                  zip(header[1:-1], cells[1:-1])}
            except ValueError:
                raise Fail("counts.tsv line %d: a count is not a number" % n)
    check(header, "counts.tsv has no header row")
    return header[1:-1], rows


def table_problems(name, kinds, want, got):
    """A line per count where the report (got) and the table row (want)
    differ, and per kind one of them lacks."""
    probs = []
    for k in kinds:
        if k not in got:
            probs.append("%s %s: table %d, the report has no %s count" % (
                name, k, want[k], k))
        elif got[k] != want[k]:
            probs.append("%s %s: table %d, report %s" % (name, k, want[k],
                                                         got[k]))
    for k in sorted(set(got) - set(kinds)):
        probs.append("%s %s: report %s, counts.tsv has no %s column" % (
            name, k, got[k], k))
    return probs


def case_names():
    return ["%s/%s" % (p, c) for p, c, _ in fixture_cases()] + ["demo"]


@test
def counts_table_complete(tmp):
    """counts.tsv has a row for every fixture case and the demo, and no row
    for a case that is not there; its columns are at least the README's
    count kinds."""
    kinds, rows = read_table()
    names = case_names()
    probs = ["fixtures/%s has no row in counts.tsv: count its export by "
             "hand and add one" % n for n in names if n not in rows]
    probs += ["counts.tsv has a row for %s, which is no fixture case" % r
              for r in sorted(rows) if r not in names]
    probs += ["counts.tsv has no %s column" % k for k in L.COUNT_KEYS
              if k not in kinds]
    fail_if(probs)


def scan_counts(tmp, platform, case, cdir):
    """The counts of the one archive of the case's scan."""
    if platform is None:
        scan = Scan(tmp, ["x-jordan-2023"], DEMO_ARGS, tag="demo", cwd=DEMO)
    else:
        z = L.mkarchive(os.path.join(tmp, "%s-%s.zip" % (platform, case)),
                        os.path.join(cdir, "export"))
        scan = Scan(tmp, [z], read_args(cdir), tag="zip", cwd=cdir)
    check(scan.res.code in (0, 1), "scan: %s" % scan.res.describe())
    archives = scan.report.get("archives") or []
    check(len(archives) == 1, "%d archives in the report, want 1" %
          len(archives))
    return archives[0].get("counts") or {}


def make_counts_test(platform, case, cdir):
    name = "demo" if platform is None else "%s/%s" % (platform, case)

    def fn(tmp):
        kinds, rows = read_table()
        check(name in rows, "fixtures/%s has no row in counts.tsv: count "
              "its export by hand and add one" % name)
        got = scan_counts(tmp, platform, case, cdir)
        fail_if(table_problems(name, kinds, rows[name], got),
                "counts differ from counts.tsv")
    fn.__name__ = "counts_" + name.replace("/", "_").replace("-", "_")
    return fn


for _p, _c, _d in fixture_cases():
    test(make_counts_test(_p, _c, _d))
test(make_counts_test(None, None, DEMO))
