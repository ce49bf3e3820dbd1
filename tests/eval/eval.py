#!/usr/bin/python3
"""Rule quality, measured: runs build/conduct over our own labelled
evaluation corpus and prints, per rule, recall (planted risks flagged) and
false alarms (near misses flagged), with the totals; `make eval` runs it
and `make check` counts its result line.

The corpus is tests/eval/corpus_<platform>.py: made-up exports in the real
shapes of each platform's "download your data" archive (the same shapes as
the fixtures), written to a temporary folder at run time and scanned as a
folder. Every item is one record (a post, a follow, a conversation, a
search) or one fact of the export (a coverage gap), found by the record id its
finding carries or, where a platform gives the record none, by member and
position (`src`), for what a rule groups per day by the day (`day`), or for a rule about
the whole export (public-profile, location-sharing) by any finding of it
(`whole`),
labelled with the rule,
where it is, whether a careful reviewer would flag it ("flag") or not
("no-flag": a near miss), and why. An item may also say what a flag must
carry: its confidence, words its evidence must hold (why it is weak).

A labelled item that does not come out as labelled is a miss. Items listed
in tests/eval/known-misses.txt (platform, rule and item id, one a line,
with the reason) are reported but do not fail the run; any other miss
fails it (exit 1): a regression. Usage:
  eval.py [-v] [--bin PATH] [--markdown]
  -v          list every item that did not come out as labelled
  --bin PATH  the conduct to measure (default build/conduct, or $CONDUCT_BIN)
  --markdown  print the table as Markdown (for the README)
  --keep DIR  write the exports and reports under DIR (made up, no one's
              data) and keep them, to look at a miss
It ends with `eval: N passed, N failed` (items as labelled, regressions).
"""
import datetime
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)


def utc(finding):
    """A finding's RFC 3339 time (in the report's zone) as UTC text."""
    t = finding.get("time")
    if not t:
        return None
    d = datetime.datetime.fromisoformat(t.replace("Z", "+00:00"))
    return d.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def load_corpora():
    out = []
    for name in sorted(os.listdir(HERE)):
        if not (name.startswith("corpus_") and name.endswith(".py")):
            continue
        spec = importlib.util.spec_from_file_location(name[:-3],
                                                      os.path.join(HERE, name))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        out.append(mod)
    return out


def known_misses():
    known = set()
    path = os.path.join(HERE, "known-misses.txt")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if line:
                known.add(tuple(line.split()[:3]))
    return known


def scan(binary, export, tmp):
    """Write the export, scan it, return the report's findings."""
    root = os.path.join(tmp, export["name"])
    tree = export["render"](export, root)
    args = [binary, "scan", "--deterministic", "--no-digest", "-q",
            "--json", os.path.join(root, "report.json"),
            "-o", os.path.join(root, "report.xlsx")]
    args += export.get("args", [])
    args.append(tree)
    res = subprocess.run(args, cwd=root, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    if res.returncode not in (0, 1):
        raise SystemExit("eval: conduct failed on %s (exit %d): %s" %
                         (export["name"], res.returncode, res.stderr))
    with open(os.path.join(root, "report.json"), encoding="utf-8") as f:
        return json.load(f)["findings"]


def judge(item, findings):
    """(flagged, problem): whether the item's rule flagged it, and what a
    flag lacks of what the label asks (confidence, evidence words)."""
    rule = item["rule"]
    if item.get("gap"):
        hits = [f for f in findings if f["rule"] == rule and
                item["gap"] in f["evidence"]]
    elif item.get("whole"):
        # a rule about the export as a whole: any finding of it
        hits = [f for f in findings if f["rule"] == rule]
    elif item.get("day"):
        # grouped per day (location history): the finding of that day
        hits = [f for f in findings if f["rule"] == rule and
                (utc(f) or "").startswith(item["day"])]
    elif item.get("src"):
        member, index = item["src"]
        hits = [f for f in findings if f["rule"] == rule and
                f["source"]["member"] == member and
                f["source"].get("item") == index]
    else:
        hits = [f for f in findings if f["rule"] == rule and
                f.get("record_id") == item["id"]]
    if not hits:
        return False, None
    f = hits[0]
    want = item.get("confidence")
    if want and f["confidence"] != want:
        return True, "confidence %s, want %s" % (f["confidence"], want)
    for words in item.get("evidence", []):
        if words not in f["evidence"]:
            return True, "evidence lacks %r" % words
    return True, None


def main(argv):
    verbose = "-v" in argv
    markdown = "--markdown" in argv
    binary = os.environ.get("CONDUCT_BIN",
                            os.path.join(ROOT, "build", "conduct"))
    if "--bin" in argv:
        binary = os.path.abspath(argv[argv.index("--bin") + 1])
    known = known_misses()
    stats = {}   # (platform, rule) -> [risks, found, near, alarms]
    misses = []
    passed = failed = 0
    keep = argv[argv.index("--keep") + 1] if "--keep" in argv else None
    with tempfile.TemporaryDirectory(prefix="conduct-eval-") as tmp:
        if keep:
            os.makedirs(keep, exist_ok=True)
            tmp = keep
        for corpus in load_corpora():
            for export in corpus.EXPORTS:
                findings = scan(binary, export, tmp)
                for item in export["items"]:
                    plat = export["platform"]
                    key = (plat, item["rule"])
                    st = stats.setdefault(key, [0, 0, 0, 0])
                    flagged, problem = judge(item, findings)
                    risk = item["expect"] == "flag"
                    if risk:
                        st[0] += 1
                        ok = flagged and not problem
                        st[1] += ok
                    else:
                        st[2] += 1
                        ok = not flagged
                        st[3] += flagged
                    if ok:
                        passed += 1
                        continue
                    why = problem or ("not flagged" if risk else "flagged")
                    ident = (plat, item["rule"], str(item["id"]))
                    excused = ident in known
                    if not excused:
                        failed += 1
                    misses.append((ident, why, item["why"], excused))
    print_table(stats, markdown)
    for ident, why, label, excused in misses:
        if verbose or not excused:
            print("%s %s %s %s: %s (labelled: %s)" % (
                "known" if excused else "MISS", ident[0], ident[1],
                ident[2], why, label))
    print("eval: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def pct(n, d):
    return "%.0f%%" % (100.0 * n / d) if d else "-"


def print_table(stats, markdown):
    rows = []
    tot = [0, 0, 0, 0]
    for (plat, rule), st in sorted(stats.items()):
        rows.append((plat, rule, "%d/%d" % (st[1], st[0]), pct(st[1], st[0]),
                     "%d/%d" % (st[3], st[2]), pct(st[3], st[2])))
        tot = [a + b for a, b in zip(tot, st)]
    rows.append(("all", "all rules", "%d/%d" % (tot[1], tot[0]),
                 pct(tot[1], tot[0]), "%d/%d" % (tot[3], tot[2]),
                 pct(tot[3], tot[2])))
    head = ("platform", "rule", "risks found", "recall", "near misses flagged",
            "false alarms")
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(
                ("`%s`" % c if i == 1 and c != "all rules" else c)
                for i, c in enumerate(r)) + " |")
        return
    w = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    for r in [head] + rows:
        print("  ".join(str(c).ljust(w[i]) for i, c in enumerate(r)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
