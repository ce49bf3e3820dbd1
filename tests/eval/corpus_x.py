"""The X / Twitter part of the evaluation corpus (see eval.py): made-up
exports in the shape of a 2022+ X archive (data/manifest.js, account.js,
tweets.js, following.js, follower.js, direct-messages.js,
direct-messages-group.js, saved-search.js, like.js; the shapes of
fixtures/twitter/layout-2022 and shared FORMATS.md), a client register and
a sensitive-sites file. Every person, account, id, number and place is
invented; the posts are our own words, written after the kinds of post
that regulators' fitness-to-practise hearings describe (a worker posting
about a "domestic violence case" that named nobody, comments about a
family's court hearing, service users named or shown on a personal
account, abusive posts about colleagues) and their everyday near misses.

Each item: id (the record id the finding carries), rule, expect ("flag" or
"no-flag"), why, and for the classes of issue 23 a `cls`. An item that
must come out weak says so with `confidence` and `evidence` words.
"""
import json
import os

from texts import TEXTS

SUBJECT_ID = "1200"
SUBJECT = "sam_caseworker"
MADE = "2024-01-10T09:00:00.000Z"

CLIENTS = """ref,names,handles,account_ids,active_from,active_to,former
C-101,Daniel Fairweather;Danny Fairweather,twitter:dfair_daniel,twitter:7001,2022-01-01,,no
C-102,Evelyn Marsh;Eve,twitter:evemarsh,twitter:7002,2021-05-01,,no
C-103,Priya Raman,twitter:priya_r,twitter:7003,2019-01-01,2020-03-31,yes
C-104,Tomasz Nowak,twitter:tnowak,twitter:7004,2016-01-01,2017-06-30,no
C-105,Chloé Durand,twitter:chloed,twitter:7005,2023-02-01,2023-11-30,no
C-106,Marcus Bell,twitter:mbell_drums,twitter:7006,2024-06-01,,no
C-107,Grace Okafor;Grace,twitter:grace_ok,twitter:7007,2022-09-01,,no
C-108,Leon Price,twitter:leonp,twitter:7008,2020-01-01,2021-01-31,no
"""

SITES = """name,kind,latitude,longitude,radius_m
Harbour Lane Refuge,refuge,51.5000,-0.1200,500
Northgate Children's Services,office,51.5200,-0.1000,200
Elm Street Clinic,clinic,51.4800,-0.1500,300
Client home (C-101),client-home,51.4600,-0.1800,100
"""

ARGS = ["--clients", "clients.csv", "--policy", "policy.json",
        "--since", "2023-01-01", "--until", "2023-12-31"]


def T(n):
    return "17%017d" % n


# --- the main export: posts, follows, messages, searches, replies ---

TWEETS = TEXTS

# replies: (n, text, reply to id, reply to handle, time, expect, why, cls)
REPLIES = [
    (81, "So glad the move went well!", "7001", "dfair_daniel", "2023-05-02T10:00:00Z",
     "flag", "a reply to a current client's post", "reply"),
    (82, "Congratulations, well deserved", None, "evemarsh", "2023-06-03T10:00:00Z",
     "flag", "a reply to a current client's post, known by handle only", "reply"),
    (83, "Good luck with the new job", "7005", "chloed", "2023-12-20T10:00:00Z",
     "flag", "a reply to a client within the grace period after their case closed", "reply"),
    (84, "That's lovely news", "7003", "priya_r", "2023-04-04T10:00:00Z",
     "flag", "a reply to a former client", "reply"),
    (85, "Looks delicious", "7007", "grace_ok", "2023-07-07T10:00:00Z",
     "flag", "a reply to a current client", "reply"),
    (91, "And another thing about the bus timetable", SUBJECT_ID, SUBJECT, "2023-05-02T10:05:00Z",
     "no-flag", "a reply to the worker's own post (a thread)", None),
    (92, "Ha, see you Saturday", "8001", "jamie_pals", "2023-05-03T10:00:00Z",
     "no-flag", "a reply to a friend", None),
    (93, "Happy birthday mate", "7008", "leonp", "2023-05-04T10:00:00Z",
     "no-flag", "Leon Price's case ended in 2021, well past the grace period, and he is not a former client the agency keeps flagged", None),
    (94, "Great gig last night", "7006", "mbell_drums", "2023-05-05T10:00:00Z",
     "no-flag", "Marcus Bell became a client only in 2024", None),
    (95, "Agreed, the new library is great", "8002", "riverside_lib", "2023-05-06T10:00:00Z",
     "no-flag", "a reply to the library", None),
]

