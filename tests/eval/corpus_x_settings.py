"""The X part of the evaluation corpus for the rules that look at a whole
export rather than one record: public-profile (protected-history.js over
the review period), location-sharing (X exports no location settings, so
posts in the period carrying the device's coordinates are the proxy) and
geo-home-exposure (a regular pattern: the same spot in three or more public
posts). Each scenario is one small made-up export (the shapes of
corpus_x.py and fixtures/rules_time/), labelled as a whole: flag when the
rule should raise a finding on it, no-flag when it is a near miss. The
review period is 2023.
"""
import json
import os

from corpus_x import ytd, tweet, manifest, account_js, write

PERIOD = ["--since", "2023-01-01", "--until", "2023-12-31"]


def render_with(protect, posts):
    """protect: [(iso time, 'Protect'|'Unprotect')]; posts: [(n, text,
    iso time, (lat, lon) or None)]"""
    def render(export, root):
        tree = os.path.join(root, "export")
        d = os.path.join(tree, "data")
        tweets = [tweet(n, t, when, geo=geo) for n, t, when, geo in posts]
        hist = [{"protectedHistory": {"protectedAt": when, "action": a}}
                for when, a in protect]
        write(os.path.join(d, "account.js"), account_js())
        write(os.path.join(d, "tweets.js"), ytd("tweets", tweets))
        write(os.path.join(d, "protected-history.js"),
              ytd("protected_history", hist))
        write(os.path.join(d, "following.js"), ytd("following", []))
        write(os.path.join(d, "follower.js"), ytd("follower", []))
        write(os.path.join(d, "manifest.js"), manifest([
            ("account", "account", "account", 1),
            ("tweets", "tweets", "tweets", len(tweets)),
            ("protectedHistory", "protected_history", "protected-history",
             len(hist)),
            ("following", "following", "following", 0),
            ("follower", "follower", "follower", 0)]))
        return tree
    return render


P, U = "Protect", "Unprotect"
PROTECTED = [("2019-01-01T00:00:00.000Z", P)]
PLAIN = [(1, "Morning all", "2023-03-01T09:00:00Z", None)]


def at(lat, lon, k):
    """k posts at one spot, spread over the year, a few metres apart"""
    return [(10 + i, "Out and about", "2023-%02d-10T12:00:00Z" % (2 + i),
             (lat + 0.00005 * i, lon)) for i in range(k)]


