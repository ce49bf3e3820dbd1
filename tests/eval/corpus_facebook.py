"""The Facebook part of the evaluation corpus (see eval.py): a made-up
"Download your information" export in the JSON layout of 2024
(your_facebook_activity/posts/, comments_and_reactions/, messages/inbox/,
connections/friends/, logged_information/search/, personal_information/;
the shapes of fixtures/facebook/layout-2024 and shared FORMATS.md), with
Meta's habit of writing UTF-8 bytes as Latin-1 code points. Facebook names
people only by display name, so every client match is at most "possible"
and says so. Posts carry the shared labelled texts (texts.py); check-ins
carry the shared geotags. Every person and place is invented.
"""
import datetime
import json
import os

from texts import TEXTS, GEO, SITES, clients_csv

ME = "Sam Caseworker"
POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
FRIENDS = "connections/friends/your_friends.json"
SEARCH = "logged_information/search/your_search_history.json"
COMMENTS = "your_facebook_activity/comments_and_reactions/comments.json"
LIKES = "your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json"


def ts(iso):
    return int(datetime.datetime.strptime(iso, "%Y-%m-%d").replace(
        tzinfo=datetime.timezone.utc).timestamp())


def meta(v):
    """Meta's mojibake: each UTF-8 byte as one code point."""
    if isinstance(v, str):
        return v.encode("utf-8").decode("latin-1")
    if isinstance(v, list):
        return [meta(x) for x in v]
    if isinstance(v, dict):
        return {k: meta(x) for k, x in v.items()}
    return v


# friends: (name, since, expect, why)
FRIEND_LIST = [
    ("Daniel Fairweather", "2023-02-10", "flag", "a current client, by display name"),
    ("Evelyn Marsh", "2022-06-01", "flag", "a current client, by display name"),
    ("Grace Okafor", "2023-04-01", "flag", "a current client, by display name"),
    ("Priya Raman", "2021-06-01", "flag", "a former client the agency keeps flagged"),
    ("Chloé Durand", "2023-05-01", "flag", "a client during her case"),
    ("Mette Ørum", "2015-01-01", "no-flag", "a friend"),
    ("Leon Price", "2023-06-01", "no-flag", "friends two years after Leon Price's case ended"),
    ("Marcus Bell", "2023-03-01", "no-flag", "friends before Marcus Bell became a client"),
    ("Grace Kelly", "2020-01-01", "no-flag", "another Grace: the alias alone is not a name match"),
    ("Daniel Craig", "2019-01-01", "no-flag", "another Daniel"),
]

# searches: (n, query, day, expect, why, extra)
SEARCHES = [
    (1, "Daniel Fairweather", "2023-02-01", "flag", "a client's name", None),
    (2, "fairweather daniel", "2023-02-02", "flag", "surname first", None),
    (3, "Grace Okafor", "2023-02-03", "flag", "a client's name", None),
    (4, "Priya Raman", "2023-02-04", "flag", "a former client", None),
    (5, "okafor grace", "2023-02-05", "flag", "surname first", None),
    (11, "fair weather walks", "2023-02-06", "no-flag", "the weather", None),
    (12, "grace period car tax", "2023-02-07", "no-flag", "'grace period'", None),
    (13, "Leon Price", "2023-02-08", "no-flag", "two years after Leon Price's case ended", None),
    (14, "Marcus Bell drummer", "2023-02-09", "no-flag", "before Marcus Bell became a client", None),
    (15, "christmas eve opening times", "2023-02-10", "no-flag", "Christmas Eve, not the alias Eve", None),
]

# comments and likes on others' posts: (kind, owner, day, expect, why)
ENGAGE = [
    ("comment", "Daniel Fairweather", "2023-04-01", "flag", "a comment on a current client's post"),
    ("comment", "Grace Okafor", "2023-04-02", "flag", "a comment on a current client's post"),
    ("like", "Evelyn Marsh", "2023-04-03", "flag", "a like of a current client's post"),
    ("like", "Priya Raman", "2023-04-04", "flag", "a like of a former client's post"),
    ("like", "Chloé Durand", "2023-04-05", "flag", "a like of a client's post during her case"),
    ("comment", "Mette Ørum", "2023-04-06", "no-flag", "a friend's post"),
    ("comment", "Leon Price", "2023-04-07", "no-flag", "two years after Leon Price's case ended"),
    ("like", "Marcus Bell", "2023-04-08", "no-flag", "before Marcus Bell became a client"),
    ("like", "Grace Kelly", "2023-04-09", "no-flag", "another Grace"),
    ("like", "Riverside Library", "2023-04-10", "no-flag", "a page"),
]

# conversations: (folder, other, day, expect, why)
THREADS = [
    ("danielfairweather_1015", "Daniel Fairweather", "2023-05-01", "flag", "messages with a current client"),
    ("evelynmarsh_1016", "Evelyn Marsh", "2023-05-02", "flag", "messages with a current client"),
    ("graceokafor_1017", "Grace Okafor", "2023-05-03", "flag", "messages with a current client"),
    ("priyaraman_1018", "Priya Raman", "2023-05-04", "flag", "a former client"),
    ("chloedurand_1019", "Chloé Durand", "2023-05-05", "flag", "a client during her case"),
    ("metteorum_1020", "Mette Ørum", "2023-05-06", "no-flag", "a friend"),
    ("leonprice_1021", "Leon Price", "2023-05-07", "no-flag", "two years after Leon Price's case ended"),
    ("marcusbell_1022", "Marcus Bell", "2023-05-08", "no-flag", "before Marcus Bell became a client"),
    ("gracekelly_1023", "Grace Kelly", "2023-05-09", "no-flag", "another Grace"),
    ("danielcraig_1024", "Daniel Craig", "2023-05-10", "no-flag", "another Daniel"),
]


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(meta(obj), f, indent=1)


