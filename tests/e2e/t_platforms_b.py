"""TikTok, LinkedIn and Snapchat beyond their fixture cases (issue 5): the
variants a fixture tree cannot show on its own, built at test time from
copies of fixtures/<platform>/<case>/export: a LinkedIn export without
Profile.csv (the owner is then the person in every message, and a warning
says so), a TikTok file that is not a JSON object, a Snapchat export whose
chat history is missing, and detection of each platform from a single
member.

Loaded by run.py (load_test_modules), which provides test, Scan, L, check,
fail_if and schema_problems."""

import json
import os
import shutil


def _copy_case(tmp, platform, case, name):
    src = os.path.join(L.FIXTURES, platform, case, "export")
    dst = os.path.join(tmp, name)
    shutil.copytree(src, dst)
    return dst


def _archive(scan, name):
    return L.archive_by_file(scan.report, name)


@test
def linkedin_owner_without_profile(tmp):
    tree = _copy_case(tmp, "linkedin", "export-2022", "li-noprofile")
    os.remove(os.path.join(tree, "Profile.csv"))
    z = L.mkarchive(os.path.join(tmp, "li-noprofile.zip"), tree)
    case = os.path.join(L.FIXTURES, "linkedin", "export-2022")
    scan = Scan(tmp, [z], ["--clients", os.path.join(case, "clients.csv")])
    check(scan.res.code == 0, scan.res.describe())
    a = _archive(scan, "li-noprofile.zip")
    check(a.get("counts", {}).get("messages") == 3,
          "messages %r, want 3" % a.get("counts"))
    diags = [d.get("message") or "" for d in a.get("diagnostics") or []]
    check(any("Rowan Practitioner" in d and "Profile.csv" in d
              for d in diags),
          "no warning naming the guessed owner: %r" % diags)
    check(any("Profile.csv" in g for g in a["coverage"]["gaps"]),
          "no coverage gap for the missing Profile.csv: %r" %
          a["coverage"]["gaps"])
    msgs = [f for f in scan.report.get("findings") or []
            if f.get("rule") == "client-message"]
    check(len(msgs) == 1, "client-message findings %d, want 1" % len(msgs))
    check("(1 sent by the account)" in msgs[0].get("evidence", ""),
          "the guessed owner did not make one message sent: %r" %
          msgs[0].get("evidence"))
    fail_if(schema_problems(scan.report))


@test
def tiktok_not_an_object(tmp):
    tree = os.path.join(tmp, "tk-bad")
    os.makedirs(tree)
    L.write(os.path.join(tree, "user_data_tiktok.json"), "[1, 2, 3]\n")
    z = L.mkarchive(os.path.join(tmp, "tk-bad.zip"), tree)
    scan = Scan(tmp, [z])
    check(scan.res.code == 1, "exit %s, want 1 (partial)" %
          scan.res.describe())
    a = _archive(scan, "tk-bad.zip")
    check(a.get("platforms") == ["tiktok"], "platforms %r" %
          a.get("platforms"))
    check(a.get("status") == "partial", "status %r" % a.get("status"))
    check(any("not an object" in (d.get("message") or "") and
              d.get("member") == "user_data_tiktok.json"
              for d in a.get("diagnostics") or []),
          "no diagnostic naming the member: %r" % a.get("diagnostics"))


@test
def snapchat_without_chats(tmp):
    tree = _copy_case(tmp, "snapchat", "export-2024", "sc-nochat")
    os.remove(os.path.join(tree, "json", "chat_history.json"))
    z = L.mkarchive(os.path.join(tmp, "sc-nochat.zip"), tree)
    scan = Scan(tmp, [z])
    check(scan.res.code == 0, scan.res.describe())
    a = _archive(scan, "sc-nochat.zip")
    check(a["counts"]["messages"] == 0, "messages %r" % a["counts"])
    check(a["counts"]["place_visits"] == 2 and
          a["counts"]["labelled_places"] == 2,
          "place_visits, labelled_places %r" % a["counts"])
    check(any("chat_history.json" in g for g in a["coverage"]["gaps"]),
          "no coverage gap for the missing chats: %r" %
          a["coverage"]["gaps"])


