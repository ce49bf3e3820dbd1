"""End-to-end: the rest of issue 20 for Snapchat HTML and TikTok TXT. The
whole HTML twin of the Snapchat JSON fixture (fixtures/snapchat/
export-2024-html-full, with its location, memories and Snap Map pages) and
the TXT twins of the TikTok JSON fixtures must give the same counts and the
same findings as the JSON, except where the page format lacks a field (said
below, by count and rule); an export holding both formats is read once,
from JSON, and a mixed one per section. A long Messenger page read on two
threads gives the reports of one. Loaded by tests/e2e/run.py (see
load_test_modules there)."""
import json
import os
import shutil
import subprocess
import sys

# (platform, JSON case, twin case): what the twin lacks, by count and by
# rule, with why. The test fails on any other difference, and when a
# listed difference is not there after all.
TWINS = [
    # the Home & Work rows (all <th> cells) are read from the page's
    # blocks: the HTML twin lacks nothing
    ("snapchat", "export-2024", "export-2024-html-full", {}),
    # a twin of the messages, settings and location of layout-2024 only
    ("tiktok", "layout-2024", "txt-2025-messages", {
        "counts_only": ("messages", "settings", "location_points"),
        "kinds": ("message", "setting", "location"),
        "one_file": True,
    }),
]


def case_dir(platform, name):
    return os.path.join(L.ROOT, "fixtures", platform, name)


def scan_tree(tmp, tree, tag, case):
    out = os.path.join(tmp, tag + ".zip")
    L.mkarchive(out, tree)
    return Scan(tmp, [out], read_args(case), tag=tag, cwd=case)


def finding_key(f, by_member=True):
    member = (f.get("source") or {}).get("member") or ""
    member = os.path.basename(member).rsplit(".", 1)[0] if by_member else ""
    t = (L.utc(f) or "")[:16]
    return (f["rule"], f["record_kind"], f.get("matched"), f.get("client"),
            member, t)


def compare(js, tw, lacks):
    probs = []
    a, b = js.report["archives"][0], tw.report["archives"][0]
    for key in ("platforms", "subject", "account"):
        if a.get(key) != b.get(key):
            probs.append("%s: JSON %s, twin %s" % (key, a.get(key),
                                                   b.get(key)))
    for k in lacks.get("counts_only") or sorted(set(a["counts"]) |
                                                set(b["counts"])):
        va, vb = a["counts"].get(k), b["counts"].get(k)
        if k in lacks.get("counts", {}):
            if va == vb:
                probs.append("count %s is the same (%s) in both: the twin "
                             "no longer lacks it" % (k, va))
        elif va != vb:
            probs.append("count %s: JSON %s, twin %s" % (k, va, vb))
    adds = lacks.get("adds", {})
    kinds = lacks.get("kinds")

    def kept(f):
        return f["rule"] not in adds and (not kinds or
                                         f["record_kind"] in kinds)
    # TikTok's JSON is one file, its TXT one file per section
    by = not lacks.get("one_file")
    fa = sorted(finding_key(f, by) for f in js.report["findings"] if kept(f))
    fb = sorted(finding_key(f, by) for f in tw.report["findings"] if kept(f))
    for k in sorted(set(fa) - set(fb)):
        probs.append("finding only from JSON: %s" % (k,))
    for k in sorted(set(fb) - set(fa)):
        probs.append("finding only from the twin: %s" % (k,))
    for rule in adds:
        if not any(f["rule"] == rule for f in tw.report["findings"]):
            probs.append("the twin no longer raises %s: update TWINS" % rule)
    return probs


@test
def twin_equivalence_more(tmp):
    """Each JSON fixture and its HTML or TXT twin: the same counts and
    findings, except what TWINS says the twin lacks (a twin of some
    sections only is compared on those counts and record kinds)."""
    probs = []
    for platform, jname, tname, lacks in TWINS:
        jcase, tcase = case_dir(platform, jname), case_dir(platform, tname)
        sub = os.path.join(tmp, tname)
        os.makedirs(sub)
        js = scan_tree(sub, os.path.join(jcase, "export"), "json", jcase)
        tw = scan_tree(sub, os.path.join(tcase, "export"), "twin", tcase)
        if js.res.code != tw.res.code and not lacks.get("counts_only"):
            probs.append("%s: exit codes differ: %s / %s" % (
                tname, js.res.describe(), tw.res.describe()))
        probs += ["%s: %s" % (tname, p) for p in compare(js, tw, lacks)]
    fail_if(probs)


