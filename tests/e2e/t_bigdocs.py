"""End-to-end: exports whose single JSON file is larger than the 64 MiB
limit for a document read whole (issue 18, item 8). Google's on-device
Timeline.json and TikTok's user_data_tiktok.json hold several arrays side
by side, and used to be read whole, so a long-time user's real export was
refused. Each test writes a synthetic file just over the limit (made-up
places and accounts) and checks that every entry is read and nothing is
refused. Memory is measured by `make bench`, not here. Loaded by
tests/e2e/run.py (see load_test_modules there)."""
import json
import os

DOC_LIMIT = 64 * 1024 * 1024


def _write_big(path, head, item, count, tail):
    """head + count comma-joined copies of item(i) + tail, in pieces."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(head)
        step = 10000
        for start in range(0, count, step):
            f.write((",\n" if start else "") + ",\n".join(
                item(i) for i in range(start, min(count, start + step))))
        f.write(tail)
    size = os.path.getsize(path)
    check(size > DOC_LIMIT, "the test file is only %d bytes" % size)


def _no_refusal(scan, what):
    a = scan.report["archives"][0]
    probs = [d.get("message") for d in a.get("diagnostics") or []
             if d.get("severity") in ("error", "fatal")]
    check(scan.res.code == 0 and not probs,
          "%s: %s; errors %r" % (what, scan.res.describe(), probs))
    return a


@test
def bigdoc_google_timeline(tmp):
    """A 65 MiB Android Timeline.json: visits, raw signals and the frequent
    places after them, all read."""
    tree = os.path.join(tmp, "g")
    os.makedirs(tree)
    raw = 560000
    visits = 3000

    def visit(i):
        return json.dumps({
            "startTime": "2024-03-%02dT09:00:00.000+00:00" % (i % 28 + 1),
            "endTime": "2024-03-%02dT10:00:00.000+00:00" % (i % 28 + 1),
            "visit": {"topCandidate": {
                "placeId": "ChIJmadeup%06d" % i, "semanticType": "UNKNOWN",
                "placeLocation": {"latLng": "51.%04d\u00b0, -0.%04d\u00b0" %
                                  (i % 9000 + 1000, i % 9000 + 1000)}}}})

    def signal(i):
        return json.dumps({"position": {
            "LatLng": "52.%04d\u00b0, -1.%04d\u00b0" % (i % 9000 + 1000,
                                                        i % 7000 + 1000),
            "accuracyMeters": 12, "source": "WIFI",
            "timestamp": "2024-04-01T%02d:%02d:%02d.000+00:00" % (
                i // 3600 % 24, i // 60 % 60, i % 60)}})

    path = os.path.join(tree, "Timeline.json")
    segs = ",\n".join(visit(i) for i in range(visits))
    _write_big(path, '{"semanticSegments": [' + segs + '],\n"rawSignals": [',
               signal, raw,
               '],\n"userLocationProfile": {"frequentPlaces": [{"placeId": '
               '"ChIJhome", "placeLocation": "51.5007\u00b0, -0.1246\u00b0", '
               '"label": "HOME"}]}}\n')
    scan = Scan(tmp, [tree], ["--platform", "google"])
    a = _no_refusal(scan, "Timeline.json over the document limit")
    c = a["counts"]
    check(c.get("location_points") == raw and c.get("place_visits") == visits
          and c.get("labelled_places") == 1,
          "counts %r, want %d points, %d visits, 1 labelled place" %
          (c, raw, visits))


@test
def bigdoc_tiktok(tmp):
    """A 65 MiB user_data_tiktok.json: a watch history that is not read,
    the lists that are, and a group chat before the profile that says
    whose messages are whose."""
    tree = os.path.join(tmp, "t")
    os.makedirs(tree)
    watched = 700000
    following = 2000

    def watch(i):
        return json.dumps({"Date": "2024-05-01 10:%02d:%02d" % (i // 60 % 60,
                                                               i % 60),
                           "Link": "https://www.tiktokv.com/share/video/"
                                   "7%018d/" % i})

    dms = {"Direct Messages": {"ChatHistory": {
        "Chat History with pat_friend:": [
            {"Date": "2024-05-02 11:00:00", "From": "pat_friend",
             "Content": "see you at five"},
            {"Date": "2024-05-02 11:01:00", "From": "sam_worker",
             "Content": "ok"}],
        "Group_Chat_7300000000000000001": [
            {"Date": "2024-05-03 12:00:00", "From": "sam_worker",
             "Content": "hello all"},
            {"Date": "2024-05-03 12:01:00", "From": "lee_other",
             "Content": "hi"}]}}}
    fol = {"Following": {"Following": [
        {"Date": "2024-01-01 00:00:00", "UserName": "acct_%05d" % i}
        for i in range(following)]}}
    head = ('{"Direct Message": ' + json.dumps(dms) + ',\n'
            '"Profile": {"Profile Info": {"ProfileMap": {"userName": '
            '"sam_worker", "followingCount": %d}}},\n'
            '"Your Activity": {"Following": %s,\n'
            '"Watch History": {"VideoList": [' %
            (following, json.dumps(fol["Following"])))
    path = os.path.join(tree, "user_data_tiktok.json")
    _write_big(path, head, watch, watched, ']}}}\n')
    scan = Scan(tmp, [tree], ["--platform", "tiktok"])
    a = _no_refusal(scan, "user_data_tiktok.json over the document limit")
    c = a["counts"]
    check(c.get("following") == following and c.get("messages") == 4,
          "counts %r, want %d following, 4 messages" % (c, following))
    check(a.get("subject") == "sam_worker", "subject %r" % a.get("subject"))
    check(a.get("status") == "ok", "status %r" % a.get("status"))
