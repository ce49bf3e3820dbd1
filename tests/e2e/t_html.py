"""End-to-end: exports requested as HTML (issue 20). The HTML twins of the
Instagram and Facebook JSON fixtures (made by tests/tools/meta_html_twin.py,
in the shapes of Meta's 2024 HTML pages) must give the same counts and the
same findings as the JSON; an export holding both formats is read once,
from JSON, and a mixed one per section. Loaded by tests/e2e/run.py (see
load_test_modules there)."""
import filecmp
import os
import shutil
import subprocess

# Findings the HTML cannot give, by rule, with why: the test fails if any
# other finding differs, or if one of these appears in the HTML after all.
HTML_LACKS = {
    "instagram": {"location-sharing": "posts carry no EXIF GPS in HTML"},
    "facebook": {},
    "snapchat": {"location-sharing": "this twin holds no "
                 "location_history.html (export-2024-html-full, in "
                 "t_html_more.py, does and gives it)"},
}
# Findings only the HTML raises, by rule, with why.
HTML_ADDS = {
    "snapchat": {"coverage-gap": "the gap naming what the HTML lacks"},
}
# The counts compared (None: all of them).
COUNT_KEYS = {"snapchat": ("friends", "messages", "searches")}

CASES = {
    "instagram": ("folders-2022", "folders-2022-html"),
    "facebook": ("layout-2024", "layout-2024-html"),
    "snapchat": ("export-2024", "export-2024-html"),
}
# more twins: the Accounts Center tree, with Threads pages
TWINS = {"instagram": [("accounts-center-2024", "accounts-center-2024-html")]}
# twins written by hand in shapes the generator does not make (so not
# checked against it): Instagram close friends and pending requests as
# tables, Facebook's 2019 location history page
HAND_TWINS = {
    "instagram": [("close-friends-2024", "close-friends-2024-html")],
    "facebook": [("location-2019", "location-2019-html")],
}


def case_dir(platform, name):
    return os.path.join(L.ROOT, "fixtures", platform, name)


def scan_tree(tmp, platform, tree, tag, case):
    out = os.path.join(tmp, tag + ".zip")
    L.mkarchive(out, tree)
    return Scan(tmp, [out], read_args(case), tag=tag, cwd=case)


def finding_key(f):
    member = (f.get("source") or {}).get("member") or ""
    member = member.rsplit(".", 1)[0]
    for folder in ("json/", "html/"):  # Snapchat's two folders
        if member.startswith(folder):
            member = member[len(folder):]
    t = (L.utc(f) or "")[:16]  # HTML times are to the minute
    return (f["rule"], f["record_kind"], f.get("matched"), f.get("client"),
            member, t)


def compare(platform, js, ht, main=True):
    probs = []
    a, b = js.report["archives"][0], ht.report["archives"][0]
    for key in ("platforms", "counts", "subject", "account"):
        va, vb = a.get(key), b.get(key)
        if key == "counts" and COUNT_KEYS.get(platform):
            va = {k: va[k] for k in COUNT_KEYS[platform]}
            vb = {k: vb[k] for k in COUNT_KEYS[platform]}
        if va != vb:
            probs.append("%s: JSON %s, HTML %s" % (key, va, vb))
    lacks = HTML_LACKS[platform]
    adds = HTML_ADDS.get(platform, {})
    fa = sorted(finding_key(f) for f in js.report["findings"]
                if f["rule"] not in lacks)
    fb = sorted(finding_key(f) for f in ht.report["findings"]
                if f["rule"] not in adds)
    for k in sorted(set(fa) - set(fb)):
        probs.append("finding only from JSON: %s" % (k,))
    for k in sorted(set(fb) - set(fa)):
        probs.append("finding only from HTML: %s" % (k,))
    for rule in (lacks if main else ()):
        if not any(f["rule"] == rule for f in js.report["findings"]):
            probs.append("%s: the JSON no longer raises it; update HTML_LACKS"
                         % rule)
    return probs


def twin_is_current(tmp, platform, jcase, hcase):
    """The committed HTML twin is what the generator makes of the JSON."""
    out = os.path.join(tmp, "twin-" + platform)
    subprocess.run(["/usr/bin/python3", os.path.join(
        L.ROOT, "tests", "tools", "meta_html_twin.py"), platform,
        os.path.join(jcase, "export"), out], check=True)
    cmp = filecmp.dircmp(out, os.path.join(hcase, "export"))
    probs = []

    def walk(c, rel):
        for n in c.left_only + c.right_only + c.diff_files:
            probs.append("twin differs from the generator: %s" %
                         os.path.join(rel, n))
        for n, sub in c.subdirs.items():
            walk(sub, os.path.join(rel, n))
    walk(cmp, "")
    return probs


