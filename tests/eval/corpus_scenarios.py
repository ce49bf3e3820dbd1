"""Whole-export scenarios of the evaluation corpus (see eval.py) for the
platforms other than X (X's are in corpus_x_settings.py): public-profile
(posts that state their visibility on Mastodon, TikTok, LinkedIn and
Bluesky; Instagram's account privacy changes), location-sharing (posts
carrying the device's coordinates on Instagram and Facebook; Snapchat's
location history) and geo-home-exposure (Instagram: the same spot in three
or more posts while the account was public; Facebook check-ins). Each scenario is one small
made-up export in the shapes of the platform's corpus module, labelled as
a whole: flag when the rule should raise a finding on it, no-flag for a
near miss. The review period is 2023.
"""
import csv
import io
import json
import os
import sys

import corpus_mastodon as MA
import corpus_facebook as FB
import corpus_instagram as IG
import corpus_linkedin as LI
import corpus_bluesky as BS

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tools"))
import mkcar  # noqa: E402

PERIOD = ["--since", "2023-01-01", "--until", "2023-12-31"]


def wjson(path, obj, meta=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(FB.meta(obj) if meta else obj, f, indent=1,
                  ensure_ascii=False)


def iso(day):
    return day + "T12:00:00Z"


# --- public-profile from post visibility: posts (day, public?) ---

def mastodon(posts):
    def render(export, root):
        tree = os.path.join(root, "export")
        items = []
        for i, (d, pub) in enumerate(posts):
            to = [MA.PUBLIC] if pub else [MA.ME + "/followers"]
            items.append(MA.note(500 + i, "Allotment update", iso(d), to, []))
        wjson(os.path.join(tree, "outbox.json"), {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": "outbox.json", "type": "OrderedCollection",
            "totalItems": len(items), "orderedItems": items})
        wjson(os.path.join(tree, "actor.json"), {
            "id": MA.ME, "type": "Person", "preferredUsername": "sam",
            "outbox": "outbox.json", "manuallyApprovesFollowers": True,
            "discoverable": False, "indexable": False})
        return tree
    return render


def tiktok(posts):
    def render(export, root):
        tree = os.path.join(root, "export")
        wjson(os.path.join(tree, "user_data_tiktok.json"), {
            "Profile": {"Profile Info": {"ProfileMap": {"userName": "sam_tt"}}},
            "App Settings": {"Settings": {"SettingsMap": {"Private Account": "Enabled"}}},
            "Post": {"Posts": {"VideoList": [
                {"Date": "%s 10:00:00" % d, "Link": "https://www.tiktokv.com/share/video/7%018d/" % i,
                 "WhoCanView": "Everyone" if pub else "Followers", "Title": "Walk"}
                for i, (d, pub) in enumerate(posts)]}}})
        return tree
    return render


def linkedin(posts):
    def render(export, root):
        tree = os.path.join(root, "export")
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["Date", "ShareLink", "ShareCommentary", "SharedURL", "MediaURL", "Visibility"])
        for i, (d, pub) in enumerate(posts):
            w.writerow(["%s 10:00:00" % d, LI.share_link(900 + i), "Job news",
                        "", "", "PUBLIC" if pub else "CONNECTIONS"])
        os.makedirs(tree, exist_ok=True)
        with open(os.path.join(tree, "Shares.csv"), "w", encoding="utf-8") as f:
            f.write(out.getvalue())
        with open(os.path.join(tree, "Profile.csv"), "w", encoding="utf-8") as f:
            f.write("First Name,Last Name,Headline\nSam,Caseworker,Social Worker\n")
        return tree
    return render


