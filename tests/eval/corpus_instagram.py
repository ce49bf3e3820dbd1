"""The Instagram and Threads parts of the evaluation corpus (see eval.py):
made-up Instagram "Download your information" exports in the Accounts
Center layout of late 2023+ (connections/followers_and_following/,
your_instagram_activity/{content,comments,likes,messages,threads}/,
logged_information/recent_searches/, personal_information/; the shapes of
fixtures/instagram/accounts-center-2024 and shared FORMATS.md), with
Meta's Latin-1 mojibake. Threads has no export of its own: its records
come in the Instagram archive under your_instagram_activity/threads/, so
the Threads part is an Instagram archive holding only that folder. Posts
carry the shared labelled texts (texts.py) and the shared geotags (EXIF).
Every account is invented.
"""
import datetime
import json
import os

from texts import TEXTS, GEO, SITES, clients_csv
from corpus_facebook import meta

ACT = "your_instagram_activity/"
HANDLES = {"C-101": "instagram:dfair.daniel", "C-102": "instagram:evemarsh",
           "C-103": "instagram:priya.r", "C-104": "instagram:tnowak",
           "C-105": "instagram:chloe.d", "C-106": "instagram:mbell.drums",
           "C-107": "instagram:grace.ok", "C-108": "instagram:leonp"}


def ts(iso):
    return int(datetime.datetime.strptime(iso, "%Y-%m-%d").replace(
        tzinfo=datetime.timezone.utc).timestamp())


# accounts: (handle, day, expect, why), used for follows and likes
PEOPLE = [
    ("dfair.daniel", "2023-02-10", "flag", "a current client"),
    ("evemarsh", "2023-03-01", "flag", "a current client"),
    ("grace.ok", "2023-04-01", "flag", "a current client"),
    ("priya.r", "2023-05-01", "flag", "a former client the agency keeps flagged"),
    ("chloe.d", "2023-06-01", "flag", "a client during her case"),
    ("lan.tran.example", "2023-02-11", "no-flag", "a friend"),
    ("leonp", "2023-06-02", "no-flag", "two years after Leon Price's case ended"),
    ("mbell.drums", "2023-03-02", "no-flag", "before Marcus Bell became a client"),
    ("dfair.daniel.bakes", "2023-03-03", "no-flag", "an account whose handle starts like a client's"),
    ("grace", "2023-03-04", "no-flag", "the handle 'grace' is not grace.ok"),
]

SEARCHES = [
    ("user", "dfair.daniel", "2023-02-01", "flag", "a client's handle"),
    ("user", "grace.ok", "2023-02-02", "flag", "a client's handle"),
    ("keyword", "daniel fairweather", "2023-02-03", "flag", "a client's name"),
    ("keyword", "fairweather daniel", "2023-02-04", "flag", "surname first"),
    ("keyword", "Priya Raman", "2023-02-05", "flag", "a former client"),
    ("user", "lan.tran.example", "2023-02-06", "no-flag", "a friend"),
    ("user", "mbell.drums", "2023-02-07", "no-flag", "before Marcus Bell became a client"),
    ("keyword", "fair weather forecast", "2023-02-08", "no-flag", "the weather"),
    ("keyword", "amazing grace lyrics", "2023-02-09", "no-flag", "the hymn, not the alias Grace"),
    ("keyword", "leon price", "2023-02-10", "no-flag", "two years after Leon Price's case ended"),
]

THREADS = [
    ("dfairdaniel_1784", "Daniel Fairweather", "2023-05-01", "flag", "messages with a current client"),
    ("evemarsh_1785", "Evelyn Marsh", "2023-05-02", "flag", "messages with a current client"),
    ("graceok_1786", "Grace Okafor", "2023-05-03", "flag", "messages with a current client"),
    ("priyar_1787", "Priya Raman", "2023-05-04", "flag", "a former client"),
    ("chloed_1788", "Chloé Durand", "2023-05-05", "flag", "a client during her case"),
    ("lantran_1789", "Lan Tran", "2023-05-06", "no-flag", "a friend"),
    ("leonp_1790", "Leon Price", "2023-05-07", "no-flag", "two years after Leon Price's case ended"),
    ("mbell_1791", "Marcus Bell", "2023-05-08", "no-flag", "before Marcus Bell became a client"),
    ("gracekelly_1792", "Grace Kelly", "2023-05-09", "no-flag", "another Grace"),
    ("danielcraig_1793", "Daniel Craig", "2023-05-10", "no-flag", "another Daniel"),
]


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(meta(obj), f, indent=1)


