"""End-to-end: a subject who hands over several exports is one row of the
Summary sheet's per-subject table, with the counts and findings of all
their archives summed. Loaded by tests/e2e/run.py (see load_test_modules)."""
import os


@test
def summary_row_per_subject(tmp):
    fx = os.path.join(L.ROOT, "fixtures")
    a = L.mkarchive(os.path.join(tmp, "x-2022.zip"),
                    os.path.join(fx, "twitter", "layout-2022", "export"))
    b = L.mkarchive(os.path.join(tmp, "ig-2024.zip"),
                    os.path.join(fx, "instagram", "accounts-center-2024",
                                 "export"))
    c = L.mkarchive(os.path.join(tmp, "x-2020.zip"),
                    os.path.join(fx, "twitter", "layout-2020", "export"))
    scan = Scan(tmp, [a, b], ["--subject", "S-007"], tag="s7")
    check(scan.res.code in (0, 1), "scan: %s" % scan.res.describe())
    other = Scan(tmp, [c], tag="other")
    rep = scan.report
    posts = sum(x["counts"]["posts"] for x in rep["archives"])
    findings = len(rep["findings"])
    wb = L.open_workbook(scan.xlsx)
    ws = wb["Summary"]
    grid = [[ws.cell(r, k).value for k in range(1, ws.max_column + 1)]
            for r in range(1, ws.max_row + 1)]
    probs = []
    try:
        start = next(i for i, r in enumerate(grid) if r[0] == "Per subject")
    except StopIteration:
        fail_if(["no 'Per subject' table on the Summary sheet"])
    head = grid[start + 1]
    rows = [r for r in grid[start + 2:] if r[0]]
    if len(rows) != 1 or rows[0][0] != "S-007":
        probs.append("per-subject rows: %s" % [r[:4] for r in rows])
    else:
        row = dict(zip(head, rows[0]))
        if row.get("Archives") != 2:
            probs.append("Archives %r, want 2" % row.get("Archives"))
        if row.get("Posts") != posts:
            probs.append("Posts %r, want %d" % (row.get("Posts"), posts))
        sev = sum(row.get(k) or 0 for k in ("High", "Medium", "Low", "Info"))
        if sev != findings:
            probs.append("findings %d, want %d" % (sev, findings))
        if "X / Twitter" not in (row.get("Platforms") or "") or \
                "Instagram" not in (row.get("Platforms") or ""):
            probs.append("Platforms %r" % row.get("Platforms"))
    # an ordinary run: one subject, one row
    ws = L.open_workbook(other.xlsx)["Summary"]
    names = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    if "Per subject" not in names:
        probs.append("no 'Per subject' table for a one-archive run")
    fail_if(probs)
