"""The LinkedIn part of the evaluation corpus (see eval.py): a made-up
"Get a copy of your data" export of CSV files (Profile.csv, Shares.csv,
Comments.csv, Connections.csv with its notes preamble, Invitations.csv,
messages.csv, SearchQueries.csv; the shapes of fixtures/linkedin/ and
shared FORMATS.md). Shares carry the shared labelled texts (texts.py);
connections, invitations and messages name people with their profile URL
(the handle after /in/). Reactions name no owner, so LinkedIn gives no
engagement items. Every person and profile is invented.
"""
import csv
import io
import os

from texts import TEXTS, clients_csv

ME = ("Sam", "Caseworker", "https://www.linkedin.com/in/sam-caseworker-1a")
HANDLES = {"C-101": "linkedin:daniel-fairweather-7b", "C-102": "linkedin:evelyn-marsh-2c",
           "C-103": "linkedin:priya-raman-3d", "C-104": "linkedin:tomasz-nowak-4e",
           "C-105": "linkedin:chloe-durand-5f", "C-106": "linkedin:marcus-bell-6g",
           "C-107": "linkedin:grace-okafor-7h", "C-108": "linkedin:leon-price-8i"}

# (first, last, slug, day, expect, why)
PEOPLE = [
    ("Daniel", "Fairweather", "daniel-fairweather-7b", "2023-02-10", "flag", "a current client"),
    ("Evelyn", "Marsh", "evelyn-marsh-2c", "2023-03-01", "flag", "a current client"),
    ("Grace", "Okafor", "grace-okafor-7h", "2023-04-01", "flag", "a current client"),
    ("Priya", "Raman", "priya-raman-3d", "2023-05-01", "flag", "a former client the agency keeps flagged"),
    ("Chloé", "Durand", "chloe-durand-5f", "2023-06-01", "flag", "a client during her case"),
    ("Lee", "Mentor", "lee-mentor-77", "2023-02-11", "no-flag", "a former colleague"),
    ("Leon", "Price", "leon-price-8i", "2023-06-02", "no-flag", "two years after Leon Price's case ended"),
    ("Marcus", "Bell", "marcus-bell-6g", "2023-03-02", "no-flag", "before Marcus Bell became a client"),
    ("Daniel", "Fairweather", "daniel-fairweather-99", "2023-03-03", "flag",
     "a Daniel Fairweather on another profile than the registered one: a second profile of the client or a namesake, so weak (display name only), saying why"),
    ("Grace", "Kelly", "grace-kelly-55", "2023-03-04", "no-flag", "another Grace"),
    ("Danielle", "Fairweather-Hughes", "danielle-fh-12", "2023-03-05", "no-flag",
     "another person whose names only begin like the client's"),
]

SEARCHES = [
    ("daniel fairweather", "flag", "a client's name"),
    ("fairweather daniel", "flag", "surname first"),
    ("Grace Okafor", "flag", "a client's name"),
    ("priya raman", "flag", "a former client"),
    ("Okafor, Grace", "flag", "surname first with a comma"),
    ("social work jobs bristol", "no-flag", "a job search"),
    ("grace period notice", "no-flag", "'grace period'"),
    ("leon price", "no-flag", "two years after Leon Price's case ended"),
    ("marcus bell", "no-flag", "before Marcus Bell became a client"),
    ("fair weather cycling club", "no-flag", "the weather"),
]

MON = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def csv_text(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def url(slug):
    return "https://www.linkedin.com/in/" + slug


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def share_link(n):
    return "https://www.linkedin.com/feed/update/urn%%3Ali%%3Aactivity%%3A69810000%011d" % n


def render(export, root):
    tree = os.path.join(root, "export")
    write(os.path.join(tree, "Profile.csv"), csv_text([
        ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date",
         "Headline", "Summary", "Industry", "Zip Code", "Geo Location",
         "Twitter Handles", "Websites", "Instant Messengers"],
        ["Sam", "Caseworker", "", "", "", "Social Worker", "", "", "", "", "", "", ""]]))
    write(os.path.join(tree, "Shares.csv"), csv_text(
        [["Date", "ShareLink", "ShareCommentary", "SharedURL", "MediaURL", "Visibility"]] +
        [["2023-03-14 12:%02d:%02d" % (n // 60, n % 60), share_link(n), t, "", "", "PUBLIC"]
         for n, t, *_ in TEXTS]))
    first = [p for i, p in enumerate(PEOPLE) if i % 2 == 0]
    second = [p for i, p in enumerate(PEOPLE) if i % 2 == 1]
    write(os.path.join(tree, "Connections.csv"),
          'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n' +
          csv_text([["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]] +
                   [[f, l, url(s), "", "", "", "%s %s %s" % (d[8:], MON[int(d[5:7]) - 1], d[:4])]
                    for f, l, s, d, *_ in first]))
    write(os.path.join(tree, "Invitations.csv"), csv_text(
        [["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]] +
        [["Sam Caseworker", "%s %s" % (f, l), "%d/%d/%s, 6:01 PM" % (int(d[5:7]), int(d[8:]), d[2:4]),
          "", "OUTGOING", ME[2], url(s)] for f, l, s, d, *_ in second]))
    rows = [["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
             "DATE", "SUBJECT", "CONTENT", "FOLDER"]]
    for i, (f, l, s, d, *_) in enumerate(PEOPLE):
        rows.append(["2-conv%02d" % i, "", "%s %s" % (f, l), url(s), "Sam Caseworker",
                     "%s 18:08:14 UTC" % d, "", "Thanks for connecting!", "INBOX"])
    write(os.path.join(tree, "messages.csv"), csv_text(rows))
    write(os.path.join(tree, "SearchQueries.csv"), csv_text(
        [["Time", "Search Query"]] +
        [["2023/07/%02d 20:53:18 UTC" % (i + 1), q] for i, (q, *_) in enumerate(SEARCHES)]))
    write(os.path.join(root, "clients.csv"), clients_csv(HANDLES))
    write(os.path.join(root, "policy.json"), '{"version": 1}')
    return tree


def items():
    out = []
    for i, (n, text, rule, expect, why, cls) in enumerate(TEXTS):
        it = {"id": share_link(n), "rule": rule, "expect": expect,
              "why": why, "cls": cls}
        if rule == "client-mention" and cls == "common-word" and \
                expect == "flag":
            it.update(confidence="possible", evidence=["weak:"])
        out.append(it)
    ci = ii = 0
    for i, (f, l, s, d, expect, why) in enumerate(PEOPLE):
        if i % 2 == 0:
            src, ci = ("Connections.csv", ci), ci + 1
            what = "connected with"
        else:
            src, ii = ("Invitations.csv", ii), ii + 1
            what = "sent an invitation to"
        weak = {"confidence": "possible", "evidence": ["display name only"]} \
            if s.endswith("-99") else {}
        out.append(dict({"id": s, "src": src, "rule": "client-connection",
                         "expect": expect, "why": "%s %s" % (what, why)}, **weak))
        out.append(dict({"id": "2-conv%02d" % i, "rule": "client-message",
                         "expect": expect, "why": "messages from " + why}, **weak))
    for i, (q, expect, why) in enumerate(SEARCHES):
        out.append({"id": q, "src": ("SearchQueries.csv", i),
                    "rule": "client-search", "expect": expect, "why": why})
    return out


EXPORTS = [
    {"name": "linkedin-main", "platform": "linkedin", "render": render,
     "args": ["--clients", "clients.csv", "--policy", "policy.json",
              "--since", "2023-01-01", "--until", "2023-12-31"],
     "items": items()},
]
