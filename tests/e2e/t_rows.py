"""End-to-end: the workbook's rows, which conduct writes itself
(src/report/xlsx_rows.c) instead of through libxlsxwriter's cell calls
(issue 22: those cost more per finding than the post's own parse). The
workbook must be the one libxlsxwriter's calls give
(CONDUCT_XLSX_LIBRARY_CELLS=1), member for member and byte for byte once
the cells that refer to shared strings (text that repeats down a column,
which only conduct's rows share) are written inline
(tests/tools/xlsx_inline.py), on the demo, in research mode, with a
baseline, and on posts whose text tests the writer (markup characters,
line breaks, accents and emoji, control characters, a row tall with
wrapped text) and a reviewer's note carried from a baseline workbook
(leading and trailing spaces, markup, line breaks). The cells are also
read back with openpyxl. Loaded by tests/e2e/run.py (see
load_test_modules there)."""
import json
import os
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.join(L.ROOT, "tests", "tools"))
import xlsx_inline  # noqa: E402

LIB = {"CONDUCT_XLSX_LIBRARY_CELLS": "1"}
DEMO = os.path.join(L.ROOT, "fixtures", "demo")

# each raises a case-talk finding ("one of my families" needs no other word)
TEXTS = [
    "one of my families & <their> \"court\" date > today's",
    "  one of my families, said with spaces around it  ",
    "one of my families\nsecond line\r\nthird line\tand a tab",
    "one of my families: Zoë, Ålesund, 東京, and an emoji \U0001F600",
    "one of my families \u0001 bell \u001f unit separator",
    "one of my families " + "wrapped text that fills the column " * 12,
]


def rows_archive(tmp, texts=TEXTS, name="x-rows.zip"):
    """An X archive whose tweets say texts, a second apart."""
    tweets = [{"tweet": {"id_str": str(100 + i), "full_text": t,
                         "created_at": "Mon Oct 02 09:%02d:%02d +0000 2023" % (
                             i // 60, i % 60),
                         "entities": {"user_mentions": []}}}
              for i, t in enumerate(texts)]
    tree = os.path.join(tmp, "tree-" + name, "data")
    os.makedirs(tree, exist_ok=True)
    with open(os.path.join(tree, "account.js"), "w", encoding="utf-8") as f:
        f.write("window.YTD.account.part0 = " + json.dumps(
            [{"account": {"username": "sam_example", "accountId": "42"}}]))
    with open(os.path.join(tree, "tweets.js"), "w", encoding="utf-8") as f:
        f.write("window.YTD.tweets.part0 = " + json.dumps(tweets))
    return L.mkarchive(os.path.join(tmp, name), os.path.dirname(tree))


def both(tmp, tag, args, cwd=None):
    """Scan twice, with conduct's rows and libxlsxwriter's; check that the
    two workbooks are the same with their shared strings inline and that
    conduct's shared some; the path of conduct's."""
    out = []
    for mode, env in (("own", None), ("lib", LIB)):
        d = os.path.join(tmp, tag, mode)
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, "R.xlsx")
        argv = [L.CONDUCT, "scan", "--deterministic", "-q", "-o", path,
                "--json", os.path.join(d, "R.json")] + list(args)
        res = subprocess.run(argv, cwd=cwd or tmp, capture_output=True,
                             env=dict(os.environ, **env) if env else None)
        check(res.returncode in (0, 1), "%s/%s exits %d: %s" % (
            tag, mode, res.returncode, res.stderr[-300:]))
        out.append(path)
    differ = xlsx_inline.same_inline(out[0], out[1])
    check(not differ, "%s: conduct's rows differ from libxlsxwriter's in "
          "%s" % (tag, ", ".join(differ)))
    with zipfile.ZipFile(out[0]) as z:
        shared = "xl/sharedStrings.xml" in z.namelist()
    check(shared, "%s: conduct's rows shared no string" % tag)
    return out[0]


@test
def rows_same_as_library_demo(tmp):
    args = ["--clients", "clients.csv", "--since", "2023-01-01",
            "--until", "2023-12-31", "--tz", "Europe/London"]
    inputs = sorted(os.path.join(DEMO, n) for n in os.listdir(DEMO)
                    if os.path.isdir(os.path.join(DEMO, n)))
    check(inputs, "no demo exports in %s" % DEMO)
    first = both(tmp, "demo", args + inputs, DEMO)
    both(tmp, "baseline", ["--baseline", first] + args + inputs, DEMO)
    key = os.path.join(tmp, "research.key")
    L.conduct("keygen", key)
    both(tmp, "research", ["--anonymise", "--key-file", key] + args +
         inputs, DEMO)