def merged(tmp, platform, jname, tname, drop=()):
    tree = os.path.join(tmp, "merged-%s-%d" % (tname, len(drop)))
    shutil.copytree(os.path.join(case_dir(platform, jname), "export"), tree)
    shutil.copytree(os.path.join(case_dir(platform, tname), "export"), tree,
                    dirs_exist_ok=True)
    for rel in drop:
        os.remove(os.path.join(tree, rel))
    return tree


@test
def snapchat_html_locations_once_or_per_section(tmp):
    """json/ and html/ both present: the location and memories pages are
    left to the JSON (a note each); without json/location_history.json
    the location page is read from HTML and the memories still from
    JSON."""
    jcase = case_dir("snapchat", "export-2024")
    js = scan_tree(tmp, os.path.join(jcase, "export"), "json", jcase)
    both = scan_tree(tmp, merged(tmp, "snapchat", "export-2024",
                                 "export-2024-html-full"), "both", jcase)
    probs = []
    a, b = js.report["archives"][0], both.report["archives"][0]
    if a["counts"] != b["counts"]:
        probs.append("both: counts %s, JSON alone %s" % (b["counts"],
                                                         a["counts"]))
    for page in ("location_history.html", "memories_history.html"):
        if not any("JSON twin" in d["message"] and
                   (d["member"] or "").endswith(page)
                   for d in b["diagnostics"]):
            probs.append("both: no note leaves %s to the JSON" % page)
    mixed = scan_tree(tmp, merged(tmp, "snapchat", "export-2024",
                                  "export-2024-html-full",
                                  ["json/location_history.json"]),
                      "mixed", jcase)
    c = mixed.report["archives"][0]
    if c["counts"] != a["counts"]:
        probs.append("mixed: counts %s, want %s" % (c["counts"],
                                                   a["counts"]))
    parsed = {m["member"]: m for m in c["coverage"]["parsed"]}
    page = parsed.get("html/location_history.html") or {}
    # 2 points, 2 daily top locations, inferred home and work
    if page.get("records") != 6 or "HTML" not in (page.get("what") or ""):
        probs.append("mixed: location page not read from HTML: %s" % page)
    mem = parsed.get("json/memories_history.json") or {}
    if mem.get("records") != 1:
        probs.append("mixed: memories not read from JSON: %s" % mem)
    fail_if(probs)


@test
def tiktok_user_data_txt_not_silent(tmp):
    """An older TikTok TXT file (user_data.txt, whose inside conduct does
    not know) beside TXT sections is an error and a coverage gap, never
    just 'ignored'."""
    case = case_dir("tiktok", "txt-2025")
    tree = os.path.join(tmp, "tree")
    shutil.copytree(os.path.join(case, "export"), tree)
    with open(os.path.join(tree, "user_data.txt"), "w") as f:
        f.write("Activity:\nFollowing List:\nDate: 2020-01-05 10:11:12\n"
                "Username: some_one\n\n")
    sc = scan_tree(tmp, tree, "older", case)
    a = sc.report["archives"][0]
    probs = []
    if not any("user_data.txt" in d["message"] and d["severity"] == "error"
               for d in a["diagnostics"]):
        probs.append("no error for user_data.txt: %s" % a["diagnostics"])
    if not any("user_data.txt" in g for g in a["coverage"]["gaps"]):
        probs.append("no gap for user_data.txt: %s" % a["coverage"]["gaps"])
    if a["status"] != "partial":
        probs.append("status %s, want partial" % a["status"])
    fail_if(probs)


