"""The TikTok part of the evaluation corpus (see eval.py): a made-up
user_data_tiktok.json in the 2024 layout (Profile, Post.Posts.VideoList,
Comment.Comments.CommentsList, Direct Message...ChatHistory with one
"Chat History with <user>:" list per conversation, Your Activity.
{Following, Follower, Searches, Like List}; the shapes of
fixtures/tiktok/layout-2024 and shared FORMATS.md). Video titles and
comments carry the shared labelled texts (texts.py). Likes and comments
name no owner, so TikTok gives no engagement items. Every account is
invented.
"""
import json
import os

from texts import TEXTS, clients_csv

ME = "sam_caseworker_tt"
HANDLES = {"C-101": "tiktok:dfair_daniel", "C-102": "tiktok:evemarsh",
           "C-103": "tiktok:priya_r", "C-104": "tiktok:tnowak",
           "C-105": "tiktok:chloed", "C-106": "tiktok:mbell_drums",
           "C-107": "tiktok:grace_ok", "C-108": "tiktok:leonp"}

# (user, day, expect, why): follows, followers, chats and searches
PEOPLE = [
    ("dfair_daniel", "2023-02-10", "flag", "a current client"),
    ("evemarsh", "2023-03-01", "flag", "a current client"),
    ("grace_ok", "2023-04-01", "flag", "a current client"),
    ("priya_r", "2023-05-01", "flag", "a former client the agency keeps flagged"),
    ("chloed", "2023-06-01", "flag", "a client during her case"),
    ("jo_friend", "2023-02-11", "no-flag", "a friend"),
    ("leonp", "2023-06-02", "no-flag", "two years after Leon Price's case ended"),
    ("mbell_drums", "2023-03-02", "no-flag", "before Marcus Bell became a client"),
    ("dfair_daniel_fan", "2023-03-03", "no-flag", "a handle that starts like a client's"),
    ("grace", "2023-03-04", "no-flag", "the handle 'grace' is not grace_ok"),
]

# searches: the same accounts; a bare "grace" is the alias Grace, a word
# too, so it is flagged weak and says why
SEARCHES = [p for p in PEOPLE if p[0] != "grace"] + [
    ("grace", "2023-03-04", "flag",
     "the alias 'Grace' alone: a name that is also a word, so weak, saying why"),
    ("grace period phone contract", "2023-03-05", "no-flag", "'grace period'"),
]


def video(n):
    return "https://www.tiktokv.com/share/video/73240000%011d/" % n


def render(export, root):
    tree = os.path.join(root, "export")
    os.makedirs(tree, exist_ok=True)
    doc = {
        "Profile": {"Profile Info": {"ProfileMap": {
            "userName": ME, "displayName": "Sam C", "bioDescription": "Walks"}}},
        "Post": {"Posts": {"VideoList": [
            {"Date": "2023-03-14 12:%02d:%02d" % (n // 60, n % 60), "Link": video(n),
             "Likes": "3", "WhoCanView": "Followers", "Location": "N/A",
             "Title": t, "CoverImage": "N/A"} for n, t, *_ in TEXTS]}},
        "Comment": {"Comments": {"CommentsList": [
            {"date": "2023-03-15 12:%02d:%02d" % (n // 60, n % 60),
             "comment": t, "photo": "N/A", "url": ""} for n, t, *_ in TEXTS]}},
        "Direct Message": {"Direct Messages": {"ChatHistory": {
            "Chat History with %s:" % u: [
                {"Date": "%s 20:01:00" % d, "From": u, "Content": "hi!"},
                {"Date": "%s 20:05:00" % d, "From": ME, "Content": "hello"}]
            for u, d, *_ in PEOPLE}}},
        "Your Activity": {
            "Following": {"Following": [{"Date": "%s 19:45:02" % d, "UserName": u}
                                        for u, d, *_ in PEOPLE]},
            "Follower": {"FansList": []},
            "Searches": {"SearchList": [{"Date": "%s 19:55:00" % d, "SearchTerm": u}
                                        for u, d, *_ in SEARCHES]},
            "Like List": {"ItemFavoriteList": [
                {"date": "2023-03-01 12:00:00", "link": video(900)}]},
        },
    }
    with open(os.path.join(tree, "user_data_tiktok.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
    with open(os.path.join(root, "clients.csv"), "w", encoding="utf-8") as f:
        f.write(clients_csv(HANDLES))
    with open(os.path.join(root, "policy.json"), "w") as f:
        f.write('{"version": 1}')
    return tree


def items():
    out = []
    for n, text, rule, expect, why, cls in TEXTS:
        it = {"id": video(n), "rule": rule, "expect": expect, "why": why,
              "cls": cls}
        if rule == "client-mention" and cls == "common-word" and \
                expect == "flag":
            it.update(confidence="possible", evidence=["weak:"])
        out.append(it)
    for u, d, expect, why in PEOPLE:
        out.append({"id": u, "rule": "client-connection", "expect": expect,
                    "why": "follows " + why})
        out.append({"id": "tiktok:" + u, "rule": "client-message",
                    "expect": expect, "why": "chat with " + why})
    for i, (u, d, expect, why) in enumerate(SEARCHES):
        it = {"id": u, "src": ("user_data_tiktok.json", i),
              "rule": "client-search", "expect": expect,
              "why": "searched for " + why}
        if u == "grace":
            it.update(confidence="possible", evidence=["everyday word"])
        out.append(it)
    return out


EXPORTS = [
    {"name": "tiktok-main", "platform": "tiktok", "render": render,
     "args": ["--clients", "clients.csv", "--policy", "policy.json",
              "--since", "2023-01-01", "--until", "2023-12-31"],
     "items": items()},
]