def bluesky(posts):
    def render(export, root):
        tree = os.path.join(root, "export")
        os.makedirs(tree, exist_ok=True)
        recs = {"app.bsky.feed.post/" + BS.rkey("q", i): {
            "$type": "app.bsky.feed.post", "text": "Garden update",
            "createdAt": iso(d).replace("Z", ".000Z")}
            for i, (d, pub) in enumerate(posts)}
        with open(os.path.join(tree, "repo.car"), "wb") as f:
            f.write(mkcar.build({"did": BS.ME, "rev": "3ks", "records": recs}))
        return tree
    return render


VIS = [  # (name, expect, why, posts)
    ("one-public", "flag", "one public post in 2023 among followers-only ones",
     [("2023-03-01", True), ("2023-04-01", False)]),
    ("all-public", "flag", "every 2023 post public", [("2023-02-01", True), ("2023-05-01", True)]),
    ("public-january", "flag", "a public post on 2 January 2023", [("2023-01-02", True)]),
    ("public-december", "flag", "a public post on 30 December 2023", [("2023-12-30", True)]),
    ("public-among-old", "flag", "a public post in 2023; the others were in 2021",
     [("2021-03-01", False), ("2023-07-01", True)]),
    ("followers-only", "no-flag", "every 2023 post for followers only",
     [("2023-03-01", False), ("2023-04-01", False)]),
    ("public-2022", "no-flag", "the only public post is from 2022",
     [("2022-06-01", True), ("2023-06-01", False)]),
    ("public-2024", "no-flag", "the only public post is from January 2024",
     [("2024-01-05", True), ("2023-06-01", False)]),
    ("public-2019", "no-flag", "public posts only years before", [("2019-06-01", True)]),
    ("private-2023", "no-flag", "a single followers-only post in 2023", [("2023-09-09", False)]),
]
# every Bluesky post is public: its near misses are public posts outside
# the period only
BS_VIS = [v for v in VIS if v[1] == "flag" and v[0] != "one-public" and
          v[0] != "public-among-old"] + [
    ("public-mix", "flag", "posts in 2022 and 2023", [("2022-03-01", True), ("2023-03-01", True)]),
    ("public-mid", "flag", "a post in mid 2023", [("2023-06-15", True)]),
    ("public-2022", "no-flag", "posts only in 2022", [("2022-06-01", True)]),
    ("public-2024", "no-flag", "posts only in 2024", [("2024-01-05", True)]),
    ("public-2019", "no-flag", "posts only in 2019", [("2019-06-01", True)]),
    ("public-dec-2022", "no-flag", "a post on the last day of 2022 (UTC)", [("2022-12-31", True)]),
    ("public-2020-2021", "no-flag", "posts in 2020 and 2021", [("2020-06-01", True), ("2021-06-01", True)]),
]


# --- Instagram: account privacy changes (day, 'private'|'public') ---

def instagram_privacy(changes):
    def render(export, root):
        tree = os.path.join(root, "export")
        wjson(os.path.join(tree, "security_and_login_information/login_and_account_creation/"
                           "account_privacy_changes.json"), {
            "account_history_account_privacy_history": [
                {"title": "Account made " + what, "media_map_data": {},
                 "string_map_data": {"Time": {"href": "", "value": "",
                                              "timestamp": IG.ts(d)}}}
                for d, what in changes]}, meta=True)
        wjson(os.path.join(tree, "your_instagram_activity/content/posts_1.json"),
              [IG.post(1, "Hello")], meta=True)
        return tree
    return render


