"""The built-in lexicons (issue 23): every entry of every lexicons/*.txt
carries the reason it is there ("term | reason" or "term | marks |
reason"), so whoever keeps the lists can see which everyday use was weighed
against it; marks are only "alone", and only in casework.txt; no term is
listed twice in one file. And the terms a list leaves out on purpose
("a case", "my family", "prick", "entitled") do not raise findings: a post
holding only such words next to a work word is not flagged.

Loaded by run.py (load_test_modules), which provides test, Scan, L, check
and fail_if."""

import glob
import json
import os

LEX_DIR = os.path.join(L.ROOT, "lexicons")


@test
def lexicons_every_entry_has_a_reason(tmp):
    probs = []
    files = sorted(glob.glob(os.path.join(LEX_DIR, "*.txt")))
    check(len(files) >= 9, "only %d lexicon files" % len(files))
    for path in files:
        name = os.path.basename(path)
        seen = set()
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            parts = [p.strip() for p in s.split("|")]
            term = parts[0].lower()
            if len(parts) < 2 or not parts[-1]:
                probs.append("%s:%d %r has no reason" % (name, n, term))
            if len(parts) == 3 and (parts[1] != "alone" or
                                    name != "casework.txt"):
                probs.append("%s:%d unknown mark %r" % (name, n, parts[1]))
            if len(parts) > 3:
                probs.append("%s:%d too many fields" % (name, n))
            if term in seen:
                probs.append("%s:%d %r listed twice" % (name, n, term))
            seen.add(term)
    fail_if(probs)


@test
def lexicons_left_out_terms_do_not_fire(tmp):
    # an X export of three posts with words the lists leave out, each
    # next to a work word; and one with a kept term, so the test can fail
    d = os.path.join(tmp, "x", "data")
    os.makedirs(d)
    posts = [("1", "Bought a case of cider for the team at work"),
             ("2", "Finger prick test at the hospital this morning at work"),
             ("3", "Staff are entitled to a break at work, says the poster"),
             ("4", "Fucking paperwork again at work")]
    tweets = [{"tweet": {"id_str": i, "created_at":
                         "Tue Mar 14 12:00:00 +0000 2023",
                         "full_text": t}} for i, t in posts]
    with open(os.path.join(d, "tweets.js"), "w", encoding="utf-8") as f:
        f.write("window.YTD.tweets.part0 = " + json.dumps(tweets))
    scan = Scan(tmp, [os.path.join(tmp, "x")])
    check(scan.res.code in (0, 1), scan.res.describe())
    with open(scan.json, encoding="utf-8") as f:
        found = {(x["rule"], x.get("record_id"))
                 for x in json.load(f)["findings"]}
    fail_if(["%s fired on post %s" % k for k in sorted(found)
             if k[0] in ("case-talk", "frustration") and k[1] != "4"])
    check(("frustration", "4") in found, "the kept term did not fire")