def sld(handle, day, href=None):
    return [{"href": href or "https://www.instagram.com/" + handle,
             "value": handle, "timestamp": ts(day)}]


def post(n, text, geo=None):
    m = {"uri": "media/posts/202303/%d_n.jpg" % n,
         "creation_timestamp": ts("2023-03-14") + n, "title": text}
    if geo:
        m["media_metadata"] = {"photo_metadata": {"exif_data": [
            {"latitude": geo[0], "longitude": geo[1]}]}}
    return {"media": [m]}


def common_files(tree, root):
    write(os.path.join(tree, "personal_information/personal_information/"
                       "personal_information.json"), {"profile_user": [{
                           "title": "User Information", "media_map_data": {},
                           "string_map_data": {
                               "Username": {"href": "", "value": "sam.caseworker", "timestamp": 0},
                               "Name": {"href": "", "value": "Sam Caseworker", "timestamp": 0}}}]})
    with open(os.path.join(root, "clients.csv"), "w", encoding="utf-8") as f:
        f.write(clients_csv(HANDLES))
    with open(os.path.join(root, "sites.csv"), "w", encoding="utf-8") as f:
        f.write(SITES)
    with open(os.path.join(root, "policy.json"), "w") as f:
        json.dump({"version": 1, "sites_file": "sites.csv"}, f)


def render_instagram(export, root):
    tree = os.path.join(root, "export")
    posts = [post(n, t) for n, t, *_ in TEXTS]
    posts += [post(n, "Out and about", (lat, lon)) for n, lat, lon, *_ in GEO]
    write(os.path.join(tree, ACT + "content/posts_1.json"), posts)
    write(os.path.join(tree, "connections/followers_and_following/following.json"),
          {"relationships_following": [{"title": "", "string_list_data": sld(h, d)}
                                       for h, d, *_ in PEOPLE]})
    write(os.path.join(tree, ACT + "likes/liked_posts.json"),
          {"likes_media_likes": [{"title": h, "string_list_data": sld(
              h, d, "https://www.instagram.com/p/C%s/" % h.replace(".", ""))}
              for h, d, *_ in PEOPLE]})
    write(os.path.join(tree, ACT + "comments/post_comments_1.json"),
          [{"string_map_data": {"Comment": {"value": "Lovely!"},
                                "Media Owner": {"value": h},
                                "Time": {"timestamp": ts(d)}}}
           for h, d, *_ in PEOPLE])
    users = [s for s in SEARCHES if s[0] == "user"]
    words = [s for s in SEARCHES if s[0] == "keyword"]

    def srch(q, d):
        return {"title": "", "media_list_data": [], "string_map_data": {
            "Search": {"href": "", "value": q, "timestamp": 0},
            "Time": {"href": "", "value": "", "timestamp": ts(d)}}}
    write(os.path.join(tree, "logged_information/recent_searches/account_searches.json"),
          {"searches_user": [srch(q, d) for _, q, d, *_ in users]})
    write(os.path.join(tree, "logged_information/recent_searches/word_or_phrase_searches.json"),
          {"searches_keyword": [srch(q, d) for _, q, d, *_ in words]})
    for folder, other, d, *_ in THREADS:
        t = ts(d) * 1000
        write(os.path.join(tree, ACT + "messages/inbox", folder, "message_1.json"), {
            "participants": [{"name": other}, {"name": "Sam Caseworker"}],
            "messages": [{"sender_name": other, "timestamp_ms": t + 60000, "content": "Thanks!"},
                         {"sender_name": "Sam Caseworker", "timestamp_ms": t, "content": "See you soon"}],
            "title": other, "is_still_participant": True,
            "thread_path": "inbox/" + folder, "magic_words": []})
    common_files(tree, root)
    return tree