# geotagged posts: (n, text, lat, lon, expect, why)
GEO = [
    (101, "Coffee stop", 51.5010, -0.1195, "flag", "a public geotag 120 m from a refuge"),
    (102, "Lunch", 51.5201, -0.1002, "flag", "a public geotag at the children's services office"),
    (103, "Waiting room again", 51.4805, -0.1498, "flag", "a public geotag at a clinic"),
    (104, "Nice street", 51.46005, -0.18003, "flag", "a public geotag at a client's home"),
    (105, "Sunset", 51.4990, -0.1210, "flag", "a public geotag 130 m from a refuge"),
    (111, "Park run", 51.5100, -0.1200, "no-flag", "1.1 km from the refuge"),
    (112, "Bakery", 51.5230, -0.1000, "no-flag", "330 m from the office, outside its 200 m"),
    (113, "Market day", 51.4700, -0.1500, "no-flag", "1.1 km from the clinic"),
    (114, "Corner shop", 51.4620, -0.1800, "no-flag", "220 m from the client's home, outside its 100 m"),
    (115, "Football", 53.4800, -2.2400, "no-flag", "another city"),
]

FOLLOWING = [
    ("7001", "flag", "follows a current client", None, None),
    ("7003", "flag", "follows a former client (the agency keeps former clients flagged)", None, None),
    ("7005", "flag", "mutual with a client whose case closed within the grace period", None, None),
    ("7004", "flag", "follows Tomasz Nowak, whose case ended in 2017: the follow has no date, so it is flagged as weak and says why", "undated-ended",
     {"confidence": "possible", "evidence": ["ended on 2017-06-30", "grace period could not be applied"]}),
    ("8001", "no-flag", "a friend", None, None),
    ("8002", "no-flag", "the library", None, None),
    ("70010", "no-flag", "an account whose id starts like a client's", None, None),
    ("7006", "no-flag", "Marcus Bell became a client only after the export was made", None, None),
]
FOLLOWERS = [
    ("7002", "flag", "a current client follows the account", None, None),
    ("7005", None, None, None, None),
    ("7007", "flag", "a current client follows the account", None, None),
    ("8003", "no-flag", "a neighbour", None, None),
    ("8004", "no-flag", "a colleague", None, None),
]

# conversations: (id, participants other than the subject, [(from, text,
# time)], expect, why)
DMS = [
    ("1200-7001", ["7001"], [("7001", "Are you still my worker?", "2023-04-02T09:00:00Z"),
                             (SUBJECT_ID, "Yes, call the office on Monday", "2023-04-02T09:10:00Z")],
     "flag", "messages with a current client"),
    ("1200-7002", ["7002"], [(SUBJECT_ID, "Happy birthday!", "2023-08-12T18:00:00Z")],
     "flag", "a message to a current client"),
    ("1200-7003", ["7003"], [("7003", "Thank you for everything back then", "2023-08-20T18:00:00Z")],
     "flag", "a former client writes"),
    ("1200-7007", ["7007"], [("7007", "See you at the school gate", "2023-09-01T08:00:00Z")],
     "flag", "messages with a current client"),
    ("g-quiz", ["8001", "7005"], [("8001", "Quiz night Friday?", "2023-06-01T19:00:00Z"),
                                  ("7005", "Count me in", "2023-06-01T19:05:00Z")],
     "flag", "a group conversation that includes a client"),
    ("1200-8001", ["8001"], [("8001", "Pub?", "2023-03-01T19:00:00Z")],
     "no-flag", "a friend"),
    ("1200-7008", ["7008"], [("7008", "Long time no see", "2023-05-01T19:00:00Z")],
     "no-flag", "Leon Price's case ended in 2021, past the grace period; not a former client the agency keeps flagged"),
    ("1200-7006", ["7006"], [("7006", "Thanks for coming to the gig", "2023-03-03T23:00:00Z")],
     "no-flag", "Marcus Bell became a client only in 2024"),
    ("g-book", ["8001", "8002"], [("8002", "Book club moved to Thursday", "2023-02-02T12:00:00Z")],
     "no-flag", "a group of friends"),
    ("1200-70010", ["70010"], [("70010", "Is this the right number?", "2023-02-03T12:00:00Z")],
     "no-flag", "an account whose id starts like a client's"),
]

