"""End-to-end checks for the Meta platforms (Instagram with Threads,
Facebook with Messenger) beyond the fixture comparisons: a split export
read as one, an HTML export of Facebook, localised labels, Threads'
own privacy setting, and the mojibake repair as seen in the reports.

Loaded by run.py (load_test_modules): test, Scan, L, check, fail_if and
schema_problems are given as globals."""

import json
import os
import shutil


def _meta_tree(case):
    return os.path.join(L.FIXTURES, case[0], case[1], "export")


def _split(src, one, two, both):
    """Copy src's files into two part trees, alternating; files named in
    both go into each part (as Meta repeats small files in every zip)."""
    n = 0
    for root, dirs, files in sorted(os.walk(src)):
        for fn in sorted(files):
            rel = os.path.relpath(os.path.join(root, fn), src)
            if fn in both:
                dests = [one, two]
            else:
                dests = [one if n % 2 == 0 else two]
                n += 1
            for d in dests:
                os.makedirs(os.path.dirname(os.path.join(d, rel)),
                            exist_ok=True)
                shutil.copy(os.path.join(root, fn), os.path.join(d, rel))


@test
def meta_split_export_counts(tmp):
    """An Instagram export in two zips (personal information in both) joined
    with '+' gives the counts of the one zip, and a Facebook one likewise;
    the repeated member is read once."""
    probs = []
    for case, both in ((("instagram", "folders-2022"),
                        ("personal_information.json",)),
                       (("facebook", "layout-2024"),
                        ("profile_information.json", "your_friends.json"))):
        src = _meta_tree(case)
        tag = "-".join(case)
        one = os.path.join(tmp, tag, "p1")
        two = os.path.join(tmp, tag, "p2")
        _split(src, one, two, both)
        whole = L.mkarchive(os.path.join(tmp, tag + ".zip"), src)
        z1 = L.mkarchive(os.path.join(tmp, tag + "-1.zip"), one)
        z2 = L.mkarchive(os.path.join(tmp, tag + "-2.zip"), two)
        a = Scan(tmp, [whole], tag=tag + "-whole").report["archives"][0]
        split = Scan(tmp, [z1 + "+" + z2], tag=tag + "-split")
        rep = split.report
        probs += schema_problems(rep)
        if len(rep["archives"]) != 1:
            probs.append("%s: %d archives for one split export" %
                         (tag, len(rep["archives"])))
            continue
        b = rep["archives"][0]
        if b["platforms"] != [case[0]]:
            probs.append("%s: split detected as %s" % (tag, b["platforms"]))
        if b["counts"] != a["counts"]:
            probs.append("%s: split counts %s, one zip %s" %
                         (tag, b["counts"], a["counts"]))
        # the member both parts hold is read once, and said to be
        if b["status"] != "ok-with-warnings":
            probs.append("%s: split status %s" % (tag, b["status"]))
        if len(b["parts"]) != 2:
            probs.append("%s: %d parts listed" % (tag, len(b["parts"])))
    fail_if(probs)


@test
def meta_facebook_html_export(tmp):
    """A Facebook export requested as HTML is recognised as Facebook, gets
    the coverage gap asking for JSON, and is partial (exit 1), never an
    empty clean report."""
    tree = os.path.join(tmp, "fb-html")
    page = "<html><body><h1>%s</h1><p>synthetic</p></body></html>\n"
    for rel in ("your_facebook_activity/posts/your_posts_1.html",
                "connections/friends/your_friends.html",
                "connections/followers/who_you've_followed.html",
                "your_facebook_activity/comments_and_reactions/comments.html",
                "personal_information/profile_information/"
                "profile_information.html",
                "your_facebook_activity/messages/inbox/x_1/message_1.html"):
        L.write(os.path.join(tree, rel), page % rel)
    z = L.mkarchive(os.path.join(tmp, "fb-html.zip"), tree)
    scan = Scan(tmp, [z], tag="fbhtml")
    rep = scan.report
    probs = schema_problems(rep)
    a = rep["archives"][0]
    if scan.res.code != 1:
        probs.append("exit code %d, want 1" % scan.res.code)
    if a["platforms"] != ["facebook"]:
        probs.append("detected as %s" % a["platforms"])
    if a["status"] != "partial":
        probs.append("status %s, want partial" % a["status"])
    gaps = a["coverage"].get("gaps") or []
    if "this export was requested as HTML; ask for a JSON export" not in gaps:
        probs.append("no HTML gap in %s" % gaps)
    if not any("HTML" in d["message"] for d in a["diagnostics"]):
        probs.append("no HTML diagnostic")
    fail_if(probs)


