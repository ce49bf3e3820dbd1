#!/usr/bin/python3
"""Write the HTML twin of a JSON fixture export (Instagram, Facebook, or
Snapchat's json/ folder as html/ pages).

The equivalence fixtures (fixtures/*/*-html-twin) are made with this from
their JSON fixture, so both formats hold the same made-up content: pages
in the shapes of Meta's 2024 HTML export (FORMATS.md "HTML exports": one
block per entry as a direct child of role="main", header _a6-h, content
_a6-p, date _a6-o; tables for labelled fields), times written as local
wall-clock minutes in English in the zone given (default UTC), as Meta
writes them. Snapchat's pages are <h3> sections with a <table> each, a
header row of <th> cells named as the JSON's keys, then a <td> row per
entry (FORMATS.md); only friends, chat and search history are written.
Usage: meta_html_twin.py instagram|facebook|snapchat SRC DST [ZONE]
"""
import datetime
import html
import json
import os
import shutil
import sys
import zoneinfo

PLATFORM, SRC, DST = sys.argv[1], sys.argv[2], sys.argv[3]
ZONE = zoneinfo.ZoneInfo(sys.argv[4] if len(sys.argv) > 4 else "UTC")


def fix(s):
    """Meta's mojibake: every UTF-8 byte as its own code point."""
    if not isinstance(s, str):
        return s
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


def when(ts, ms=False):
    ts = int(ts)
    if ms:
        ts //= 1000
    d = datetime.datetime.fromtimestamp(ts, ZONE)
    h = d.hour % 12 or 12
    return "%s %d, %d %d:%02d %s" % (d.strftime("%b"), d.day, d.year, h,
                                      d.minute, "am" if d.hour < 12 else "pm")


E = html.escape
BOX = "pam _3-95 _2ph- _a6-g uiBoxWhite noborder"


def block(header=None, content="", date=None):
    out = '<div class="%s">' % BOX
    if header is not None:
        out += '<h2 class="_3-95 _2pim _a6-h _a6-i">%s</h2>' % E(header)
    out += '<div class="_3-95 _a6-p">%s</div>' % content
    if date is not None:
        out += '<div class="_3-94 _a6-o">%s</div>' % E(date)
    return out + "</div>"


def table(rows):
    out = '<table style="table-layout: fixed;">'
    for label, value in rows:
        if label == "Time":
            out += ('<tr><td class="_2pin _a6_q">Time</td>'
                    '<td class="_2pin _2piu _a6_r">%s</td></tr>' % E(value))
        else:
            out += ('<tr><td colspan="2" class="_2pin _a6_q">%s<div><div>%s'
                    '</div></div></td></tr>' % (E(label), E(value)))
    return out + "</table>"


def page(title, blocks):
    return ('<html><head><meta charset="utf-8" /><title>%s</title></head>'
            '<body class="_5vb_ _2yq _a7o5"><div class="clearfix _ikh">'
            '<div class="_4bl9"><div class="_li"><table class="_a705">'
            '<tr><td><img src="../files/Instagram-Logo.png" /></td></tr>'
            '</table><div class="_3a_u"><div class="_3-8y _3-95 _a70a">'
            '<div class="_a70d"><div class="_a70e">%s</div></div></div>'
            '<div class="_a706" role="main">%s</div></div></div></div></div>'
            '</body></html>\n' % (E(title), E(title), "".join(blocks)))


def write(rel, title, blocks):
    path = os.path.join(DST, rel[:-5] + ".html")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(page(title, blocks))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def first_list(doc):
    if isinstance(doc, list):
        return doc
    for v in doc.values():
        if isinstance(v, list):
            return v
    return []


def link(href, text=None):
    return '<a target="_blank" href="%s">%s</a>' % (E(href), E(text or href))


def thread(doc, own):
    names = [fix(p["name"]) for p in doc.get("participants", [])]
    blocks = [block(None, "<div>Participants: %s</div>" % E(", ".join(names)))]
    for m in doc["messages"]:
        parts = ["<div></div>"]
        if m.get("content"):
            parts.append("<div>%s</div>" % E(fix(m["content"])))
        if m.get("share", {}).get("link"):
            parts.append("<div>%s</div>" % link(m["share"]["link"]))
        for r in m.get("reactions", []):
            parts.append('<div><ul class="_a6-q"><li><span>%s%s</span></li></ul></div>'
                         % (E(fix(r["reaction"])), E(fix(r["actor"]))))
        blocks.append(block(fix(m["sender_name"]),
                            "<div>%s</div>" % "".join(parts),
                            when(m["timestamp_ms"], ms=True)))
    return fix(doc.get("title", "")), blocks


