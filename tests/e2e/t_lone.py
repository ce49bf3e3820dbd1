"""End-to-end: single-file exports given on their own, not in an archive
or folder (Bluesky's repo.car as people download it). Loaded by
tests/e2e/run.py (see load_test_modules there)."""
import json
import os
import shutil


@test
def lone_bluesky_car(tmp):
    """A bare repo.car reads exactly as the same file inside a zip."""
    case = os.path.join(L.ROOT, "fixtures", "bluesky", "repo-2024")
    car = os.path.join(tmp, "repo.car")
    shutil.copy(os.path.join(case, "export", "repo.car"), car)
    scan = Scan(tmp, [car], read_args(case), cwd=case)
    check(scan.res.code == 0, "bare repo.car: %s" % scan.res.describe())
    got = scan.report["archives"][0]
    with open(os.path.join(case, "expected.json"), encoding="utf-8") as f:
        want = json.load(f)["archives"][0]
    probs = []
    for key in ("platforms", "counts", "subject"):
        if got[key] != want[key]:
            probs.append("%s is %s, in a zip %s" % (key, got[key],
                                                    want[key]))
    fail_if(probs)
