"""The Mastodon part of the evaluation corpus (see eval.py): a made-up
account archive in the shape Mastodon's "Request your archive" gives
(actor.json, outbox.json as an ActivityStreams OrderedCollection of Create
and Announce activities, likes.json) with the separate follows download
following_accounts.csv; the shapes of fixtures/mastodon/ and shared
FORMATS.md. Public notes carry the shared labelled texts (texts.py); direct
notes addressed to an account are messages; replies (inReplyTo) and likes
name the author of the post in its URL. Every account and post is invented.
"""
import json
import os

from texts import TEXTS, TEXT_WHEN, clients_csv

HOST = "social.example"
ME = "https://%s/users/sam" % HOST
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"

# the clients' accounts on other servers
HANDLES = {
    "C-101": "mastodon:dfair@town.example",
    "C-102": "mastodon:evemarsh@social.example",
    "C-103": "mastodon:priya@river.example",
    "C-104": "mastodon:tnowak@town.example",
    "C-105": "mastodon:chloed@social.example",
    "C-106": "mastodon:mbell@drums.example",
    "C-107": "mastodon:grace_ok@town.example",
    "C-108": "mastodon:leonp@town.example",
}


def acct_url(handle):
    user, host = handle.split("@")
    return "https://%s/users/%s" % (host, user)


def status_id(n):
    return "https://%s/users/sam/statuses/1112%012d" % (HOST, n)


def note(n, text, when, to, cc, conversation=None):
    obj = {"id": status_id(n), "type": "Note", "summary": None,
           "inReplyTo": None, "published": when, "attributedTo": ME,
           "to": to, "cc": cc, "sensitive": False,
           "content": "<p>%s</p>" % (text.replace("&", "&amp;")
                                     .replace("<", "&lt;")),
           "attachment": [], "tag": []}
    if conversation:
        obj["conversation"] = conversation
    return {"id": status_id(n) + "/activity", "type": "Create",
            "actor": ME, "published": when, "to": to, "cc": cc,
            "object": obj}


# direct notes: (n, to handle, text, time, expect, why)
DIRECT = [
    (301, "dfair@town.example", "Can we move Tuesday to 2pm?", "2023-04-02T09:10:00Z",
     "flag", "a direct message to a current client"),
    (302, "evemarsh@social.example", "Happy birthday!", "2023-08-12T18:00:00Z",
     "flag", "a direct message to a current client"),
    (303, "priya@river.example", "Lovely to hear from you", "2023-08-20T18:00:00Z",
     "flag", "a direct message to a former client the agency keeps flagged"),
    (304, "grace_ok@town.example", "See you at the school gate", "2023-09-01T08:00:00Z",
     "flag", "a direct message to a current client"),
    (305, "chloed@social.example", "Good luck with the move", "2023-12-10T08:00:00Z",
     "flag", "a client within the grace period after the case closed"),
    (311, "jamie@pals.example", "Pub?", "2023-03-01T19:00:00Z",
     "no-flag", "a friend"),
    (312, "leonp@town.example", "Long time no see", "2023-05-01T19:00:00Z",
     "no-flag", "Leon Price's case ended in 2021, past the grace period"),
    (313, "mbell@drums.example", "Great gig", "2023-03-03T23:00:00Z",
     "no-flag", "Marcus Bell became a client only in 2024"),
    (314, "dfair@elsewhere.example", "Is this the right account?", "2023-02-03T12:00:00Z",
     "no-flag", "the same user name as a client on another server: another person"),
    (315, "library@town.example", "Is the book in?", "2023-02-04T12:00:00Z",
     "no-flag", "the library"),
]