@test
def platforms_b_detected_from_one_member(tmp):
    """One file of each export is enough to name its platform."""
    probs = []
    for platform, case, member in (
            ("tiktok", "layout-2024", "user_data_tiktok.json"),
            ("tiktok", "layout-2023-old", "user_data.json"),
            ("linkedin", "export-2018", "Shares.csv"),
            ("linkedin", "export-2022", "Connections.csv"),
            ("snapchat", "export-older", "json/location_history.json")):
        tree = os.path.join(tmp, "one-%s-%s" % (platform, case))
        src = os.path.join(L.FIXTURES, platform, case, "export", member)
        os.makedirs(os.path.dirname(os.path.join(tree, member)),
                    exist_ok=True)
        shutil.copyfile(src, os.path.join(tree, member))
        scan = Scan(tmp, [tree], tag="one-" + platform + case)
        a = scan.report.get("archives") or [{}]
        if a[0].get("platforms") != [platform]:
            probs.append("%s alone: platforms %r, want %s" % (
                member, a[0].get("platforms"), platform))
        if json.dumps(a[0].get("counts")) == json.dumps(
                {k: 0 for k in L.COUNT_KEYS}):
            probs.append("%s alone: no records" % member)
    fail_if(probs)


@test
def linkedin_connection_dates(tmp):
    """Every date spelling of Connections.csv, read through the findings'
    times (each connection is a registered client)."""
    rows = [
        ("Ann", "One", "1/8/18, 6:14 PM", "2018-01-08T18:14:00Z"),
        ("Ben", "Two", "12/31/17, 12:05 AM", "2017-12-31T00:05:00Z"),
        ("Cat", "Three", "7/4/2019, 12:30 PM", "2019-07-04T12:30:00Z"),
        ("Dan", "Four", "09 Sep 2022", "2022-09-09T00:00:00Z"),
        ("Eve", "Five", "1 Sept 2023", "2023-09-01T00:00:00Z"),
        ("Fin", "Six", "2021-03-14", "2021-03-14T00:00:00Z"),
        ("Gus", "Seven", "the day we met", None),
    ]
    tree = os.path.join(tmp, "li-dates")
    os.makedirs(tree)
    L.write(os.path.join(tree, "Connections.csv"),
            "First Name,Last Name,Email Address,Company,Position,"
            "Connected On\n" + "".join(
                '%s,%s,,,,"%s"\n' % (f, l, d) for f, l, d, _ in rows))
    L.write(os.path.join(tree, "Profile.csv"),
            "First Name,Last Name\nPat,Owner\n")
    reg = L.register(os.path.join(tmp, "clients.csv"), [
        {"ref": "C-%d" % i, "names": "%s %s" % (f, l)}
        for i, (f, l, _, _) in enumerate(rows)])
    scan = Scan(tmp, [tree], ["--clients", reg])
    check(scan.res.code == 0, scan.res.describe())
    a = scan.report["archives"][0]
    check(a.get("subject") == "Pat Owner", "subject %r" % a.get("subject"))
    # a connection is one friend, not a following and a follower
    check(a["counts"]["friends"] == len(rows) and
          a["counts"]["following"] == 0 and
          a["counts"]["followers"] == 0, "counts %r" % a["counts"])
    got = {f.get("client"): L.utc(f)
           for f in scan.report.get("findings") or []
           if f.get("rule") == "client-connection"}
    probs = []
    for i, (f, l, d, want) in enumerate(rows):
        if got.get("C-%d" % i, "missing") != want:
            probs.append("%r read as %r, want %r" % (
                d, got.get("C-%d" % i, "no finding"), want))
    check(any("the day we met" in (x.get("message") or "")
              for x in a.get("diagnostics") or []),
          "no warning for the unreadable date")
    fail_if(probs)