SEARCHES = [
    (1, "daniel fairweather", "flag", "a search for a client", None, None),
    (2, "fairweather daniel", "flag", "a client's name surname first", "order", None),
    (3, "Fairweather, Daniel", "flag", "a client's name surname first, with a comma", "order", None),
    (4, "@dfair_daniel", "flag", "a client's handle", None, None),
    (5, "Evelyn Marsh", "flag", "a client's name", None, None),
    (6, "chloé durand", "flag", "a client's name", None, None),
    (7, "tomasz nowak", "flag", "a client whose case ended in 2017: the saved search has no date, so it is weak and says why", "undated-ended",
     {"confidence": "possible", "evidence": ["ended on 2017-06-30"]}),
    (11, "fair weather forecast", "no-flag", "the weather", None, None),
    (12, "community garden", "no-flag", "a hobby", None, None),
    (13, "daniel craig", "no-flag", "an actor, not a client", None, None),
    (14, "evening classes", "no-flag", "'evening' is not Eve", None, None),
    (15, "#knitting", "no-flag", "a hobby", None, None),
    (16, "grace period mortgage", "no-flag", "'grace period', not the alias Grace", "common-word", None),
]

LIKES = ["Bake sale on Saturday", "The footpath by the mill is open again"]


def ytd(name, items):
    return "window.YTD.%s.part0 = %s" % (name, json.dumps(items, indent=1,
                                                           ensure_ascii=False))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def x_time(iso):
    """2023-05-02T10:00:00Z -> Tue May 02 10:00:00 +0000 2023"""
    import datetime
    d = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    return d.strftime("%a %b %d %H:%M:%S +0000 %Y")


def tweet(n, text, when="2023-03-14T12:00:00Z", reply=None, geo=None):
    t = {"id_str": T(n), "id": T(n), "created_at": x_time(when),
         "full_text": text, "lang": "en", "retweeted": False,
         "favorite_count": "0", "retweet_count": "0", "truncated": False,
         "display_text_range": ["0", str(len(text))],
         "entities": {"hashtags": [], "symbols": [], "user_mentions": [],
                      "urls": []}}
    if reply:
        rid, handle = reply
        t["in_reply_to_status_id_str"] = T(900 + n)
        t["in_reply_to_status_id"] = T(900 + n)
        if rid:
            t["in_reply_to_user_id_str"] = rid
            t["in_reply_to_user_id"] = rid
        t["in_reply_to_screen_name"] = handle
    if geo:
        lat, lon = geo
        t["coordinates"] = {"type": "Point",
                            "coordinates": [str(lon), str(lat)]}
        t["geo"] = {"type": "Point", "coordinates": [str(lat), str(lon)]}
    return {"tweet": t}


def manifest(files, with_manifest=True):
    def entry(name, fname, count):
        return {"files": [{"fileName": "data/%s.js" % fname,
                           "globalName": "YTD.%s.part0" % name,
                           "count": str(count)}]}
    return "window.__THAR_CONFIG = " + json.dumps({
        "userInfo": {"accountId": SUBJECT_ID, "userName": SUBJECT,
                     "displayName": "Sam Caseworker"},
        "archiveInfo": {"sizeBytes": "1048576", "generationDate": MADE,
                        "isPartialArchive": False,
                        "maxPartSizeBytes": "53687091200"},
        "dataTypes": {k: entry(k2, f, c) for k, k2, f, c in files},
    }, indent=1)


def account_js():
    return ytd("account", [{"account": {
        "email": "sam.caseworker@example.org", "createdVia": "web",
        "username": SUBJECT, "accountId": SUBJECT_ID,
        "createdAt": "2015-03-02T10:00:00.000Z",
        "accountDisplayName": "Sam Caseworker"}}])


