"""coverage-gap items of the evaluation corpus for the platforms other than
X (whose are in corpus_x.py): what an
export cannot show must be said, and a gap that does not apply must not be.
Each risk is one variant of a platform's main corpus export (its render
function, then one change: the follow lists taken out, a member cut short,
the agency's policy without a case-number pattern, Snapchat's HTML-only
export, a file the platform should have missing), labelled with words the gap's
evidence must hold. The near misses are gaps that would be plausible but
do not apply to the full main export (Meta's exports requested as HTML are
read since issue 20, so they raise no "ask for JSON" gap: the near misses
labelled "html" keep it from coming back). Every variant is made up.
"""
import json
import os
import shutil

import corpus_bluesky as BS
import corpus_facebook as FB
import corpus_google as GO
import corpus_instagram as IG
import corpus_linkedin as LI
import corpus_mastodon as MA
import corpus_snapchat as SC
import corpus_tiktok as TT

ARGS = ["--clients", "clients.csv", "--policy", "policy.json",
        "--since", "2023-01-01", "--until", "2023-12-31"]
NOFOLLOW = "holds no follow lists"
UNREAD = "could not be fully used"
NOPAT = "no case-number pattern"
HTML = "requested as HTML"


def variant(render, remove=(), cut=(), nopattern=False, html=None,
            write=None, base=None):
    """render (or base, a changed render), then remove paths, cut members
    to half, set a policy with no case-number pattern, or make an
    HTML-only export."""
    render = base or render

    def out(export, root):
        tree = render(export, root)
        for p in remove:
            full = os.path.join(tree, p)
            if os.path.isdir(full):
                shutil.rmtree(full)
            elif os.path.exists(full):
                os.remove(full)
        for p in cut:
            full = os.path.join(tree, p)
            data = open(full, "rb").read()
            with open(full, "wb") as f:
                f.write(data[:len(data) // 2])
        if nopattern:
            pol = os.path.join(root, "policy.json")
            doc = json.load(open(pol)) if os.path.exists(pol) else {"version": 1}
            doc["case_number_patterns"] = []
            with open(pol, "w") as f:
                json.dump(doc, f)
        if html:
            # the same export asked for as HTML: each page where its JSON
            # was (Snapchat: html/ beside json/), and the start page
            for dirpath, dirs, files in os.walk(tree):
                for name in files:
                    if name.endswith(".json"):
                        full = os.path.join(dirpath, name)
                        os.remove(full)
                        page = full[:-5] + ".html"
                        if os.sep + "json" + os.sep in page:
                            page = page.replace(os.sep + "json" + os.sep,
                                                os.sep + "html" + os.sep)
                            os.makedirs(os.path.dirname(page), exist_ok=True)
                        with open(page, "w") as f:
                            f.write("<html><body><h1>%s</h1></body></html>"
                                    % name[:-5])
            with open(os.path.join(tree, html), "w") as f:
                f.write("<html><body><h1>Your information</h1></body></html>")
        for p, text in (write or {}).items():
            full = os.path.join(tree, p)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
        return tree
    return out


def tiktok_edit(edit):
    """TikTok's main export with its one data file changed by edit(doc)."""
    def render(export, root):
        tree = TT.render(export, root)
        path = os.path.join(tree, "user_data_tiktok.json")
        doc = json.load(open(path, encoding="utf-8"))
        edit(doc)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        return tree
    return render


def _three_likes(doc):
    doc["Your Activity"]["Like List"]["ItemFavoriteList"] = [
        {"date": "2023-03-0%d 12:00:00" % i,
         "link": "https://www.tiktokv.com/share/video/7%018d/" % i}
        for i in (1, 2, 3)]


def _no_follows(doc):
    del doc["Your Activity"]["Following"]
    del doc["Your Activity"]["Follower"]


def family(platform, render, risks, near, args=ARGS):
    """risks: [(name, why, gap words, variant kwargs)]; near: [(name, why,
    gap words)] on the unchanged export."""
    out = [{"name": "%s-cov-%s" % (platform, name), "platform": platform,
            "render": variant(render, **kw), "args": args,
            "items": [{"id": name, "rule": "coverage-gap", "expect": "flag",
                       "gap": gap, "why": why}]}
           for name, why, gap, kw in risks]
    out.append({"name": "%s-cov-full" % platform, "platform": platform,
                "render": render, "args": args,
                "items": [{"id": name, "rule": "coverage-gap",
                           "expect": "no-flag", "gap": gap, "why": why}
                          for name, why, gap in near]})
    return out


IGA = "your_instagram_activity/"
IG_FOLLOW = ["connections"]
EXPORTS = []

EXPORTS += family("instagram", IG.render_instagram, [
    ("no-follows", "no follow lists: connections cannot be checked", NOFOLLOW,
     {"remove": IG_FOLLOW}),
    ("cut-posts", "posts file cut short: say which member could not be used",
     "'%scontent/posts_1.json' %s" % (IGA, UNREAD), {"cut": [IGA + "content/posts_1.json"]}),
    ("cut-likes", "liked posts cut short", "'%slikes/liked_posts.json' %s" % (IGA, UNREAD),
     {"cut": [IGA + "likes/liked_posts.json"]}),
    ("no-pattern", "the agency's policy sets no case-number pattern", NOPAT, {"nopattern": True}),
    ("cut-comments", "comments cut short",
     "'%scomments/post_comments_1.json' %s" % (IGA, UNREAD),
     {"cut": [IGA + "comments/post_comments_1.json"]}),
], [
    ("follows", "the follow lists are there", NOFOLLOW),
    ("unread", "every member was read", UNREAD),
    ("pattern", "the built-in case-number pattern is set", NOPAT),
    ("html", "a JSON export", HTML),
    ("like-owner", "Instagram likes name their owner", "names no owner"),
])

EXPORTS += family("threads", IG.render_threads, [
    ("no-follows", "no follow lists", NOFOLLOW, {"remove": [IGA + "threads/following.json"]}),
    ("cut-posts", "Threads posts cut short",
     "'%sthreads/threads_and_replies.json' %s" % (IGA, UNREAD),
     {"cut": [IGA + "threads/threads_and_replies.json"]}),
    ("cut-likes", "Threads likes cut short", "'%sthreads/liked_threads.json' %s" % (IGA, UNREAD),
     {"cut": [IGA + "threads/liked_threads.json"]}),
    ("no-pattern", "the agency's policy sets no case-number pattern", NOPAT, {"nopattern": True}),
    ("cut-follows", "the Threads follow list cut short",
     "'%sthreads/following.json' %s" % (IGA, UNREAD),
     {"cut": [IGA + "threads/following.json"]}),
], [
    ("follows", "the follow list is there", NOFOLLOW),
    ("unread", "every member was read", UNREAD),
    ("pattern", "the built-in case-number pattern is set", NOPAT),
    ("html", "a JSON export", HTML),
    ("like-owner", "Threads likes name their owner", "names no owner"),
])

EXPORTS += family("facebook", FB.render, [
    ("names-only", "Facebook gives friends by name only: say matches are by name",
     "by name only", {}),
    ("no-follows", "no friends or followers lists", NOFOLLOW, {"remove": ["connections"]}),
    ("cut-posts", "posts cut short", "'%s' %s" % (FB.POSTS, UNREAD), {"cut": [FB.POSTS]}),
    ("no-pattern", "the agency's policy sets no case-number pattern", NOPAT, {"nopattern": True}),
    ("cut-comments", "comments cut short", "'%s' %s" % (FB.COMMENTS, UNREAD),
     {"cut": [FB.COMMENTS]}),
], [
    ("follows", "the friends list is there", NOFOLLOW),
    ("unread", "every member was read", UNREAD),
    ("pattern", "the built-in case-number pattern is set", NOPAT),
    ("html", "a JSON export", HTML),
    ("like-owner", "Facebook reactions name whose post it was", "names no owner"),
])

EXPORTS += family("tiktok", TT.render, [
    ("like-owner", "TikTok likes name no owner: say they could not be checked",
     "1 like names no owner", {}),
    ("like-owners", "three likes without owner: the count is said",
     "3 likes name no owner", {"base": tiktok_edit(_three_likes)}),
    ("no-follows", "no follow lists", NOFOLLOW, {"base": tiktok_edit(_no_follows)}),
    ("cut", "the one data file cut short", "'user_data_tiktok.json' %s" % UNREAD,
     {"cut": ["user_data_tiktok.json"]}),
    ("no-pattern", "the agency's policy sets no case-number pattern", NOPAT, {"nopattern": True}),
], [
    ("unread", "the file was read", UNREAD),
    ("pattern", "the built-in case-number pattern is set", NOPAT),
    ("html", "a JSON export", HTML),
    ("profile", "the profile is there", "no Profile"),
    ("chats", "chats are there", "chats cannot be reviewed"),
])

EXPORTS += family("linkedin", LI.render, [
    ("no-profile", "no Profile.csv: the owner's name is not known", "no Profile.csv",
     {"remove": ["Profile.csv"]}),
    ("no-follows", "no connections or invitations", NOFOLLOW,
     {"remove": ["Connections.csv", "Invitations.csv"]}),
    ("cut-messages", "messages.csv cut short", "'messages.csv' %s" % UNREAD,
     {"write": {"messages.csv": 'CONVERSATION ID,FROM,DATE,CONTENT\n2-x,"Sam,2023-01-01 10:00:00 UTC\n'}}),
    ("cut-shares", "Shares.csv cut short", "'Shares.csv' %s" % UNREAD,
     {"write": {"Shares.csv": 'Date,ShareLink,ShareCommentary\n2023-01-01 10:00:00,x,"unterminated\n'}}),
    ("no-pattern", "the agency's policy sets no case-number pattern", NOPAT, {"nopattern": True}),
], [
    ("profile", "Profile.csv is there", "no Profile.csv"),
    ("follows", "connections are there", NOFOLLOW),
    ("unread", "every member was read", UNREAD),
    ("pattern", "the built-in case-number pattern is set", NOPAT),
    ("html", "a CSV export", HTML),
])

EXPORTS += family("snapchat", SC.render, [
    ("no-chats", "no chat history: chats cannot be reviewed", "chats cannot be reviewed",
     {"remove": ["json/chat_history.json"]}),
    ("html-only", "an HTML-only export", "HTML-only Snapchat export",
     {"html": "index.html"}),
    ("no-follows", "no friends list", NOFOLLOW, {"remove": ["json/friends.json"]}),
    ("cut-friends", "friends.json cut short", "'json/friends.json' %s" % UNREAD,
     {"cut": ["json/friends.json"]}),
    ("cut-locations", "location history cut short", "'json/location_history.json' %s" % UNREAD,
     {"cut": ["json/location_history.json"]}),
], [
    ("chats", "the chat history is there", "chats cannot be reviewed"),
    ("html", "a JSON export", "HTML-only"),
    ("follows", "the friends list is there", NOFOLLOW),
    ("unread", "every member was read", UNREAD),
    ("pattern", "the built-in case-number pattern is set", NOPAT),
])

EXPORTS += family("bluesky", BS.render, [
    ("dids", "Bluesky knows accounts by DID only: say so", "DIDs, not handles", {}),
    ("followers", "no followers list in a Bluesky repository", "no followers list", {}),
    ("messages", "no direct messages or location", "no direct messages", {}),
    ("cut", "the repository cut short", "'repo.car'", {"cut": ["repo.car"]}),
    ("no-pattern", "the agency's policy sets no case-number pattern", NOPAT, {"nopattern": True}),
], [
    ("follows", "the follows are there", NOFOLLOW),
    ("unread", "every block was read", UNREAD),
    ("pattern", "the built-in case-number pattern is set", NOPAT),
    ("html", "a CAR export", HTML),
    ("like-owner", "Bluesky likes name their owner's DID", "names no owner"),
])

LHS = GO.LH + "/Settings.json"
EXPORTS += family("google", GO.render_points, [
    ("no-data", "settings only: where the person went cannot be checked",
     "holds no location data", {"remove": [GO.LH + "/Records.json"]}),
    ("no-follows", "Google holds no follow lists: say so", NOFOLLOW, {}),
    ("cut-records", "Records.json cut short", "'%s/Records.json' %s" % (GO.LH, UNREAD),
     {"cut": [GO.LH + "/Records.json"]}),
    ("cut-settings", "Settings.json cut short", "'%s' %s" % (LHS, UNREAD), {"cut": [LHS]}),
    ("cut-semantic", "a month of semantic history cut short", UNREAD,
     {"write": {"Takeout/Location History/Semantic Location History/2023/2023_MAY.json":
                '{"timelineObjects": [{"placeVisit": '}}),
], [
    ("data", "Records.json is there", "holds no location data"),
    ("unread", "every member was read", UNREAD),
    ("pattern", "no text to match, and the built-in pattern is set", NOPAT),
    ("html", "a JSON export", HTML),
    ("chats", "Google has no chats to miss", "chats cannot be reviewed"),
], args=["--policy", "policy.json", "--since", "2023-01-01", "--until", "2023-12-31"])

EXPORTS += family("mastodon", MA.render, [
    ("no-outbox", "no outbox.json: posts and direct messages cannot be checked",
     "no outbox.json", {"remove": ["outbox.json"]}),
    ("cut-outbox", "the outbox cut short", "'outbox.json' %s" % UNREAD, {"cut": ["outbox.json"]}),
    ("no-follows", "no following_accounts.csv and no followers", NOFOLLOW,
     {"remove": ["following_accounts.csv"]}),
    ("cut-likes", "likes.json cut short", "'likes.json' %s" % UNREAD, {"cut": ["likes.json"]}),
    ("no-pattern", "the agency's policy sets no case-number pattern", NOPAT, {"nopattern": True}),
], [
    ("unread", "every member was read", UNREAD),
    ("pattern-2", "the built-in case-number pattern is set", NOPAT),
    ("html", "a JSON archive", HTML),
    ("like-owner", "Mastodon likes name their owner in the URL", "names no owner"),
    ("outbox-2", "the outbox is there", "no outbox.json"),
])