# (name, rule, expect, why, protect, posts)
SCENARIOS = [
    # public-profile
    ("pp-unprotect-2023", "public-profile", "flag",
     "made public in March 2023 after two years protected", [("2021-05-01T00:00:00.000Z", P), ("2023-03-01T00:00:00.000Z", U)], PLAIN),
    ("pp-protect-mid-2023", "public-profile", "flag",
     "public until June 2023, protected since", [("2023-06-01T00:00:00.000Z", P)], PLAIN),
    ("pp-unprotect-2022", "public-profile", "flag",
     "public all through 2023 (made public in 2022)", [("2020-01-01T00:00:00.000Z", P), ("2022-01-01T00:00:00.000Z", U)], PLAIN),
    ("pp-window-2023", "public-profile", "flag",
     "protected in January 2023, public again from October", [("2023-01-01T00:00:00.000Z", P), ("2023-10-01T00:00:00.000Z", U)], PLAIN),
    ("pp-brief-public", "public-profile", "flag",
     "protected, public for one week in May 2023, protected again", [("2019-01-01T00:00:00.000Z", P), ("2023-05-01T00:00:00.000Z", U), ("2023-05-08T00:00:00.000Z", P)], PLAIN),
    ("pp-protected-2021", "public-profile", "no-flag",
     "protected since 2021, before the period", [("2021-05-01T00:00:00.000Z", P)], PLAIN),
    ("pp-protected-dec-2022", "public-profile", "no-flag",
     "protected from December 2022, just before the period", [("2022-12-01T00:00:00.000Z", P)], PLAIN),
    ("pp-unprotect-2024", "public-profile", "no-flag",
     "made public only in February 2024, after the period", [("2020-01-01T00:00:00.000Z", P), ("2024-02-01T00:00:00.000Z", U)], PLAIN),
    ("pp-public-2022-only", "public-profile", "no-flag",
     "public for a month in 2022, protected before and after", [("2019-01-01T00:00:00.000Z", P), ("2022-06-01T00:00:00.000Z", U), ("2022-07-01T00:00:00.000Z", P)], PLAIN),
    ("pp-protected-2019", "public-profile", "no-flag",
     "protected since 2019", PROTECTED, PLAIN),
    # location-sharing
    ("ls-one-2023", "location-sharing", "flag",
     "a post in June 2023 with the device's coordinates", PROTECTED, [(1, "Walk", "2023-06-15T10:00:00Z", (53.40, -2.90))]),
    ("ls-january", "location-sharing", "flag",
     "a post on 2 January 2023 with coordinates", PROTECTED, [(1, "New year walk", "2023-01-02T10:00:00Z", (53.41, -2.91))]),
    ("ls-december", "location-sharing", "flag",
     "a post on 30 December 2023 with coordinates", PROTECTED, [(1, "Last walk of the year", "2023-12-30T10:00:00Z", (53.42, -2.92))]),
    ("ls-several", "location-sharing", "flag",
     "three posts in 2023 with coordinates", PROTECTED, [(i, "Walk", "2023-0%d-15T10:00:00Z" % i, (53.4 + i / 100, -2.9)) for i in (3, 4, 5)]),
    ("ls-public", "location-sharing", "flag",
     "a public account's post in 2023 with coordinates", [], [(1, "Walk", "2023-08-15T10:00:00Z", (53.43, -2.93))]),
    ("ls-none", "location-sharing", "no-flag",
     "no post carries coordinates", PROTECTED, PLAIN),
    ("ls-2022", "location-sharing", "no-flag",
     "the only geotagged post is from 2022", PROTECTED, [(1, "Walk", "2022-06-15T10:00:00Z", (53.40, -2.90))] + PLAIN),
    ("ls-2024", "location-sharing", "no-flag",
     "the only geotagged post is from January 2024", PROTECTED, [(1, "Walk", "2024-01-05T10:00:00Z", (53.40, -2.90))] + PLAIN),
    ("ls-2019", "location-sharing", "no-flag",
     "geotagged posts only from 2019, years before", PROTECTED, [(1, "Walk", "2019-06-15T10:00:00Z", (53.40, -2.90)), (2, "Walk", "2019-07-15T10:00:00Z", (53.40, -2.90))]),
    ("ls-text-only", "location-sharing", "no-flag",
     "posts in 2023 that name a place in words only", PROTECTED, [(1, "Lovely walk in Crosby today", "2023-06-15T10:00:00Z", None)]),
    # geo-home-exposure
    ("ghe-three", "geo-home-exposure", "flag",
     "three public posts from one spot", [], at(51.45, -0.20, 3)),
    ("ghe-five", "geo-home-exposure", "flag",
     "five public posts from one spot", [], at(51.46, -0.21, 5)),
    ("ghe-four-made-public", "geo-home-exposure", "flag",
     "four posts from one spot while the account was public (made public in 2022)", [("2020-01-01T00:00:00.000Z", P), ("2022-01-01T00:00:00.000Z", U)], at(51.47, -0.22, 4)),
    ("ghe-three-plus-far", "geo-home-exposure", "flag",
     "three public posts from one spot among others far away", [], at(51.48, -0.23, 3) + [(30, "Beach", "2023-07-01T12:00:00Z", (50.8, -1.1))]),
    ("ghe-protected-later", "geo-home-exposure", "flag",
     "three posts from one spot before the account was protected in December", [("2023-12-01T00:00:00.000Z", P)], at(51.49, -0.24, 3)),
    ("ghe-two", "geo-home-exposure", "no-flag",
     "only two public posts from one spot", [], at(51.45, -0.20, 2)),
    ("ghe-spread", "geo-home-exposure", "no-flag",
     "three public posts 300 m apart: no one spot", [], [(10 + i, "Out", "2023-0%d-10T12:00:00Z" % (2 + i), (51.45 + 0.0027 * i, -0.20)) for i in range(3)]),
    ("ghe-protected", "geo-home-exposure", "no-flag",
     "three posts from one spot while the account was protected", PROTECTED, at(51.45, -0.20, 3)),
    ("ghe-cities", "geo-home-exposure", "no-flag",
     "three public posts in three cities", [], [(10, "A", "2023-02-10T12:00:00Z", (51.45, -0.20)), (11, "B", "2023-03-10T12:00:00Z", (53.48, -2.24)), (12, "C", "2023-04-10T12:00:00Z", (55.95, -3.19))]),
    ("ghe-two-and-one", "geo-home-exposure", "no-flag",
     "two public posts at one spot and a third 250 m away", [], at(51.45, -0.20, 2) + [(20, "Out", "2023-06-10T12:00:00Z", (51.45225, -0.20))]),
]

EXPORTS = [
    {"name": "x-%s" % name, "platform": "twitter",
     "render": render_with(protect, posts), "args": PERIOD,
     "items": [{"id": name, "rule": rule, "expect": expect, "why": why,
                "whole": True}]}
    for name, rule, expect, why, protect, posts in SCENARIOS
]