def render_main(export, root):
    tree = os.path.join(root, "export")
    d = os.path.join(tree, "data")
    tweets = [tweet(n, text) for n, text, *_ in TWEETS]
    tweets += [tweet(n, text, when, reply=(rid, h))
               for n, text, rid, h, when, *_ in REPLIES]
    tweets += [tweet(n, text, geo=(lat, lon))
               for n, text, lat, lon, *_ in GEO]
    following = [{"following": {"accountId": a, "userLink":
                  "https://twitter.com/intent/user?user_id=%s" % a}}
                 for a, *_ in FOLLOWING]
    followers = [{"follower": {"accountId": a, "userLink":
                  "https://twitter.com/intent/user?user_id=%s" % a}}
                 for a, *_ in FOLLOWERS]
    one, group = [], []
    for conv, people, msgs, *_ in DMS:
        out = []
        for sender, text, when in msgs:
            rec = {"messageCreate": {
                "reactions": [], "urls": [], "text": text, "mediaUrls": [],
                "senderId": sender, "id": "m-%s-%d" % (conv, len(out)),
                "createdAt": when.replace("Z", ".000Z")}}
            if len(people) == 1:
                rec["messageCreate"]["recipientId"] = (
                    people[0] if sender == SUBJECT_ID else SUBJECT_ID)
            out.append(rec)
        entry = {"dmConversation": {"conversationId": conv,
                                    "messages": out}}
        (one if len(people) == 1 else group).append(entry)
    searches = [{"savedSearch": {"savedSearchId": "s%d" % n, "query": q}}
                for n, q, *_ in SEARCHES]
    likes = [{"like": {"tweetId": T(500 + i), "fullText": t,
                       "expandedUrl": "https://twitter.com/i/web/status/%s"
                       % T(500 + i)}} for i, t in enumerate(LIKES)]
    write(os.path.join(d, "account.js"), account_js())
    write(os.path.join(d, "tweets.js"), ytd("tweets", tweets))
    write(os.path.join(d, "following.js"), ytd("following", following))
    write(os.path.join(d, "follower.js"), ytd("follower", followers))
    write(os.path.join(d, "direct-messages.js"), ytd("direct_messages", one))
    write(os.path.join(d, "direct-messages-group.js"),
          ytd("direct_messages_group", group))
    write(os.path.join(d, "saved-search.js"), ytd("saved_search", searches))
    write(os.path.join(d, "like.js"), ytd("like", likes))
    write(os.path.join(d, "manifest.js"), manifest([
        ("account", "account", "account", 1),
        ("tweets", "tweets", "tweets", len(tweets)),
        ("following", "following", "following", len(following)),
        ("follower", "follower", "follower", len(followers)),
        ("directMessages", "direct_messages", "direct-messages", len(one)),
        ("directMessagesGroup", "direct_messages_group",
         "direct-messages-group", len(group)),
        ("savedSearch", "saved_search", "saved-search", len(searches)),
        ("like", "like", "like", len(likes))]))
    write(os.path.join(root, "clients.csv"), CLIENTS)
    write(os.path.join(root, "sites.csv"), SITES)
    write(os.path.join(root, "policy.json"), json.dumps(
        {"version": 1, "sites_file": "sites.csv"}))
    return tree


def main_items():
    items = []
    for n, text, rule, expect, why, cls in TWEETS:
        items.append({"id": T(n), "rule": rule, "expect": expect,
                      "why": why, "cls": cls, "text": text})
        if rule == "client-mention" and cls == "common-word" and \
                expect == "flag":
            items[-1].update(confidence="possible", evidence=["weak:"])
    for n, text, rid, h, when, expect, why, cls in REPLIES:
        items.append({"id": T(n), "rule": "client-engagement",
                      "expect": expect, "why": why, "cls": cls})
    for n, text, lat, lon, expect, why in GEO:
        items.append({"id": T(n), "rule": "geo-sensitive-site",
                      "expect": expect, "why": why})
    seen = set()
    for a, expect, why, cls, extra in FOLLOWING + FOLLOWERS:
        if not expect or a in seen:
            continue
        seen.add(a)
        it = {"id": a, "rule": "client-connection", "expect": expect,
              "why": why, "cls": cls}
        it.update(extra or {})
        items.append(it)
    for conv, people, msgs, expect, why in DMS:
        items.append({"id": conv, "rule": "client-message",
                      "expect": expect, "why": why})
    for n, q, expect, why, cls, extra in SEARCHES:
        it = {"id": "s%d" % n, "rule": "client-search", "expect": expect,
              "why": why, "cls": cls}
        it.update(extra or {})
        items.append(it)
    # coverage: what this export cannot show, and what it can
    items += [
        {"id": "gap-likes", "rule": "coverage-gap", "expect": "flag",
         "gap": "like", "cls": "likes-owner",
         "why": "X likes name no owner: say they could not be checked against clients"},
        {"id": "gap-searches", "rule": "coverage-gap", "expect": "flag",
         "gap": "saved searches only",
         "why": "X exports saved searches, not search history"},
        {"id": "gap-manifest", "rule": "coverage-gap", "expect": "no-flag",
         "gap": "no data/manifest.js",
         "why": "the manifest is there"},
        {"id": "gap-follows", "rule": "coverage-gap", "expect": "no-flag",
         "gap": "holds no follow lists",
         "why": "the follow lists are there"},
        {"id": "gap-pattern", "rule": "coverage-gap", "expect": "no-flag",
         "gap": "no case-number pattern",
         "why": "the built-in policy has a case-number pattern"},
    ]
    return items