# --- Instagram ---

def ig_people(doc):
    out = []
    for e in first_list(doc):
        d = e["string_list_data"][0]
        h = fix(d.get("value") or e.get("title"))
        out.append(block(None, "<div><div>%s</div><div>%s</div></div>"
                         % (link(d["href"], h), E(when(d["timestamp"])))))
    return out


def ig_posts(doc):
    out = []
    for e in first_list(doc):
        media = e.get("media", [e])
        title = fix(e.get("title") or media[0].get("title"))
        t = e.get("creation_timestamp") or media[0]["creation_timestamp"]
        imgs = "".join('<div>%s</div>' % ('<a href="%s"><img src="%s" class="_a6_o _3-96" /></a>'
                                         % (E(m["uri"]), E(m["uri"])))
                       for m in media)
        out.append(block(title or None, "<div>%s</div>" % imgs, when(t)))
    return out


def ig_map_rows(e):
    rows = []
    for k, v in e.get("string_map_data", {}).items():
        if k == "Time":
            rows.append(("Time", when(v["timestamp"])))
        elif v.get("value"):
            rows.append((fix(k), fix(v["value"])))
    return rows


def instagram(rel, doc):
    base = os.path.basename(rel)
    rel = "/" + rel  # match folders at any depth (Accounts Center trees)
    if base.startswith(("followers", "following", "pending_follow",
                        "follow_requests",
                        "recent_follow", "recently_unfollowed", "blocked",
                        "close_friends")):
        return "Followers", ig_people(doc)
    if "/content/" in rel or base == "threads_and_replies.json":
        return "Posts", ig_posts(doc)
    if "/comments/" in rel or "/recent_searches/" in rel:
        return "Comments", [block(None, table(ig_map_rows(e)))
                            for e in first_list(doc)]
    if base in ("liked_posts.json", "liked_threads.json"):
        out = []
        for e in first_list(doc):
            d = e["string_list_data"][0]
            out.append(block(fix(e["title"]), "<div><div>%s</div><div>%s</div></div>"
                             % (link(d["href"]), E(fix(d.get("value", "")))),
                             when(d["timestamp"])))
        return "Liked posts", out
    if base == "account_privacy_changes.json":
        return "Account privacy changes", [
            block(fix(e["title"]), table(ig_map_rows(e)))
            for e in first_list(doc)]
    if base == "personal_information.json":
        e = first_list(doc)[0]
        return "Personal information", [block(None, table(ig_map_rows(e)))]
    if base.startswith("message_"):
        return thread(doc, None)
    return None


# --- Facebook ---

def fb_people(doc):
    out = []
    for e in first_list(doc):
        name = fix(e if isinstance(e, str) else e["name"])
        t = None if isinstance(e, str) or not e.get("timestamp") else when(e["timestamp"])
        out.append(block(name, "", t))
    return out


def fb_posts(doc):
    out = []
    for e in first_list(doc):
        parts = []
        for d in e.get("data", []):
            if d.get("post"):
                parts.append("<div>%s</div>" % E(fix(d["post"])))
        rows = []
        for a in e.get("attachments", []):
            for d in a.get("data", []):
                if "place" in d:
                    p = d["place"]
                    rows.append(("Place", fix(p.get("name", ""))))
                    c = p.get("coordinate")
                    if c:
                        rows.append(("Latitude", str(c["latitude"])))
                        rows.append(("Longitude", str(c["longitude"])))
                if "external_context" in d:
                    parts.append("<div>%s</div>" % link(d["external_context"]["url"]))
                if "media" in d:
                    parts.append('<div><img src="%s" /></div>' % E(d["media"]["uri"]))
                    if d["media"].get("description"):
                        parts.append("<div>%s</div>" % E(fix(d["media"]["description"])))
        if rows:
            parts.append(table(rows))
        out.append(block(fix(e.get("title")) if e.get("title") else None,
                         "<div>%s</div>" % "".join(parts), when(e["timestamp"])))
    return out


