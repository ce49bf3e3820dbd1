"""The affiliation part of the evaluation corpus (see eval.py), on X: the
rule is off in the built-in policy, so this export's policy switches it on
with the built-in opt-in lists (affiliation_political,
affiliation_religious). X's following.js names accounts by id only; their
names come from the export's own mentions of them (the shapes of
fixtures/rules/affiliation-fires). Risks are accounts the person chose to
follow whose names are on a list; near misses are look-alike names (a
word inside another word, "party" alone) and an organisation that follows
the person (not the person's own visible choice). Every account is made
up.
"""
import json
import os

from corpus_x import ytd, tweet, manifest, account_js, write

# (account id, name, handle, direction, expect, why)
ACCOUNTS = [
    ("9101", "Testville Labour Party", "testville_lab", "out", "flag", "a party on the political list"),
    ("9102", "Northshire Conservatives", "nshire_cons", "out", "flag", "a party on the political list"),
    ("9103", "St Aidan's Church Testville", "staidans_tv", "out", "flag", "a place of worship on the religious list"),
    ("9104", "Testville Mosque", "tv_mosque", "out", "flag", "a place of worship on the religious list"),
    ("9105", "Green Party Testville", "tv_greens", "out", "flag", "a party on the political list"),
    ("9111", "Testville Party Hire", "tv_partyhire", "out", "no-flag", "'party' alone is not a political party"),
    ("9112", "Labourer Jobs Testville", "tv_labourers", "out", "no-flag", "'labour' inside 'labourer'"),
    ("9113", "Churchill Library", "churchill_lib", "out", "no-flag", "'church' inside 'Churchill'"),
    ("9114", "Conservation Volunteers Testville", "tv_conserve", "out", "no-flag", "conservation, not the Conservatives"),
    ("9115", "Testville Labour Party", "testville_lab2", "in", "no-flag", "the party follows the person: not the person's own choice"),
]


def render(export, root):
    tree = os.path.join(root, "export")
    d = os.path.join(tree, "data")
    tweets = []
    for i, (aid, name, handle, *_) in enumerate(ACCOUNTS):
        t = tweet(300 + i, "Saw @%s at the fair" % handle)
        t["tweet"]["entities"]["user_mentions"] = [
            {"name": name, "screen_name": handle, "indices": ["4", "5"],
             "id_str": aid, "id": aid}]
        tweets.append(t)
    following = [{"following": {"accountId": a, "userLink":
                  "https://twitter.com/intent/user?user_id=%s" % a}}
                 for a, n, h, way, *_ in ACCOUNTS if way == "out"]
    followers = [{"follower": {"accountId": a, "userLink":
                  "https://twitter.com/intent/user?user_id=%s" % a}}
                 for a, n, h, way, *_ in ACCOUNTS if way == "in"]
    write(os.path.join(d, "account.js"), account_js())
    write(os.path.join(d, "tweets.js"), ytd("tweets", tweets))
    write(os.path.join(d, "following.js"), ytd("following", following))
    write(os.path.join(d, "follower.js"), ytd("follower", followers))
    write(os.path.join(d, "manifest.js"), manifest([
        ("account", "account", "account", 1),
        ("tweets", "tweets", "tweets", len(tweets)),
        ("following", "following", "following", len(following)),
        ("follower", "follower", "follower", len(followers))]))
    write(os.path.join(root, "policy.json"), json.dumps(
        {"version": 1, "rules": {"affiliation": {"enabled": True}}}))
    return tree


EXPORTS = [
    {"name": "x-affiliation", "platform": "twitter", "render": render,
     "args": ["--policy", "policy.json", "--since", "2023-01-01",
              "--until", "2023-12-31"],
     "items": [{"id": a, "rule": "affiliation", "expect": e, "why": w}
               for a, n, h, way, e, w in ACCOUNTS]},
]