@test
def rows_hard_text(tmp):
    import openpyxl
    path = both(tmp, "hard", [rows_archive(tmp)])
    ws = openpyxl.load_workbook(path)["Findings"]
    head = [c.value for c in ws[1]]
    ev, rule = head.index("Evidence") + 1, head.index("Rule") + 1
    cells = [ws.cell(row=r, column=ev).value or ""
             for r in range(2, ws.max_row + 1)
             if ws.cell(row=r, column=rule).value == "case-talk"]
    check(len(cells) == len(TEXTS), "%d findings, want %d" % (
        len(cells), len(TEXTS)))
    joined = "\n".join(cells)
    for want in ("& <their> \"court\" date > today's", "Ålesund, 東京",
                 "\U0001F600", "second line"):
        check(want in joined, "no evidence cell holds %r" % want)
    check("\u0001" not in joined and "_x0001_" not in joined,
          "a control character reached a cell")
    tall = [r for r in range(2, ws.max_row + 1)
            if (ws.row_dimensions[r].height or 0) > 15]
    check(tall, "no row was made taller for its wrapped text")


@test
def rows_note_from_baseline(tmp):
    import openpyxl
    first = both(tmp, "first", [rows_archive(tmp)])
    wb = openpyxl.load_workbook(first)
    ws = wb["Findings"]
    head = [c.value for c in ws[1]]
    note = "  checked <with> the manager & the team\nsecond line  "
    ws.cell(row=2, column=head.index("Decision") + 1, value="confirmed")
    ws.cell(row=2, column=head.index("Note") + 1, value=note)
    fp = ws.cell(row=2, column=head.index("Fingerprint") + 1).value
    base = os.path.join(tmp, "baseline.xlsx")
    wb.save(base)
    again = both(tmp, "again", ["--baseline", base, rows_archive(tmp)])
    ws = openpyxl.load_workbook(again)["Findings"]
    notes = [ws.cell(row=r, column=head.index("Note") + 1).value
             for r in range(2, ws.max_row + 1)
             if ws.cell(row=r, column=head.index("Fingerprint") + 1).value
             == fp]
    check(notes == [note], "the note came back as %r, want %r" % (
        notes, note))


@test
def rows_shared_many_values(tmp):
    """More clients than a column keeps shared texts for (16), in an order
    that keeps evicting them, and a subject with spaces around it (a
    shared string kept with xml:space="preserve"): every Client cell must
    still name the client its post named."""
    import openpyxl
    n = 40
    refs = ["C-%03d" % i for i in range(n)]
    with open(os.path.join(tmp, "clients.csv"), "w", encoding="utf-8") as f:
        f.write("ref,names,handles,account_ids,active_from,active_to,"
                "former\n")
        for i, r in enumerate(refs):
            f.write('"%s",Client%sname Testperson,,,2020-01-01,,no\n' % (
                r, chr(ord("a") + i % 26) * (1 + i // 26)))
    order = [(i * 7) % n for i in range(3 * n)]
    texts = ["saw Client%sname Testperson today" % (
        chr(ord("a") + i % 26) * (1 + i // 26)) for i in order]
    z = rows_archive(tmp, texts, "x-many.zip")
    path = both(tmp, "many", ["--clients", os.path.join(tmp, "clients.csv"),
                              "--subject", "  sam worker  ", z])
    ws = openpyxl.load_workbook(path)["Findings"]
    head = [c.value for c in ws[1]]
    col = {k: head.index(k) + 1 for k in ("Rule", "Client", "Evidence")}
    seen = 0
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=col["Rule"]).value != "client-mention":
            continue
        ev = ws.cell(row=r, column=col["Evidence"]).value or ""
        client = (ws.cell(row=r, column=col["Client"]).value or "").strip()
        check(client and client in ev, "row %d: client %r, evidence %r" % (
            r, client, ev[:120]))
        seen += 1
    check(seen == len(texts), "%d client mentions, want %d" % (
        seen, len(texts)))
    subjects = {ws.cell(row=r, column=head.index("Subject") + 1).value
                for r in range(2, ws.max_row + 1)}
    check(subjects == {"  sam worker  "}, "subjects %r" % subjects)