def facebook(rel, doc):
    base = os.path.basename(rel)
    if base.startswith("your_posts"):
        return "Your posts", fb_posts(doc)
    if base.startswith("comments") or base == "your_comments_in_groups.json":
        out = []
        for e in first_list(doc):
            c = next(d["comment"] for d in e["data"] if "comment" in d)
            out.append(block(fix(e.get("title")), "<div><div>%s</div></div>"
                             % E(fix(c["comment"])),
                             when(c.get("timestamp") or e["timestamp"])))
        return "Comments", out
    if base.startswith("likes_and_reactions") or base == "posts_and_comments.json":
        out = []
        for e in first_list(doc):
            r = next((d["reaction"] for d in e.get("data", []) if "reaction" in d), {})
            out.append(block(fix(e.get("title")), "<div><div>%s</div></div>"
                             % E(fix(r.get("reaction", ""))), when(e["timestamp"])))
        return "Likes and reactions", out
    if base in ("your_friends.json", "friends.json", "sent_friend_requests.json",
                "received_friend_requests.json", "removed_friends.json") or \
            base.startswith(("who_you've_followed", "people_who_followed_you")):
        return "Friends", fb_people(doc)
    if base == "your_post_audiences.json" or base == "friend_lists.json":
        out = []
        for e in first_list(doc):
            name, members = None, []
            for lv in e.get("label_values", []):
                if lv.get("label") == "Name" and name is None:
                    name = fix(lv["value"])
                for m in lv.get("dict", []) if isinstance(lv.get("dict"), list) else []:
                    mn = next((d["value"] for d in m.get("dict", [])
                               if d.get("label") == "Name"), "")
                    members.append("<div>%s</div>" % E(fix(mn)))
            out.append(block(name, "".join(members)))
        return "Post audiences", out
    if base == "your_search_history.json":
        out = []
        for e in first_list(doc):
            d = e["data"][0]
            out.append(block(fix(e.get("title", "Search")),
                             "<div><div>%s</div></div>" % E(fix(d["text"])),
                             when(e["timestamp"])))
        return "Search history", out
    if base == "profile_information.json":
        p = next(v for k, v in doc.items() if k.startswith("profile"))
        rows = [("Name", fix(p["name"]["full_name"]))]
        if p.get("username"):
            rows.append(("Username", fix(p["username"])))
        return "Profile information", [block(None, table(rows))]
    if base.startswith("message_"):
        return thread(doc, None)
    return None


def sc_cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def sc_table(rows):
    keys = []
    for r in rows:
        for k in r:
            if k not in keys:
                keys.append(k)
    out = "<table><tr>%s</tr>" % "".join("<th>%s</th>" % E(k) for k in keys)
    for r in rows:
        out += "<tr>%s</tr>" % "".join("<td>%s</td>" % E(sc_cell(r.get(k)))
                                       for k in keys)
    return out + "</table>"


def snapchat():
    src = os.path.join(SRC, "json")
    pages = {}
    for name in ("friends", "chat_history", "search_history"):
        path = os.path.join(src, name + ".json")
        if not os.path.exists(path):
            continue
        doc = load(path)
        if isinstance(doc, list):
            body = "<h3>Search History</h3>" + sc_table(doc)
        else:
            body = "".join("<h3>%s</h3>%s" % (E(k), sc_table(v))
                           for k, v in doc.items() if isinstance(v, list) and v)
        pages[name] = body
    os.makedirs(os.path.join(DST, "html"), exist_ok=True)
    for name, body in pages.items():
        with open(os.path.join(DST, "html", name + ".html"), "w",
                  encoding="utf-8") as f:
            f.write('<!DOCTYPE html><html><head><meta charset="utf-8">'
                    '<title>%s</title></head><body><div class="rightpanel">'
                    '%s</div></body></html>\n' % (E(name), body))
    acct = load(os.path.join(src, "account.json"))
    rows = "".join("<tr><td>%s</td><td>%s</td></tr>" % (E(k), E(sc_cell(v)))
                   for k, v in acct.get("Basic Information", {}).items())
    with open(os.path.join(DST, "html", "account.html"), "w") as f:
        f.write("<!DOCTYPE html><html><body><h3>Basic Information</h3>"
                "<table>%s</table></body></html>\n" % rows)
    with open(os.path.join(DST, "index.html"), "w") as f:
        f.write("<!DOCTYPE html><html><body><h1>My Data</h1></body></html>\n")


if PLATFORM == "snapchat":
    snapchat()
    sys.exit(0)

for root, dirs, files in os.walk(SRC):
    for name in files:
        src = os.path.join(root, name)
        rel = os.path.relpath(src, SRC)
        if not name.endswith(".json"):
            dst = os.path.join(DST, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
            continue
        got = (instagram if PLATFORM == "instagram" else facebook)(
            rel.split("/", 1)[1] if PLATFORM == "facebook" and rel.startswith(
                "your_facebook_activity/") else rel, load(src))
        if got is None:
            # a section conduct does not read: a page all the same
            write(rel, name, [block(None, "<div>A section conduct does not "
                                          "read: its entries are left out of "
                                          "this twin.</div>")])
            continue
        write(rel, got[0], got[1])