# public replies: (n, to handle, text, time, expect, why)
REPLIES = [
    (401, "dfair@town.example", "So glad the move went well!", "2023-05-02T10:00:00Z",
     "flag", "a reply to a current client's post"),
    (402, "evemarsh@social.example", "Congratulations!", "2023-06-03T10:00:00Z",
     "flag", "a reply to a current client's post"),
    (403, "grace_ok@town.example", "Looks delicious", "2023-07-07T10:00:00Z",
     "flag", "a reply to a current client's post"),
    (404, "priya@river.example", "That's lovely news", "2023-04-04T10:00:00Z",
     "flag", "a reply to a former client the agency keeps flagged"),
    (405, "chloed@social.example", "Good luck with the new job", "2023-12-20T10:00:00Z",
     "flag", "a reply within the grace period after the case closed"),
    (411, "sam@social.example", "And another thing about the buses", "2023-05-02T10:05:00Z",
     "no-flag", "a reply to the worker's own post (a thread)"),
    (412, "jamie@pals.example", "See you Saturday", "2023-05-03T10:00:00Z",
     "no-flag", "a reply to a friend"),
    (413, "leonp@town.example", "Happy birthday", "2023-05-04T10:00:00Z",
     "no-flag", "Leon Price's case ended in 2021, past the grace period"),
    (414, "mbell@drums.example", "Great gig", "2023-03-05T10:00:00Z",
     "no-flag", "Marcus Bell became a client only in 2024"),
    (415, "dfair@elsewhere.example", "Agreed", "2023-05-06T10:00:00Z",
     "no-flag", "another server's dfair: another person"),
]

# likes: (owner handle, n, expect, why)
LIKES = [
    ("dfair@town.example", 1, "flag", "a current client's post"),
    ("evemarsh@social.example", 2, "flag", "a current client's post"),
    ("grace_ok@town.example", 3, "flag", "a current client's post"),
    ("priya@river.example", 4, "flag", "a former client's post"),
    ("chloed@social.example", 5, "flag", "a recent client's post"),
    ("jamie@pals.example", 11, "no-flag", "a friend's post"),
    ("library@town.example", 12, "no-flag", "the library's post"),
    ("dfair@elsewhere.example", 13, "no-flag", "another server's dfair: another person"),
    ("mbell@drums.example", 14, "flag",
     "Marcus Bell became a client in 2024, after the review period; likes carry no date and the archive does not say when it was made, so weak, saying why"),
    ("grace@town.example", 16, "no-flag", "another 'grace' account, not grace_ok"),
    ("council@town.example", 15, "no-flag", "the council's post"),
]

# following_accounts.csv: (handle, expect, why, extra)
FOLLOWING = [
    ("dfair@town.example", "flag", "follows a current client", None),
    ("evemarsh@social.example", "flag", "follows a current client", None),
    ("grace_ok@town.example", "flag", "follows a current client", None),
    ("priya@river.example", "flag", "follows a former client the agency keeps flagged", None),
    ("tnowak@town.example", "flag",
     "follows a client whose case ended in 2017: the list has no dates, so weak, saying why",
     {"confidence": "possible", "evidence": ["ended on 2017-06-30"]}),
    ("jamie@pals.example", "no-flag", "a friend", None),
    ("library@town.example", "no-flag", "the library", None),
    ("dfair@elsewhere.example", "no-flag", "another server's dfair", None),
    ("mbell@drums.example", "flag",
     "Marcus Bell became a client in 2024: the list has no dates and the archive no date of its own, so weak, saying why",
     {"confidence": "possible", "evidence": ["began on 2024-06-01"]}),
    ("grace@town.example", "no-flag", "another 'grace' account, not grace_ok", None),
    ("council@town.example", "no-flag", "the council", None),
]