def equivalence(tmp, platform, pair=None):
    jname, hname = pair or CASES[platform]
    jcase, hcase = case_dir(platform, jname), case_dir(platform, hname)
    tmp = os.path.join(tmp, hname)
    os.makedirs(tmp, exist_ok=True)
    js = scan_tree(tmp, platform, os.path.join(jcase, "export"), "json", jcase)
    ht = scan_tree(tmp, platform, os.path.join(hcase, "export"), "html", hcase)
    check(js.res.code == ht.res.code, "exit codes differ: %s / %s" %
          (js.res.describe(), ht.res.describe()))
    hand = pair in HAND_TWINS.get(platform, ())
    fail_if((not hand and twin_is_current(tmp, platform, jcase, hcase) or [])
            + compare(platform, js, ht, pair is None))


@test
def html_equivalence_instagram(tmp):
    """Instagram JSON and its HTML twin: same counts, same findings."""
    equivalence(tmp, "instagram")
    for pair in TWINS["instagram"] + HAND_TWINS["instagram"]:
        equivalence(tmp, "instagram", pair)


@test
def html_equivalence_snapchat(tmp):
    """Snapchat json/ and its html/ twin: the same friends, chats and
    searches, and the same findings on them."""
    equivalence(tmp, "snapchat")


@test
def html_equivalence_facebook(tmp):
    """Facebook JSON and its HTML twin: same counts, same findings."""
    equivalence(tmp, "facebook")
    for pair in HAND_TWINS.get("facebook", ()):
        equivalence(tmp, "facebook", pair)


def merged_tree(tmp, platform, drop_json=()):
    """The JSON export with the HTML twin's pages beside it."""
    jname, hname = CASES[platform]
    tree = os.path.join(tmp, "both-" + platform)
    shutil.copytree(os.path.join(case_dir(platform, jname), "export"), tree)
    shutil.copytree(os.path.join(case_dir(platform, hname), "export"), tree,
                    dirs_exist_ok=True)
    for rel in drop_json:
        os.remove(os.path.join(tree, rel))
    return tree


@test
def html_both_formats_read_once(tmp):
    """Both formats ticked: every section read once, from JSON."""
    jname, _ = CASES["instagram"]
    jcase = case_dir("instagram", jname)
    js = scan_tree(tmp, "instagram", os.path.join(jcase, "export"), "json",
                   jcase)
    both = scan_tree(tmp, "instagram", merged_tree(tmp, "instagram"), "both",
                     jcase)
    a, b = js.report["archives"][0], both.report["archives"][0]
    probs = []
    if a["counts"] != b["counts"]:
        probs.append("counts %s, JSON alone %s" % (b["counts"], a["counts"]))
    if len(js.report["findings"]) != len(both.report["findings"]):
        probs.append("%d findings, JSON alone %d" % (
            len(both.report["findings"]), len(js.report["findings"])))
    notes = [d for d in b["diagnostics"] if "JSON twin" in d["message"]]
    if not notes:
        probs.append("no note says the HTML pages were left to the JSON")
    fail_if(probs)


@test
def html_mixed_per_section(tmp):
    """A section only in HTML is read from HTML, the others from JSON."""
    jname, _ = CASES["instagram"]
    jcase = case_dir("instagram", jname)
    js = scan_tree(tmp, "instagram", os.path.join(jcase, "export"), "json",
                   jcase)
    mixed = scan_tree(tmp, "instagram", merged_tree(
        tmp, "instagram", ["followers_and_following/followers_1.json",
                           "comments/post_comments.json"]), "mixed", jcase)
    a, b = js.report["archives"][0], mixed.report["archives"][0]
    probs = []
    if a["counts"] != b["counts"]:
        probs.append("counts %s, JSON alone %s" % (b["counts"], a["counts"]))
    parsed = {m["member"]: m for m in b["coverage"]["parsed"]}
    page = parsed.get("followers_and_following/followers_1.html")
    if not page or page["records"] != 3 or "HTML" not in page["what"]:
        probs.append("followers page not read from HTML: %s" % page)
    fail_if(probs)


def local_times(wb):
    """The Findings sheet's local times that are known."""
    _, _, rows = L.findings_rows(wb["Findings"])
    return [str(r["Time (local)"].value) for r in rows
            if r["Time (local)"].value not in (None, "not known")]


