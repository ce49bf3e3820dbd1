"""The Snapchat part of the evaluation corpus (see eval.py): a made-up
"My Data" export in the JSON layout of 2024 (json/account.json,
friends.json with Friends and Friend Requests Sent, chat_history.json keyed
by the other user, search_history.json, location_history.json; the shapes
of fixtures/snapchat/export-2024 and shared FORMATS.md). Snapchat has no
authored posts in its export, so no text items; location history points
near the shared sensitive sites are grouped per site and day. Every
account and place is invented.
"""
import json
import os

from texts import GEO, SITES, clients_csv

ME = "sam_caseworker_sc"
HANDLES = {"C-101": "snapchat:dfair_daniel", "C-102": "snapchat:evemarsh",
           "C-103": "snapchat:priya_r", "C-104": "snapchat:tnowak",
           "C-105": "snapchat:chloed", "C-106": "snapchat:mbell_drums",
           "C-107": "snapchat:grace_ok", "C-108": "snapchat:leonp"}

PEOPLE = [
    ("dfair_daniel", "2023-02-10", "flag", "a current client"),
    ("evemarsh", "2023-03-01", "flag", "a current client"),
    ("grace_ok", "2023-04-01", "flag", "a current client"),
    ("priya_r", "2023-05-01", "flag", "a former client the agency keeps flagged"),
    ("chloed", "2023-06-01", "flag", "a client during her case"),
    ("jo_friend", "2023-02-11", "no-flag", "a friend"),
    ("leonp", "2023-06-02", "no-flag", "two years after Leon Price's case ended"),
    ("mbell_drums", "2023-03-02", "no-flag", "before Marcus Bell became a client"),
    ("dfair_daniel2", "2023-03-03", "no-flag", "a handle that starts like a client's"),
    ("grace", "2023-03-04", "no-flag", "the handle 'grace' is not grace_ok"),
]

# searches: the same accounts; a bare "grace" is the alias Grace, a word
# too, so it is flagged weak and says why
SEARCHES = [p for p in PEOPLE if p[0] != "grace"] + [
    ("grace", "2023-03-04", "flag",
     "the alias 'Grace' alone: a name that is also a word, so weak, saying why"),
    ("grace period phone contract", "2023-03-05", "no-flag", "'grace period'"),
]


def day(n):
    """the day of the n-th geotag, one day each, in the review period"""
    return "2023-04-%02d" % (n % 100 + (0 if n < 110 else 10))


def render(export, root):
    tree = os.path.join(root, "export")
    j = os.path.join(tree, "json")
    os.makedirs(j, exist_ok=True)

    def w(name, obj):
        with open(os.path.join(j, name), "w", encoding="utf-8") as f:
            json.dump(obj, f, indent=1, ensure_ascii=False)
    w("account.json", {"Basic Information": {
        "Username": ME, "Name": "Sam", "Creation Date": "2019-04-01 10:00:00 UTC",
        "Country": "GB"}})
    friends = [{"Username": u, "Display Name": "", "Creation Timestamp": "%s 17:03:11 UTC" % d,
                "Last Modified Timestamp": "%s 17:03:11 UTC" % d, "Source": "Added by username"}
               for u, d, *_ in PEOPLE]
    w("friends.json", {"Friends": friends[0::2], "Friend Requests Sent": friends[1::2],
                       "Blocked Users": [], "Deleted Friends": []})
    w("chat_history.json", {u: [
        {"From": u, "Media Type": "TEXT", "Created": "%s 20:13:26 UTC" % d,
         "Content": "hiya", "Conversation Title": None, "IsSender": False},
        {"From": ME, "Media Type": "TEXT", "Created": "%s 20:20:02 UTC" % d,
         "Content": "hello", "Conversation Title": None, "IsSender": True}]
        for u, d, *_ in PEOPLE})
    w("search_history.json", [
        {"Date and time (hourly)": "%s 14:00:00 UTC" % d, "Search Term": u, "Location": ""}
        for u, d, *_ in SEARCHES])
    w("location_history.json", {
        "Frequent Locations": [], "Latest Location": [],
        "Home & Work": {}, "Daily Top Locations": [],
        "Location History": [["%s 12:00:00 UTC" % day(n), "%.5f, %.5f" % (lat, lon)]
                             for n, lat, lon, *_ in GEO]})
    with open(os.path.join(root, "clients.csv"), "w", encoding="utf-8") as f:
        f.write(clients_csv(HANDLES))
    with open(os.path.join(root, "sites.csv"), "w", encoding="utf-8") as f:
        f.write(SITES)
    with open(os.path.join(root, "policy.json"), "w") as f:
        json.dump({"version": 1, "sites_file": "sites.csv"}, f)
    return tree


def items():
    out = []
    fi = ri = 0
    for i, (u, d, expect, why) in enumerate(PEOPLE):
        if i % 2 == 0:
            src, fi = ("json/friends.json", fi), fi + 1
        else:
            src, ri = ("json/friends.json", ri), ri + 1
        out.append({"id": u, "rule": "client-connection", "expect": expect,
                    "why": ("friends with " if i % 2 == 0 else
                            "sent a friend request to ") + why})
        out.append({"id": u, "rule": "client-message", "expect": expect,
                    "why": "chats with " + why})
    for i, (u, d, expect, why) in enumerate(SEARCHES):
        it = {"id": u, "src": ("json/search_history.json", i),
              "rule": "client-search", "expect": expect,
              "why": "searched for " + why}
        if u == "grace":
            it.update(confidence="possible", evidence=["everyday word"])
        out.append(it)
    for n, lat, lon, expect, why in GEO:
        out.append({"id": "geo%d" % n, "day": day(n),
                    "rule": "geo-sensitive-site", "expect": expect,
                    "why": "location history " + why})
    return out


EXPORTS = [
    {"name": "snapchat-main", "platform": "snapchat", "render": render,
     "args": ["--clients", "clients.csv", "--policy", "policy.json",
              "--since", "2023-01-01", "--until", "2023-12-31"],
     "items": items()},
]