def liked_url(handle, n):
    user, host = handle.split("@")
    return "https://%s/users/%s/statuses/1110%012d" % (host, user, n)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def render(export, root):
    tree = os.path.join(root, "export")
    items = []
    for n, text, *_ in TEXTS:
        items.append(note(n, text, TEXT_WHEN, [PUBLIC], [ME + "/followers"]))
    for n, to, text, when, *_ in REPLIES:
        user, host = to.split("@")
        rep = note(n, text, when, [PUBLIC], [ME + "/followers"])
        rep["object"]["inReplyTo"] = "https://%s/users/%s/statuses/1119%012d" % (
            host, user, n)
        items.append(rep)
    for n, to, text, when, *_ in DIRECT:
        items.append(note(n, text, when, [acct_url(to)], [],
                          "tag:%s,2023:objectId=%d:objectType=Conversation"
                          % (HOST, n)))
    write(os.path.join(tree, "outbox.json"), json.dumps({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "outbox.json", "type": "OrderedCollection",
        "totalItems": len(items), "orderedItems": items}, indent=1))
    write(os.path.join(tree, "likes.json"), json.dumps({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "likes.json", "type": "OrderedCollection",
        "orderedItems": [liked_url(h, n) for h, n, *_ in LIKES]}, indent=1))
    write(os.path.join(tree, "actor.json"), json.dumps({
        "@context": ["https://www.w3.org/ns/activitystreams"],
        "id": ME, "type": "Person", "preferredUsername": "sam",
        "name": "Sam Caseworker", "summary": "<p>Gardener.</p>",
        "url": "https://%s/@sam" % HOST, "outbox": "outbox.json",
        "manuallyApprovesFollowers": False, "discoverable": True,
        "published": "2019-11-05T00:00:00Z", "likes": "likes.json"},
        indent=1))
    write(os.path.join(tree, "following_accounts.csv"),
          "Account address,Show boosts,Notify on new posts,Languages\n" +
          "".join("%s,true,false,\n" % h for h, *_ in FOLLOWING))
    write(os.path.join(root, "clients.csv"), clients_csv(HANDLES))
    write(os.path.join(root, "policy.json"), json.dumps({"version": 1}))
    return tree


def items():
    out = []
    for n, text, rule, expect, why, cls in TEXTS:
        it = {"id": status_id(n), "rule": rule, "expect": expect,
              "why": why, "cls": cls}
        if rule == "client-mention" and cls == "common-word" and \
                expect == "flag":
            it.update(confidence="possible", evidence=["weak:"])
        out.append(it)
    for n, to, text, when, expect, why in DIRECT:
        out.append({"id": "tag:%s,2023:objectId=%d:objectType=Conversation"
                    % (HOST, n), "rule": "client-message",
                    "expect": expect, "why": why})
    for n, to, text, when, expect, why in REPLIES:
        out.append({"id": status_id(n), "rule": "client-engagement",
                    "expect": expect, "why": why, "cls": "reply"})
    for h, n, expect, why in LIKES:
        it = {"id": liked_url(h, n), "rule": "client-engagement",
              "expect": expect, "why": why}
        if h.startswith("mbell@"):
            it.update(confidence="possible", evidence=["began on 2024-06-01"])
        out.append(it)
    for i, (h, expect, why, extra) in enumerate(FOLLOWING):
        it = {"src": ("following_accounts.csv", i), "id": h,
              "rule": "client-connection", "expect": expect, "why": why}
        it.update(extra or {})
        out.append(it)
    out += [
        {"id": "gap-received", "rule": "coverage-gap", "expect": "flag",
         "gap": "holds only what the person sent",
         "why": "messages received are not in a Mastodon archive"},
        {"id": "gap-followers", "rule": "coverage-gap", "expect": "flag",
         "gap": "no list of followers",
         "why": "Mastodon exports no followers: say they cannot be checked"},
        {"id": "gap-outbox", "rule": "coverage-gap", "expect": "no-flag",
         "gap": "no outbox.json", "why": "the outbox is there"},
        {"id": "gap-follows", "rule": "coverage-gap", "expect": "no-flag",
         "gap": "holds no follow lists", "why": "following_accounts.csv is there"},
        {"id": "gap-pattern", "rule": "coverage-gap", "expect": "no-flag",
         "gap": "no case-number pattern",
         "why": "the built-in policy has a case-number pattern"},
    ]
    return out


EXPORTS = [
    {"name": "mastodon-main", "platform": "mastodon", "render": render,
     "args": ["--clients", "clients.csv", "--policy", "policy.json",
              "--since", "2023-01-01", "--until", "2023-12-31"],
     "items": items()},
]
