#!/usr/bin/python3
"""Byte-for-byte comparison of the reports two builds of conduct write, for
refactors that must not change output (issue 19). Every fixture export
(fixtures/<platform>/<case>/export, zipped with build/mkarchive, with the
case's args), the successive-export fixtures, the demo run of `make demo`
(workbook, JSON and CSV, plus research mode and a baseline round), and
with --bench the cached bench archives of build/bench/ are scanned by both
binaries with --deterministic; each report pair must be identical (a
research-mode JSON report may differ only by research.aggregates, which
issue 19 added on purpose).

  same_reports.py OLD_CONDUCT NEW_CONDUCT [--bench] [--only SUBSTRING]

With --styles-by-content a workbook pair may differ in the order of its
styles table: each cell's style index is read as the style it names
(number format, font, fill, border, alignment), so a change that only
renumbers the styles passes. With --inline-shared a workbook pair may
differ in which cells refer to shared strings: both are compared with
every shared string written inline (tests/tools/xlsx_inline.py), member
by member. --env-old K=V and --env-new K=V set a
variable for one build only (the same binary twice with
--env-old CONDUCT_XLSX_LIBRARY_CELLS=1 compares conduct's own row writer
with libxlsxwriter's).

OLD_CONDUCT is usually a build of the revision before the change, e.g.
  git worktree add --detach /tmp/old REV && make -C /tmp/old all
Prints one line per case and `same_reports: N passed, N failed`; exits 1
when any report differs (the first differing byte offset is named)."""
import glob
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
MKARCHIVE = os.path.join(ROOT, "build", "mkarchive")
FIX = os.path.join(ROOT, "fixtures")


def read_args(case_dir):
    path = os.path.join(case_dir, "args")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f
                if ln.strip() and not ln.lstrip().startswith("#")]


def first_difference(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        x, y = fa.read(), fb.read()
    if x == y:
        return None
    n = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]),
             min(len(x), len(y)))
    return "differ at byte %d (sizes %d and %d)" % (n, len(x), len(y))


def only_aggregates(old, new):
    """1 when the new JSON report is the old one plus research.aggregates:
    the one change issue 19 made on purpose (the research figures the
    workbook showed and the JSON did not carry)."""
    import json
    with open(old, encoding="utf-8") as f:
        a = json.load(f)
    with open(new, encoding="utf-8") as f:
        b = json.load(f)
    research = b.get("research")
    if not isinstance(research, dict) or "aggregates" not in research:
        return False
    del research["aggregates"]
    return a == b


def xlsx_by_content(path):
    """The workbook's XML members, each cell's style index replaced by the
    style it names, and styles.xml without its renumbered tables."""
    import re
    import xml.etree.ElementTree as ET
    import zipfile
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    st = ET.fromstring(members["xl/styles.xml"])
    codes = {e.get("numFmtId"): e.get("formatCode")
             for e in st.iter(ns + "numFmt")}

    def table(tag, item):
        t = st.find(ns + tag)
        return [ET.tostring(e) for e in t.findall(ns + item)] if t else []
    fonts, fills, borders = (table("fonts", "font"), table("fills", "fill"),
                             table("borders", "border"))
    xfs = []
    for e in st.find(ns + "cellXfs").findall(ns + "xf"):
        a = dict(e.attrib)
        nf = a.pop("numFmtId", "0")
        a["numFmt"] = codes.get(nf, nf)
        for key, tab in (("fontId", fonts), ("fillId", fills),
                         ("borderId", borders)):
            i = int(a.pop(key, "0"))
            a[key[:-2]] = tab[i] if i < len(tab) else i
        xfs.append(repr(sorted(a.items())) +
                   "".join(ET.tostring(c).decode() for c in e))
    out = {}
    for name, text in members.items():
        if name == "xl/styles.xml":
            for tag in ("numFmts", "fonts", "fills", "borders", "cellXfs"):
                text = re.sub(r"<%s .*?</%s>" % (tag, tag), "", text)
        elif name.startswith("xl/worksheets/"):
            text = re.sub(r'(<(?:c|row|col)\b[^>]*?\b(?:s|style)=")(\d+)"',
                          lambda m: m.group(1) + xfs[int(m.group(2))] + '"',
                          text)
        out[name] = text
    return out