# --- a bare export: posts only, no manifest, no likes; and the agency's
# policy without a case-number pattern ---

def render_bare(export, root):
    tree = os.path.join(root, "export")
    d = os.path.join(tree, "data")
    write(os.path.join(d, "account.js"), account_js())
    write(os.path.join(d, "tweets.js"), ytd("tweets", [
        tweet(201, "Finally closed AB-2023-04417, what a year")]))
    # no manifest, so no date of the export's own: the latest post only
    # says it was made after March 2023, not before Marcus Bell (2024)
    write(os.path.join(d, "following.js"), ytd("following", [
        {"following": {"accountId": "7006", "userLink":
                       "https://twitter.com/intent/user?user_id=7006"}}]))
    write(os.path.join(root, "clients.csv"), CLIENTS)
    write(os.path.join(root, "policy.json"), json.dumps(
        {"version": 1, "case_number_patterns": []}))
    return tree


BARE_ITEMS = [
    {"id": "7006", "rule": "client-connection", "expect": "flag",
     "cls": "undated-ended", "confidence": "possible",
     "evidence": ["began on 2024-06-01"],
     "why": "Marcus Bell became a client in 2024; the follow has no date and the "
            "export no date of its own (no manifest), so it may date from his "
            "time as a client: flagged weak, saying why, never dropped"},
    {"id": "bare-manifest", "rule": "coverage-gap", "expect": "flag",
     "gap": "no data/manifest.js",
     "why": "without the manifest nobody can tell whether files are missing"},
    {"id": "bare-pattern", "rule": "coverage-gap", "expect": "flag",
     "gap": "no case-number pattern", "cls": "case-number",
     "why": "the agency's policy sets no case-number pattern: say so"},
    {"id": "bare-likes", "rule": "coverage-gap", "expect": "no-flag",
     "gap": "like", "why": "no likes in this export"},
    {"id": "bare-unread", "rule": "coverage-gap", "expect": "no-flag",
     "gap": "could not be fully used", "why": "every member was read"},
]

def render_posts_only(export, root):
    tree = os.path.join(root, "export")
    d = os.path.join(tree, "data")
    write(os.path.join(d, "account.js"), account_js())
    write(os.path.join(d, "tweets.js"), ytd("tweets", [
        tweet(202, "Lovely walk by the canal")]))
    write(os.path.join(d, "manifest.js"), manifest([
        ("account", "account", "account", 1),
        ("tweets", "tweets", "tweets", 1)]))
    write(os.path.join(root, "clients.csv"), CLIENTS)
    return tree


EXPORTS = [
    {"name": "x-posts-only", "platform": "twitter",
     "render": render_posts_only, "args": ["--clients", "clients.csv"],
     "items": [{"id": "posts-only-follows", "rule": "coverage-gap",
                "expect": "flag", "gap": "holds no follow lists",
                "why": "no follow lists: connections cannot be checked"}]},
    {"name": "x-main", "platform": "twitter", "render": render_main,
     "args": ARGS, "items": main_items()},
    {"name": "x-bare", "platform": "twitter", "render": render_bare,
     "args": ["--clients", "clients.csv", "--policy", "policy.json",
              "--since", "2023-01-01", "--until", "2023-12-31"],
     "items": BARE_ITEMS},
]