def _moj(s):
    return s.encode("utf-8").decode("latin-1")


@test
def meta_localised_labels_and_threads_privacy(tmp):
    """Localised labels ("Nom d’utilisateur", "Compte privé", written
    in mojibake as Meta writes every string) are understood, and
    Threads' privacy is reported beside Instagram's even when they
    differ."""
    tree = os.path.join(tmp, "ig-fr")
    # French labels, mojibake like every string Meta writes
    pi = {"profile_user": [{"title": "Informations", "string_map_data": {
        _moj("Nom d\u2019utilisateur"): {"href": "", "value": "compte.fr",
                                          "timestamp": 0},
        "Nom": {"href": "", "value": _moj("S\u00f8ren Dansk"),
                "timestamp": 0},
        _moj("Compte priv\u00e9"): {"href": "", "value": "True",
                                     "timestamp": 0}}}]}
    th = {"text_post_app_text_post_app_profile": [{"string_map_data": {
        "Private Account": {"href": "", "value": "False", "timestamp": 0}}}]}
    fol = [{"title": "", "media_list_data": [], "string_list_data": [
        {"href": "https://www.instagram.com/ven", "value": "ven",
         "timestamp": 1700000000}]}]
    L.write(os.path.join(tree, "personal_information", "personal_information",
                         "personal_information.json"), json.dumps(pi))
    L.write(os.path.join(tree, "your_instagram_activity", "threads",
                         "personal_information.json"), json.dumps(th))
    L.write(os.path.join(tree, "connections", "followers_and_following",
                         "followers_1.json"), json.dumps(fol))
    z = L.mkarchive(os.path.join(tmp, "ig-fr.zip"), tree)
    rep = Scan(tmp, [z], tag="fr").report
    a = rep["archives"][0]
    probs = schema_problems(rep)
    if a.get("account") != "compte.fr":
        probs.append("account %r, want compte.fr" % a.get("account"))
    if a["counts"]["settings"] != 2:
        probs.append("settings %d, want 2 (Instagram and Threads)" %
                     a["counts"]["settings"])
    if a["counts"]["followers"] != 1:
        probs.append("followers %d, want 1" % a["counts"]["followers"])
    fail_if(probs)


@test
def meta_mojibake_repaired_in_reports(tmp):
    """No finding of a Meta fixture shows mojibake (U+00C3/U+00C2 pairs),
    and the repaired text is there."""
    probs = []
    seen = set()
    for platform, case, cdir in fixture_cases():
        if platform not in ("instagram", "facebook"):
            continue
        scan = Scan(tmp, [L.mkarchive(os.path.join(tmp, case + ".zip"),
                                      os.path.join(cdir, "export"))],
                    read_args(cdir), tag=platform + "-" + case, cwd=cdir)
        for f in scan.report.get("findings") or []:
            ev = f.get("evidence") or ""
            if "\u00c3" in ev or "\u00c2" in ev or "\u00f0\u009f" in ev:
                probs.append("%s/%s: mojibake in %r" % (platform, case, ev))
            seen.add(ev)
    text = "\n".join(sorted(seen))
    for want in ("Tak for i g\u00e5r \U0001F60A", "C\u1ea3m \u01a1n",
                 "Thinking of you, Taylor Client \u2764"):
        if want not in text:
            probs.append("repaired text %r not in any finding" % want)
    fail_if(probs)