@test
def snapchat_memories_any_header(tmp):
    """memories_history.html with its headings in another language and its
    columns in another order (a parser of 2025 pages reads date, link,
    type, location): the date and the place are found by what the cells
    hold, so the memory with a place is still a location point."""
    case = case_dir("snapchat", "export-2024-html-full")
    tree = os.path.join(tmp, "tree")
    shutil.copytree(os.path.join(case, "export"), tree)

    def th(t):
        return "<th><b>%s</b></th>" % t
    rows = [("2024-09-08 11:18:53 UTC", "Vid\u00e9o", "0.0, 0.0"),
            ("2024-09-07 15:02:10 UTC", "Image", "51.45082, -2.59823")]
    page = ("<!DOCTYPE html><html><body><div class=\"rightpanel\">"
            "<h1>Souvenirs</h1><table><tr>" + th("Date") + th("") +
            th("Type de m\u00e9dia") + th("Localisation") + "</tr>")
    for d, kind, ll in rows:
        page += ("<tr><td>%s</td><td><a href=\"#\" onclick=\"downloadMemories("
                 "'https://example.invalid/m', this, true)\">T\u00e9l\u00e9"
                 "charger</a></td><td>%s</td><td>Latitude, Longitude: %s</td>"
                 "</tr>" % (d, kind, ll))
    page += "</table></div></body></html>"
    with open(os.path.join(tree, "html", "memories_history.html"), "w",
              encoding="utf-8") as f:
        f.write(page)
    sc = scan_tree(tmp, tree, "fr", case)
    a = sc.report["archives"][0]
    parsed = {m["member"]: m for m in a["coverage"]["parsed"]}
    mem = parsed.get("html/memories_history.html") or {}
    fail_if([] if mem.get("records") == 1 and
            a["counts"]["location_points"] == 3 else
            ["memories page: %s, counts %s" % (mem, a["counts"])])


HW_PAGE = ('<html><body><div class="rightpanel"><h1>Location</h1>'
           '<h3>Home &amp; Work</h3>Depending on which features you use...'
           '<table style="width:90%%"><tbody>%s</tbody></table>'
           '</div></body></html>')


def hw_scan(tmp, tag, rows):
    """A Snapchat HTML export whose location page holds only a Home & Work
    table of the given <tr> rows (made up, in the 2024 page's shape)."""
    case = case_dir("snapchat", "html-2020")
    tree = os.path.join(tmp, tag)
    shutil.copytree(os.path.join(case, "export"), tree)
    with open(os.path.join(tree, "html", "location_history.html"), "w") as f:
        f.write(HW_PAGE % rows)
    return scan_tree(tmp, tree, tag + "-out", case).report["archives"][0]


@test
def snapchat_html_home_work_rows(tmp):
    """location_history.html's Home & Work rows (all <th> cells) give the
    JSON's labelled places: a filled Declared Home is one, an empty
    Inferred Home none, a value that is no coordinate a warning (never a
    silent drop); a table whose labels conduct does not know (another
    language) leaves the coverage gap saying home and work are not read."""
    th = '<tr><th><b>%s</b></th><th>%s</th></tr>'
    a = hw_scan(tmp, "known", "".join([
        th % ("Inferred Home:", ""),
        th % ("Inferred Work:", "somewhere near the office"),
        th % ("Declared Home:",
              "lat 51.4700 &#177; 10.0 meters, long -2.5600 &#177; 10.0 meters"),
        th % ("Declared Work:", "")]))
    probs = []
    if a["counts"]["labelled_places"] != 1:
        probs.append("known: labelled_places %s, want 1" %
                     a["counts"]["labelled_places"])
    if not any("Inferred Work:" in d["message"] and "no coordinates"
               in d["message"] for d in a["diagnostics"]):
        probs.append("known: no warning for the unreadable Inferred Work: %s"
                     % a["diagnostics"])
    if any("home and work" in g for g in a["coverage"]["gaps"]):
        probs.append("known: gap although the table was read: %s" %
                     a["coverage"]["gaps"])
    b = hw_scan(tmp, "unknown", th % (
        "Domicile d&#233;duit :",
        "lat 48.85 &#177; 10.0 meters, long 2.35 &#177; 10.0 meters"))
    if b["counts"]["labelled_places"] != 0:
        probs.append("unknown: labelled_places %s, want 0" %
                     b["counts"]["labelled_places"])
    if not any("home and work" in g for g in b["coverage"]["gaps"]):
        probs.append("unknown: no gap saying home and work are not read: %s"
                     % b["coverage"]["gaps"])
    fail_if(probs)