def render(export, root):
    tree = os.path.join(root, "export")
    base = ts("2023-03-14")
    posts = [{"timestamp": base + n, "data": [{"post": text}],
              "title": ""} for n, text, *_ in TEXTS]
    posts += [{"timestamp": base + 1000 + n, "attachments": [{"data": [{
        "place": {"name": "Somewhere", "coordinate": {
            "latitude": lat, "longitude": lon}, "address": "", "url": ""}}]}],
        "data": [{"post": "Out and about"}],
        "title": "%s checked in to Somewhere." % ME}
        for n, lat, lon, *_ in GEO]
    write(os.path.join(tree, POSTS), posts)
    write(os.path.join(tree, FRIENDS), {"friends_v2": [
        {"name": n, "timestamp": ts(d)} for n, d, *_ in FRIEND_LIST]})
    write(os.path.join(tree, SEARCH), {"searches_v2": [
        {"timestamp": ts(d), "data": [{"text": q}],
         "title": "You searched on Facebook"}
        for n, q, d, *_ in SEARCHES]})
    comments, likes = [], []
    for kind, owner, d, *_ in ENGAGE:
        if kind == "comment":
            comments.append({"timestamp": ts(d), "data": [{"comment": {
                "timestamp": ts(d), "comment": "Lovely photos",
                "author": ME}}],
                "title": "%s commented on %s's post." % (ME, owner)})
        else:
            likes.append({"timestamp": ts(d), "data": [{"reaction": {
                "reaction": "LIKE", "actor": ME}}],
                "title": "%s likes %s's post." % (ME, owner)})
    write(os.path.join(tree, COMMENTS), {"comments_v2": comments})
    write(os.path.join(tree, LIKES), likes)
    for folder, other, d, *_ in THREADS:
        t = ts(d) * 1000
        write(os.path.join(tree, "your_facebook_activity/messages/inbox",
                           folder, "message_1.json"), {
            "participants": [{"name": other}, {"name": ME}],
            "messages": [{"sender_name": other, "timestamp_ms": t + 60000,
                          "content": "Thanks!"},
                         {"sender_name": ME, "timestamp_ms": t,
                          "content": "See you soon"}],
            "title": other, "is_still_participant": True,
            "thread_path": "inbox/" + folder, "magic_words": []})
    write(os.path.join(tree, "personal_information/profile_information/"
                       "profile_information.json"), {"profile_v2": {
                           "name": {"full_name": ME, "first_name": "Sam",
                                    "middle_name": "",
                                    "last_name": "Caseworker"},
                           "username": "sam.caseworker.example",
                           "registration_timestamp": 1450000000}})
    with open(os.path.join(root, "clients.csv"), "w", encoding="utf-8") as f:
        f.write(clients_csv())
    with open(os.path.join(root, "sites.csv"), "w", encoding="utf-8") as f:
        f.write(SITES)
    with open(os.path.join(root, "policy.json"), "w") as f:
        json.dump({"version": 1, "sites_file": "sites.csv"}, f)
    return tree


def items():
    out = []
    for i, (n, text, rule, expect, why, cls) in enumerate(TEXTS):
        it = {"id": n, "src": (POSTS, i), "rule": rule, "expect": expect,
              "why": why, "cls": cls}
        if rule == "client-mention" and cls == "common-word" and \
                expect == "flag":
            it.update(confidence="possible", evidence=["weak:"])
        out.append(it)
    for j, (n, lat, lon, expect, why) in enumerate(GEO):
        out.append({"id": "geo%d" % n, "src": (POSTS, len(TEXTS) + j),
                    "rule": "geo-sensitive-site", "expect": expect,
                    "why": "a check-in " + why})
    for i, (name, d, expect, why) in enumerate(FRIEND_LIST):
        it = {"id": name, "src": (FRIENDS, i), "rule": "client-connection",
              "expect": expect, "why": why}
        if expect == "flag":
            it.update(confidence="possible", evidence=["display name only"])
        out.append(it)
    for i, (n, q, d, expect, why, extra) in enumerate(SEARCHES):
        out.append({"id": "s%d" % n, "src": (SEARCH, i),
                    "rule": "client-search", "expect": expect, "why": why})
    ci = li = 0
    for kind, owner, d, expect, why in ENGAGE:
        if kind == "comment":
            src, ci = (COMMENTS, ci), ci + 1
        else:
            src, li = (LIKES, li), li + 1
        it = {"id": kind + owner, "src": src, "rule": "client-engagement",
              "expect": expect, "why": why}
        if expect == "flag":
            it.update(confidence="possible", evidence=["display name only"])
        out.append(it)
    for folder, other, d, expect, why in THREADS:
        it = {"id": "inbox/" + folder, "rule": "client-message",
              "expect": expect, "why": why}
        if expect == "flag":
            it.update(confidence="possible", evidence=["display name only"])
        out.append(it)
    return out


EXPORTS = [
    {"name": "facebook-main", "platform": "facebook", "render": render,
     "args": ["--clients", "clients.csv", "--policy", "policy.json",
              "--since", "2023-01-01", "--until", "2023-12-31"],
     "items": items()},
]
