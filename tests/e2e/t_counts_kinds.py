"""Real shapes that conduct once read wrongly (issue 18, items 4 to 6): the
date shapes of one LinkedIn export side by side (Java's "Tue Aug 30
14:33:11 UTC 2022" among them), Facebook friends who share a display name
(counted as friends, each once, never merged by name), and the frequent
places of Google's on-device Timeline (labelled places, not visits). Each
test scans its fixture case (fixtures/<platform>/<case>/) and checks the
one thing the case is for, in the JSON report and in the workbook's
Summary, so that a regression names its cause rather than a diff.

Loaded by run.py (load_test_modules), which provides test, Scan, L, check,
fail_if and schema_problems."""

import os


def _scan_case(tmp, platform, case, args=()):
    d = os.path.join(L.FIXTURES, platform, case)
    z = L.mkarchive(os.path.join(tmp, "%s-%s.zip" % (platform, case)),
                    os.path.join(d, "export"))
    scan = Scan(tmp, [z], list(args), cwd=d)
    check(scan.res.code == 0, scan.res.describe())
    return scan, scan.report["archives"][0]


def _counts_shown(scan, a):
    wb = L.open_workbook(scan.xlsx)
    return L.summary_counts(wb["Summary"], a.get("file"), 1)


@test
def linkedin_java_dates_read(tmp):
    """Company Follows.csv's "Tue Aug 30 14:33:11 UTC 2022" and the other
    LinkedIn shapes are read: no row is kept without a time."""
    scan, a = _scan_case(tmp, "linkedin", "ctime-dates")
    diags = [d.get("message") or "" for d in a.get("diagnostics") or []]
    bad = [d for d in diags if "date" in d]
    check(not bad, "date diagnostics: %r" % bad)
    check("unreadable date" not in scan.res.err,
          "stderr names unreadable dates: %s" % scan.res.err)
    check(a.get("status") == "ok", "status %r" % a.get("status"))
    # the latest record time is the member follow of 15 Mar 2023, 09:12:40
    check(a.get("made") == "2023-03-15T09:12:40Z",
          "made %r: the ctime-like dates were not read" % a.get("made"))
    fail_if(schema_problems(scan.report))


@test
def friends_counted_once_each(tmp):
    """Two friends named alike are two friends; a friend is not also a
    following and a follower; two followers named alike are two."""
    scan, a = _scan_case(tmp, "facebook", "friends-same-name",
                         ["--clients", "clients.csv"])
    c = a["counts"]
    want = {"friends": 3, "followers": 3, "following": 1}
    got = {k: c.get(k) for k in want}
    check(got == want, "counts %r, want %r" % (got, want))
    shown = _counts_shown(scan, a)
    got = {k: shown.get(k) for k in want}
    check(got == want, "Summary sheet shows %r, want %r" % (got, want))
    ins = L.conduct("inspect", os.path.join(L.FIXTURES, "facebook",
                                            "friends-same-name", "export"))
    check(ins.code == 0 and
          "following 1, followers 3, friends 3" in ins.out,
          "inspect does not show the friends: %s" % ins.describe())
    # the client-connection rule still reads friend records
    conn = [f for f in scan.report.get("findings") or []
            if f.get("rule") == "client-connection"]
    check(len(conn) == 1 and "mutual" in conn[0].get("evidence", "") and
          conn[0].get("source", {}).get("member") ==
          "connections/friends/your_friends.json",
          "client-connection from the friends list: %r" % conn)
    fail_if(schema_problems(scan.report))


@test
def linkedin_connections_are_friends(tmp):
    scan, a = _scan_case(tmp, "linkedin", "ctime-dates")
    c = a["counts"]
    want = {"friends": 2, "following": 4, "followers": 0}
    got = {k: c.get(k) for k in want}
    check(got == want, "counts %r, want %r" % (got, want))


@test
def frequent_places_are_labelled_places(tmp):
    """userLocationProfile.frequentPlaces (HOME, WORK) are the person's
    places: counted as labelled_places, not as place visits, and not taken
    as location history being on."""
    scan, a = _scan_case(tmp, "google", "frequent-places")
    c = a["counts"]
    want = {"place_visits": 2, "labelled_places": 2, "location_points": 0}
    got = {k: c.get(k) for k in want}
    check(got == want, "counts %r, want %r" % (got, want))
    shown = _counts_shown(scan, a)
    got = {k: shown.get(k) for k in want}
    check(got == want, "Summary sheet shows %r, want %r" % (got, want))
    sharing = [f.get("evidence", "") for f in scan.report.get("findings")
               or [] if f.get("rule") == "location-sharing"]
    check(sharing and sharing[0].startswith("2 place visits"),
          "location-sharing evidence %r" % sharing)
    fail_if(schema_problems(scan.report))