@test
def tiktok_txt_unreadable_lines(tmp):
    """A TXT section's lines that are neither "Key: value" nor a value
    going on are counted in one warning naming the first (never dropped
    without a word); a byte-order mark does not hide the first key; the
    "You have no data in this section" line of an empty section is no
    loss."""
    case = case_dir("tiktok", "txt-2020")
    tree = os.path.join(tmp, "tree")
    shutil.copytree(os.path.join(case, "export"), tree)
    likes = os.path.join(tree, "Activity", "Like List.txt")
    with open(likes, encoding="utf-8") as f:
        body = f.read()
    with open(likes, "w", encoding="utf-8") as f:
        f.write("\ufeff" + body + "this line is no record\n\n"
                "nor is this one\n\n")
    with open(os.path.join(tree, "Activity", "Searches.txt"), "w") as f:
        f.write("You have no data in this section\n\n\n")
    a = scan_tree(tmp, tree, "stray", case).report["archives"][0]
    probs = []
    if a["counts"]["likes"] != 3:
        probs.append("likes %s, want 3 (the BOM must not hide the first "
                     "Date)" % a["counts"]["likes"])
    warn = [d for d in a["diagnostics"] if "outside any record"
            in d["message"]]
    if [d for d in a["diagnostics"] if d not in warn]:
        probs.append("other diagnostics (a BOM hiding the first Date?): %s"
                     % a["diagnostics"])
    if len(warn) != 1 or "2 lines" not in warn[0]["message"] or \
            "line 11" not in warn[0]["message"] or \
            not (warn[0]["member"] or "").endswith("Like List.txt"):
        probs.append("want one warning for the 2 stray lines of Like "
                     "List.txt, first at line 11: %s" % a["diagnostics"])
    if any((d["member"] or "").endswith("Searches.txt")
           for d in a["diagnostics"]):
        probs.append("the empty-section line is reported: %s"
                     % a["diagnostics"])
    fail_if(probs)


@test
def html_long_page_two_threads(tmp):
    """Long Messenger thread pages (2,000 messages each, made by
    tests/bench/gen_messenger.py) are read on two threads by default, a
    helper parsing every other segment (src/parse/html_split.c): with the
    default 64 KiB segments and with 3,000-byte ones (CONDUCT_HTML_SEGMENT)
    the JSON and the workbook must be byte for byte those of -j 1, with
    every message read."""
    root = os.path.join(tmp, "export")
    res = L.run([sys.executable, os.path.join(L.ROOT, "tests", "bench",
                                              "gen_messenger.py"),
                 "html", root, "0", "2"])
    check(res.code == 0, "gen_messenger: %s" % res.describe())
    want = json.loads(res.out)
    z = L.mkarchive(os.path.join(tmp, "messenger.zip"), root)
    outs = {}
    for tag, jobs, segment in (("j1", "1", None), ("j2", "2", None),
                               ("j2-small", "2", "3000")):
        e = L.env()
        e.pop("CONDUCT_HTML_SEGMENT", None)
        if segment:
            e["CONDUCT_HTML_SEGMENT"] = segment
        j = os.path.join(tmp, tag + ".json")
        x = os.path.join(tmp, tag + ".xlsx")
        proc = subprocess.run([L.CONDUCT, "scan", "-q", "--deterministic",
                               "-j", jobs, "--json", j, "-o", x, z],
                              env=e, cwd=tmp, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=L.TIMEOUT)
        check(proc.returncode in (0, 1), "%s: exit %d: %s" % (
            tag, proc.returncode, proc.stderr.decode()[-300:]))
        with open(j, "rb") as f, open(x, "rb") as g:
            outs[tag] = (f.read(), g.read())
    a = json.loads(outs["j1"][0])["archives"][0]
    check(a["counts"].get("messages") == want["messages"],
          "messages %r, want %d" % (a["counts"].get("messages"),
                                    want["messages"]))
    for tag in ("j2", "j2-small"):
        check(outs[tag][0] == outs["j1"][0],
              "%s: the JSON report differs from -j 1's" % tag)
        check(outs[tag][1] == outs["j1"][1],
              "%s: the workbook differs from -j 1's" % tag)
