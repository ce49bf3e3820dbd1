"""The Google part of the evaluation corpus (see eval.py): made-up Google
Takeout location exports in the shape of Takeout/Location History/
(Records.json with latitudeE7/longitudeE7 points, Settings.json with the
history switch and each device's reporting switch and their last change;
the shapes of fixtures/google/takeout-records and settings-only, and
shared FORMATS.md). Google holds no posts, people or messages, so the
rules that can fire on it are geo-sensitive-site (points near the shared
sensitive sites, grouped per site and day) and location-sharing (the
switches over the 2023 review period, one small export per scenario).
Every point and device is invented.
"""
import json
import os

from texts import GEO, SITES

LH = "Takeout/Location History"
PERIOD = ["--since", "2023-01-01", "--until", "2023-12-31"]


def day(n):
    return "2023-05-%02d" % (n % 100 + (0 if n < 110 else 10))


def settings(history, hist_change, reporting, rep_change):
    return {"createdTime": "2016-04-02T10:11:12.000Z",
            "modifiedTime": max(hist_change, rep_change),
            "historyEnabled": history,
            "latestLocationHistorySettingChange": {
                "historyEnabledModificationTime": hist_change},
            "deviceSettings": [{
                "deviceTag": 1184882232, "reportingEnabled": reporting,
                "legalCountryCode": "gb", "devicePrettyName": "Phone",
                "platformType": "ANDROID",
                "deviceCreationTime": "2016-04-02T10:11:12.000Z",
                "latestLocationReportingSettingChange": {
                    "reportingEnabledModificationTime": rep_change}}],
            "retentionWindowDays": 540, "hasReportedLocations": True}


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1)


def render_points(export, root):
    tree = os.path.join(root, "export")
    pts = [{"latitudeE7": int(round(lat * 1e7)),
            "longitudeE7": int(round(lon * 1e7)), "accuracy": 12,
            "source": "GPS", "deviceTag": 1184882232,
            "timestamp": "%sT12:00:00.000Z" % day(n)}
           for n, lat, lon, *_ in GEO]
    write(os.path.join(tree, LH, "Records.json"), {"locations": pts})
    write(os.path.join(tree, LH, "Settings.json"), settings(
        False, "2022-01-01T00:00:00.000Z", False, "2022-01-01T00:00:00.000Z"))
    with open(os.path.join(root, "sites.csv"), "w", encoding="utf-8") as f:
        f.write(SITES)
    with open(os.path.join(root, "policy.json"), "w") as f:
        json.dump({"version": 1, "sites_file": "sites.csv"}, f)
    return tree


def render_settings(st):
    def render(export, root):
        tree = os.path.join(root, "export")
        write(os.path.join(tree, LH, "Settings.json"), settings(*st))
        return tree
    return render


# (name, expect, why, (history on, its last change, reporting on, its
# last change)); a switch off now was on before its last change
ON, OFF = True, False
SCENARIOS = [
    ("ls-history-on-2022", "flag", "history switched on in 2022 and still on",
     (ON, "2022-03-01T00:00:00.000Z", OFF, "2020-01-01T00:00:00.000Z")),
    ("ls-reporting-on-2023", "flag", "reporting switched on in March 2023",
     (OFF, "2020-01-01T00:00:00.000Z", ON, "2023-03-01T00:00:00.000Z")),
    ("ls-both-on", "flag", "both switches on since 2019",
     (ON, "2019-01-01T00:00:00.000Z", ON, "2019-01-01T00:00:00.000Z")),
    ("ls-off-mid-2023", "flag", "history switched off in June 2023: it was on until then",
     (OFF, "2023-06-15T00:00:00.000Z", OFF, "2021-01-01T00:00:00.000Z")),
    ("ls-on-december", "flag", "reporting switched on in December 2023",
     (OFF, "2020-01-01T00:00:00.000Z", ON, "2023-12-20T00:00:00.000Z")),
    ("ls-off-2021", "no-flag", "both switched off in 2021, before the period",
     (OFF, "2021-01-01T00:00:00.000Z", OFF, "2021-01-01T00:00:00.000Z")),
    ("ls-off-dec-2022", "no-flag", "both switched off in December 2022",
     (OFF, "2022-12-01T00:00:00.000Z", OFF, "2022-12-01T00:00:00.000Z")),
    ("ls-off-2019", "no-flag", "off since 2019",
     (OFF, "2019-05-01T00:00:00.000Z", OFF, "2019-05-01T00:00:00.000Z")),
    ("ls-off-2020-2022", "no-flag", "history off in 2020, reporting off in 2022",
     (OFF, "2020-05-01T00:00:00.000Z", OFF, "2022-05-01T00:00:00.000Z")),
    ("ls-off-new-year", "no-flag", "both switched off on the last day of 2022",
     (OFF, "2022-12-31T12:00:00.000Z", OFF, "2022-12-31T12:00:00.000Z")),
]

EXPORTS = [
    {"name": "google-points", "platform": "google", "render": render_points,
     "args": ["--policy", "policy.json"] + PERIOD,
     "items": [{"id": "geo%d" % n, "day": day(n), "rule": "geo-sensitive-site",
                "expect": expect, "why": "a location-history point " + why}
               for n, lat, lon, expect, why in GEO]},
] + [
    {"name": "google-%s" % name, "platform": "google",
     "render": render_settings(st), "args": PERIOD,
     "items": [{"id": name, "rule": "location-sharing", "expect": expect,
                "why": why, "whole": True}]}
    for name, expect, why, st in SCENARIOS
]