IG_PRIV = [
    ("made-public-2023", "flag", "made public in March 2023", [("2021-01-01", "private"), ("2023-03-01", "public")]),
    ("made-private-mid-2023", "flag", "public until made private in June 2023", [("2023-06-01", "private")]),
    ("public-since-2022", "flag", "made public in 2022 and still public", [("2020-01-01", "private"), ("2022-02-01", "public")]),
    ("public-autumn", "flag", "public from October 2023", [("2023-01-10", "private"), ("2023-10-01", "public")]),
    ("public-one-week", "flag", "public for one week in May 2023",
     [("2019-01-01", "private"), ("2023-05-01", "public"), ("2023-05-08", "private")]),
    ("private-2021", "no-flag", "private since 2021", [("2021-05-01", "private")]),
    ("private-dec-2022", "no-flag", "private from December 2022", [("2022-12-01", "private")]),
    ("public-2024", "no-flag", "made public only in 2024", [("2020-01-01", "private"), ("2024-02-01", "public")]),
    ("public-2022-month", "no-flag", "public for a month in 2022",
     [("2019-01-01", "private"), ("2022-06-01", "public"), ("2022-07-01", "private")]),
    ("private-2019", "no-flag", "private since 2019", [("2019-01-01", "private")]),
]


# --- location-sharing: geotagged posts (day, has coordinates?) ---

def instagram_geo(posts, changes=(("2019-01-01", "public"),)):
    def render(export, root):
        tree = os.path.join(root, "export")
        out = []
        for i, (d, geo) in enumerate(posts):
            p = IG.post(700 + i, "Out and about", geo)
            p["media"][0]["creation_timestamp"] = IG.ts(d)
            out.append(p)
        wjson(os.path.join(tree, "your_instagram_activity/content/posts_1.json"), out, meta=True)
        wjson(os.path.join(tree, "security_and_login_information/login_and_account_creation/"
                           "account_privacy_changes.json"), {
            "account_history_account_privacy_history": [
                {"title": "Account made " + what, "media_map_data": {},
                 "string_map_data": {"Time": {"timestamp": IG.ts(d)}}}
                for d, what in changes]}, meta=True)
        return tree
    return render


def facebook_geo(posts):
    def render(export, root):
        tree = os.path.join(root, "export")
        out = []
        for i, (d, geo) in enumerate(posts):
            e = {"timestamp": IG.ts(d) + i, "data": [{"post": "Out and about"}], "title": ""}
            if geo:
                e["attachments"] = [{"data": [{"place": {
                    "name": "Somewhere", "coordinate": {"latitude": geo[0], "longitude": geo[1]},
                    "address": "", "url": ""}}]}]
            out.append(e)
        wjson(os.path.join(tree, FB.POSTS), out, meta=True)
        return tree
    return render


def snapchat_geo(points):
    def render(export, root):
        tree = os.path.join(root, "export")
        wjson(os.path.join(tree, "json/account.json"), {"Basic Information": {"Username": "sam_sc"}})
        wjson(os.path.join(tree, "json/location_history.json"), {
            "Frequent Locations": [], "Latest Location": [], "Home & Work": {},
            "Daily Top Locations": [],
            "Location History": [["%s 12:00:00 UTC" % d, "%.4f, %.4f" % g] for d, g in points]})
        return tree
    return render


G = (53.40, -2.90)
GEO_POSTS = [
    ("one-2023", "flag", "a post in June 2023 with coordinates", [("2023-06-15", G)]),
    ("january", "flag", "a post on 2 January 2023 with coordinates", [("2023-01-02", G)]),
    ("december", "flag", "a post on 30 December 2023 with coordinates", [("2023-12-30", G)]),
    ("several", "flag", "three posts in 2023 with coordinates",
     [("2023-03-15", G), ("2023-04-15", G), ("2023-05-15", G)]),
    ("among-plain", "flag", "one geotagged post among plain ones",
     [("2023-02-01", None), ("2023-08-15", G), ("2023-09-01", None)]),
    ("none", "no-flag", "no post carries coordinates", [("2023-03-01", None), ("2023-04-01", None)]),
    ("2022", "no-flag", "the only geotagged post is from 2022", [("2022-06-15", G), ("2023-06-15", None)]),
    ("2024", "no-flag", "the only geotagged post is from January 2024", [("2024-01-05", G), ("2023-06-15", None)]),
    ("2019", "no-flag", "geotagged posts only from 2019", [("2019-06-15", G), ("2019-07-15", G)]),
    ("plain-2023", "no-flag", "a single plain post in 2023", [("2023-10-10", None)]),
]
SNAP_POINTS = [
    (n, e, w.replace("post", "location-history point").replace("posts", "points"),
     [(d, g) for d, g in pts if g]) for n, e, w, pts in GEO_POSTS]


