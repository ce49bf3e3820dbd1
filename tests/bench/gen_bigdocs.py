"""Generators of the single big files that real exports hold and that
conduct used to read whole (issue 18, item 8): Google's on-device Android
Timeline.json, TikTok's user_data_tiktok.json and Bluesky's repo.car.
Used by tests/e2e/t_bigdocs.py (files just over the 64 MiB document limit,
every entry counted) and by tests/bench/bench.py (peak memory on bigger
ones). Every place, account and post is made up. Each function writes the
file at `path`, of at least `size` bytes, and returns the counts a scan
must report for it. Python 3 standard library only."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tools"))
import mkcar  # noqa: E402


def _write_until(f, size, item, sep=",\n"):
    """Comma-joined items item(0), item(1), ... until f holds size bytes;
    returns how many were written."""
    n = 0
    while f.tell() < size:
        f.write((sep if n else "") + ",\n".join(item(i) for i in
                                                 range(n, n + 5000)))
        n += 5000
    return n


def timeline(path, size):
    """Android Timeline.json: visits, then raw positions, then the frequent
    places (home) after both arrays."""
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

    with open(path, "w", encoding="utf-8") as f:
        f.write('{"semanticSegments": [' +
                ",\n".join(visit(i) for i in range(visits)) +
                '],\n"rawSignals": [')
        raw = _write_until(f, size, signal)
        f.write('],\n"userLocationProfile": {"frequentPlaces": [{"placeId": '
                '"ChIJhome", "placeLocation": "51.5007\u00b0, -0.1246\u00b0",'
                ' "label": "HOME"}]}}\n')
    return {"location_points": raw, "place_visits": visits,
            "labelled_places": 1}


def tiktok(path, size):
    """user_data_tiktok.json: the messages (a group chat among them) before
    the profile, as real files list sections alphabetically, a following
    list, and a watch history (not read) that makes the size."""
    following = 2000

    def watch(i):
        return json.dumps({"Date": "2024-05-01 10:%02d:%02d" % (
            i // 60 % 60, i % 60), "Link": "https://www.tiktokv.com/share/"
            "video/7%018d/" % i})

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
    fol = {"Following": [{"Date": "2024-01-01 00:00:00",
                          "UserName": "acct_%05d" % i}
                         for i in range(following)]}
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"Direct Message": %s,\n"Profile": {"Profile Info": '
                '{"ProfileMap": {"userName": "sam_worker", '
                '"followingCount": %d}}},\n"Your Activity": {"Following": %s,'
                '\n"Watch History": {"VideoList": [' % (
                    json.dumps(dms), following, json.dumps(fol)))
        _write_until(f, size, watch)
        f.write(']}}}\n')
    return {"following": following, "messages": 4}


def bluesky(path, size, records_first=True):
    """repo.car of long posts; records first (before the tree nodes that
    name them and the commit) unless records_first is false."""
    text = ("A long synthetic post about gardening, buses and the weather "
            "written only to make the repository large. ") * 28
    posts = size // (len(text) + 150) + 1
    records = {}
    for i in range(posts):
        records["app.bsky.feed.post/3k%011d" % i] = {
            "$type": "app.bsky.feed.post", "text": "%d %s" % (i, text),
            "createdAt": "2024-%02d-%02dT10:00:00.000Z" % (i % 12 + 1,
                                                         i % 28 + 1)}
    car = mkcar.build({"did": "did:plc:ex4mplebig000000000000000",
                       "rev": "3kbig", "records": records}, records_first)
    with open(path, "wb") as f:
        f.write(car)
    return {"posts": posts}


def main(argv):
    """gen_bigdocs.py KIND PATH BYTES: writes the file, prints its counts
    as JSON (so a caller need not hold the generator's memory itself)."""
    if len(argv) != 3 or argv[0] not in ("timeline", "tiktok", "bluesky"):
        sys.stderr.write("usage: gen_bigdocs.py timeline|tiktok|bluesky "
                         "PATH BYTES\n")
        return 2
    print(json.dumps(globals()[argv[0]](argv[1], int(argv[2]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