def scan_both(bins, tmp, tag, args, cwd, outputs=("xlsx", "json", "csv"),
              envs=(None, None), styles_by_content=False,
              inline_shared=False):
    """Run `scan` with both binaries; return the problems."""
    dirs = []
    codes = []
    for which, binary, env in zip(("old", "new"), bins, envs):
        d = os.path.join(tmp, which, tag)
        os.makedirs(d, exist_ok=True)
        argv = [binary, "scan", "--deterministic", "-q"]
        if "xlsx" in outputs:
            argv += ["-o", os.path.join(d, "R.xlsx")]
        if "json" in outputs:
            argv += ["--json", os.path.join(d, "R.json")]
        if "csv" in outputs:
            argv += ["--csv", os.path.join(d, "R.csv")]
        res = subprocess.run(argv + list(args), cwd=cwd,
                             capture_output=True, text=True,
                             env=dict(os.environ, **env) if env else None)
        codes.append(res.returncode)
        dirs.append(d)
    probs = []
    if codes[1] not in (0, 1):
        probs.append("the new build exits %d" % codes[1])
    if not os.listdir(dirs[1]):
        probs.append("no report written")
    if codes[0] != codes[1]:
        probs.append("exit codes %d and %d" % tuple(codes))
    for name in sorted(set(os.listdir(dirs[0])) | set(os.listdir(dirs[1]))):
        a, b = (os.path.join(d, name) for d in dirs)
        if not (os.path.exists(a) and os.path.exists(b)):
            probs.append("%s written by one build only" % name)
            continue
        diff = first_difference(a, b)
        if diff and name.endswith(".json") and only_aggregates(a, b):
            continue
        if diff and name.endswith(".xlsx") and inline_shared:
            import xlsx_inline
            differ = xlsx_inline.same_inline(a, b)
            if not differ:
                continue
            diff = "differ in %s" % ", ".join(differ)
        if diff and name.endswith(".xlsx") and styles_by_content:
            xa, xb = xlsx_by_content(a), xlsx_by_content(b)
            if xa == xb:
                continue
            diff = "differ in %s" % ", ".join(
                n for n in sorted(set(xa) | set(xb))
                if xa.get(n) != xb.get(n))
        if diff:
            probs.append("%s %s" % (name, diff))
    return probs


def cases(tmp, bench):
    """(tag, args, cwd) of every comparison."""
    out = []
    for cdir in sorted(glob.glob(os.path.join(FIX, "*", "*"))):
        tag = os.path.relpath(cdir, FIX).replace("/", "-")
        if os.path.isdir(os.path.join(cdir, "export")):
            z = os.path.join(tmp, tag + ".zip")
            subprocess.run([MKARCHIVE, z, os.path.join(cdir, "export")],
                           check=True, capture_output=True)
            out.append((tag, read_args(cdir) + [z], cdir))
        else:
            exports = sorted(glob.glob(os.path.join(cdir, "export-*")))
            if exports:
                zs = []
                for e in exports:
                    z = os.path.join(tmp, tag + "-" + os.path.basename(e) +
                                     ".zip")
                    subprocess.run([MKARCHIVE, z, e], check=True,
                                   capture_output=True)
                    zs.append(z)
                out.append((tag, read_args(cdir) + zs, cdir))
    demo = sorted(glob.glob(os.path.join(FIX, "demo", "*", "")))
    demo_args = ["--clients", "fixtures/demo/clients.csv", "--since",
                 "2023-01-01", "--until", "2023-12-31", "--tz",
                 "Europe/London"]
    out.append(("demo", demo_args + demo, ROOT))
    out.append(("demo-j1", ["-j", "1"] + demo_args + demo, ROOT))
    key = os.path.join(tmp, "research.key")
    out.append(("demo-research", ["--anonymise", "--key-file", key] +
                demo_args + demo, ROOT))
    geo = os.path.join(FIX, "rules_time", "geo-sensitive-site-fires")
    if os.path.isdir(os.path.join(geo, "export")):
        z = os.path.join(tmp, "geo-no-text.zip")
        subprocess.run([MKARCHIVE, z, os.path.join(geo, "export")],
                       check=True, capture_output=True)
        out.append(("geo-research-no-text", ["--anonymise", "--key-file",
                    key, "--no-text"] + read_args(geo) + [z], geo))
    if bench:
        for z in sorted(glob.glob(os.path.join(ROOT, "build", "bench",
                                               "*.zip"))):
            reg = os.path.join(ROOT, "build", "bench", "clients.csv")
            extra = ["--clients", reg] if os.path.exists(reg) else []
            out.append(("bench-" + os.path.basename(z), extra + [z], ROOT))
    return out


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    bins = [os.path.abspath(argv[0]), os.path.abspath(argv[1])]
    bench = "--bench" in argv
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    styles = "--styles-by-content" in argv
    inline = "--inline-shared" in argv
    envs = [None, None]
    for i, flag in enumerate(("--env-old", "--env-new")):
        if flag in argv:
            k, _, v = argv[argv.index(flag) + 1].partition("=")
            envs[i] = {k: v}
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="same-reports-") as tmp:
        key = os.path.join(tmp, "research.key")
        subprocess.run([bins[0], "keygen", key], check=True,
                       capture_output=True)
        for tag, args, cwd in cases(tmp, bench):
            if only and only not in tag:
                continue
            probs = scan_both(bins, tmp, tag, args, cwd, envs=envs,
                              styles_by_content=styles,
                              inline_shared=inline)
            if tag == "demo" and not probs:
                # a second round over the first's workbook as baseline
                base = os.path.join(tmp, "old", "demo", "R.xlsx")
                probs = scan_both(bins, tmp, "demo-baseline",
                                  ["--baseline", base] + args, cwd,
                                  envs=envs, styles_by_content=styles,
                                  inline_shared=inline)
            if probs:
                failed += 1
                print("FAIL %s: %s" % (tag, "; ".join(probs)))
            else:
                passed += 1
                print("same %s" % tag)
    print("same_reports: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