# --- geo-home-exposure on Instagram: the same spot in public posts ---

def spot(k, lat=51.45, lon=-0.20, step=0.00005):
    return [("2023-%02d-10" % (2 + i), (lat + step * i, lon)) for i in range(k)]


GHE = [
    ("three", "flag", "three posts from one spot, the account public", spot(3), [("2019-01-01", "public")]),
    ("five", "flag", "five posts from one spot", spot(5), [("2019-01-01", "public")]),
    ("made-public", "flag", "four posts from one spot after the account was made public in 2022",
     spot(4), [("2020-01-01", "private"), ("2022-01-01", "public")]),
    ("plus-far", "flag", "three posts from one spot among one far away",
     spot(3) + [("2023-07-01", (50.8, -1.1))], [("2019-01-01", "public")]),
    ("private-later", "flag", "three posts from one spot before the account was made private in December",
     spot(3), [("2023-12-01", "private")]),
    ("two", "no-flag", "only two posts from one spot", spot(2), [("2019-01-01", "public")]),
    ("spread", "no-flag", "three posts 300 m apart", spot(3, step=0.0027), [("2019-01-01", "public")]),
    ("private", "no-flag", "three posts from one spot while the account was private",
     spot(3), [("2019-01-01", "private")]),
    ("cities", "no-flag", "three posts in three cities",
     [("2023-02-10", (51.45, -0.20)), ("2023-03-10", (53.48, -2.24)), ("2023-04-10", (55.95, -3.19))],
     [("2019-01-01", "public")]),
    ("two-and-one", "no-flag", "two posts at one spot and a third 250 m away",
     spot(2) + [("2023-06-10", (51.45225, -0.20))], [("2019-01-01", "public")]),
]


# Facebook gives no privacy setting of the account: its check-ins count
# as public, so the scenarios that turn on the account being private are
# replaced
FB_GHE = [(n, e, w, posts) for n, e, w, posts, ch in GHE
          if n not in ("private", "private-later")] + [
    ("four", "flag", "four check-ins from one spot", spot(4, lat=51.47)),
    ("two-far", "no-flag", "two check-ins at one spot and one in another city",
     spot(2) + [("2023-06-10", (53.48, -2.24))]),
]


def family(platform, prefix, rule, scenarios, make):
    return [{"name": "%s-%s-%s" % (platform, prefix, name), "platform": platform,
             "render": make(data), "args": PERIOD,
             "items": [{"id": name, "rule": rule, "expect": expect, "why": why,
                        "whole": True}]}
            for name, expect, why, data in scenarios]


EXPORTS = (
    family("mastodon", "pp", "public-profile", VIS, mastodon) +
    family("tiktok", "pp", "public-profile", VIS, tiktok) +
    family("linkedin", "pp", "public-profile", VIS, linkedin) +
    family("bluesky", "pp", "public-profile", BS_VIS, bluesky) +
    family("instagram", "pp", "public-profile", IG_PRIV, instagram_privacy) +
    family("instagram", "ls", "location-sharing", GEO_POSTS, instagram_geo) +
    family("facebook", "ls", "location-sharing", GEO_POSTS, facebook_geo) +
    family("snapchat", "ls", "location-sharing", SNAP_POINTS, snapchat_geo) +
    family("facebook", "ghe", "geo-home-exposure", FB_GHE, facebook_geo) +
    [dict(e, render=instagram_geo(posts, changes))
     for e, (_, _, _, posts, changes) in zip(
         family("instagram", "ghe", "geo-home-exposure",
                [g[:4] for g in GHE], lambda d: None), GHE)]
)