def render_threads(export, root):
    tree = os.path.join(root, "export")
    th = ACT + "threads/"
    write(os.path.join(tree, th + "threads_and_replies.json"),
          {"text_post_app_text_posts": [
              {"media": [{"uri": "", "creation_timestamp": ts("2023-03-14") + n,
                          "title": t, "text_app_post": {"reply_control": "everyone",
                                                        "is_reply": False}}]}
              for n, t, *_ in TEXTS]})
    write(os.path.join(tree, th + "following.json"),
          {"text_post_app_text_post_app_following": [
              {"title": "", "string_list_data": sld(h, d)} for h, d, *_ in PEOPLE]})
    write(os.path.join(tree, th + "liked_threads.json"),
          {"text_post_app_media_likes": [{"title": h, "string_list_data": sld(
              h, d, "https://www.threads.net/@%s/post/C%d" % (h, i))}
              for i, (h, d, *_) in enumerate(PEOPLE)]})
    common_files(tree, root)
    return tree


def text_items(member):
    out = []
    for i, (n, text, rule, expect, why, cls) in enumerate(TEXTS):
        it = {"id": n, "src": (member, i), "rule": rule, "expect": expect,
              "why": why, "cls": cls}
        if rule == "client-mention" and cls == "common-word" and \
                expect == "flag":
            it.update(confidence="possible", evidence=["weak:"])
        out.append(it)
    return out


def people_items(rule, member, what):
    return [{"id": h, "src": (member, i), "rule": rule, "expect": e,
             "why": "%s %s" % (what, why)}
            for i, (h, d, e, why) in enumerate(PEOPLE)]


def instagram_items():
    posts = ACT + "content/posts_1.json"
    out = text_items(posts)
    for j, (n, lat, lon, expect, why) in enumerate(GEO):
        out.append({"id": "geo%d" % n, "src": (posts, len(TEXTS) + j),
                    "rule": "geo-sensitive-site", "expect": expect,
                    "why": "a post's EXIF position " + why})
    out += people_items("client-connection",
                        "connections/followers_and_following/following.json",
                        "follows")
    # likes and comments: both client-engagement; found by member
    out += people_items("client-engagement", ACT + "likes/liked_posts.json",
                        "liked a post of")
    out += people_items("client-engagement", ACT + "comments/post_comments_1.json",
                        "commented on a post of")
    ui = wi = 0
    for kind, q, d, expect, why in SEARCHES:
        if kind == "user":
            src, ui = ("logged_information/recent_searches/account_searches.json", ui), ui + 1
        else:
            src, wi = ("logged_information/recent_searches/word_or_phrase_searches.json", wi), wi + 1
        out.append({"id": q, "src": src, "rule": "client-search",
                    "expect": expect, "why": why})
    for folder, other, d, expect, why in THREADS:
        it = {"id": "inbox/" + folder, "rule": "client-message",
              "expect": expect, "why": why}
        if expect == "flag":
            it.update(confidence="possible", evidence=["display name only"])
        out.append(it)
    return out


def threads_items():
    th = ACT + "threads/"
    out = text_items(th + "threads_and_replies.json")
    out += people_items("client-connection", th + "following.json", "follows on Threads")
    out += people_items("client-engagement", th + "liked_threads.json",
                        "liked a Threads post of")
    return out


ARGS = ["--clients", "clients.csv", "--policy", "policy.json",
        "--since", "2023-01-01", "--until", "2023-12-31"]
EXPORTS = [
    {"name": "instagram-main", "platform": "instagram",
     "render": render_instagram, "args": ARGS, "items": instagram_items()},
    {"name": "threads-main", "platform": "threads",
     "render": render_threads, "args": ARGS, "items": threads_items()},
]