@test
def html_export_tz(tmp):
    """--export-tz sets the zone of HTML local times (default --tz); the
    findings on them and the Run sheet say the zone is assumed, findings
    read from JSON do not; an unknown zone is a usage error."""
    case = case_dir("instagram", "html-quirks-2024")
    tree = os.path.join(case, "export")
    probs = []
    times = {}
    for zone in ("Europe/Berlin", "America/New_York"):
        out = os.path.join(tmp, "q-%s.zip" % zone.replace("/", "-"))
        L.mkarchive(out, tree)
        sc = Scan(tmp, [out], ["--clients", "clients.csv", "--tz",
                               "Europe/London", "--export-tz", zone],
                  tag=zone.replace("/", "-"), cwd=case)
        conn = [f for f in sc.report["findings"]
                if f["rule"] == "client-connection"]
        times[zone] = L.utc(conn[0]) if conn else None
        wb = L.open_workbook(sc.xlsx)
        run = {r[0]: r[1] for r in wb["Run"].iter_rows(values_only=True)
               if r and r[0]}
        fact = run.get("Time zone of HTML and TXT exports") or ""
        if not fact.startswith(zone) or "assumed" not in fact:
            probs.append("Run sheet says %r with --export-tz %s" %
                         (fact, zone))
        local = local_times(wb)
        if not local or not all("time zone assumed" in t for t in local):
            probs.append("findings of HTML pages do not say the zone is "
                         "assumed: %s" % local)
    if times != {"Europe/Berlin": "2024-10-14T06:00:00Z",
                 "America/New_York": "2024-10-14T12:00:00Z"}:
        probs.append("follow times by --export-tz: %s" % times)
    jcase = case_dir("instagram", "folders-2022")
    js = scan_tree(tmp, "instagram", os.path.join(jcase, "export"), "json",
                   jcase)
    if any("assumed" in t for t in local_times(L.open_workbook(js.xlsx))):
        probs.append("a finding read from JSON says its zone is assumed")
    bad = L.conduct("scan", "--export-tz", "No/Such_Zone", "-o",
                    os.path.join(tmp, "x.xlsx"), tree)
    if bad.code != 2 or "export-tz" not in bad.err:
        probs.append("unknown --export-tz: %s" % bad.describe())
    fail_if(probs)


def ig_page(blocks):
    return ('<html><head><title>t</title></head><body><div role="main">'
            + blocks + '</div></body></html>')


FOLLOWER = ('<div class="_a6-g"><div class="_a6-p"><div><div><a href="https:'
            '//www.instagram.com/%s">%s</a></div><div>Oct 13, 2024 1:23 pm'
            '</div></div></div></div>')


@test
def hostile_html_bomb(tmp):
    """An HTML export with 100,000 nested elements, a 100 MB attribute and
    unclosed tags ends cleanly, in bounded time: each page is named in a
    diagnostic, what came before the bomb is read, the archive is partial
    and the other input of the run is read in full."""
    import time
    import zipfile
    bad = os.path.join(tmp, "bomb.zip")
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_STORED) as z:
        z.writestr("followers_and_following/followers_1.html", ig_page(
            FOLLOWER % ("first.example", "first.example") +
            "<div>" * 100000 + "x" + "</div>" * 100000 +
            FOLLOWER % ("after.example", "after.example")))
        z.writestr("followers_and_following/following.html", ig_page(
            FOLLOWER % ("seen.example", "seen.example") +
            '<div class="_a6-g" title="' + "a" * (100 * 1000 * 1000) +
            '">x</div>'))
        z.writestr("content/posts_1.html",
                   '<html><body><div role="main"><div class="_a6-g">'
                   '<h2>Unclosed<div><a href="media/1.jpg"><img src="media/'
                   '1.jpg"><div><span><p><table><tr><td>Oct 13, 2024')
    jcase = case_dir("instagram", "folders-2022")
    good = os.path.join(tmp, "good.zip")
    L.mkarchive(good, os.path.join(jcase, "export"))
    start = time.monotonic()
    scan = Scan(tmp, [good, bad], tag="bomb")
    took = time.monotonic() - start
    probs = []
    if scan.res.code != 1:
        probs.append("exit code: %s" % scan.res.describe())
    if took > 120:
        probs.append("took %.0f s" % took)
    rep = scan.report
    g, b = (L.archive_by_file(rep, n) for n in ("good.zip", "bomb.zip"))
    if g["status"] != "ok" or g["counts"]["followers"] != 3:
        probs.append("good.zip: %s %s" % (g["status"], g["counts"]))
    if b["status"] != "partial":
        probs.append("bomb.zip status %s" % b["status"])
    if b["counts"]["followers"] != 1 or b["counts"]["following"] != 1:
        probs.append("bomb.zip counts %s" % b["counts"])
    named = {d["member"] for d in b["diagnostics"]}
    for m in ("followers_and_following/followers_1.html",
              "followers_and_following/following.html",
              "content/posts_1.html"):
        if m not in named:
            probs.append("no diagnostic names %s: %s" % (m, [
                (d["member"], d["message"][:50]) for d in b["diagnostics"]]))
    fail_if(probs)
