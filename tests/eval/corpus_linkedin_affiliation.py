"""The affiliation part of the evaluation corpus on LinkedIn (see
eval.py): the rule is off in the built-in policy, so this export's policy
switches it on. LinkedIn's Company Follows.csv lists organisations the
person follows (every one a visible affiliation); Member_Follows.csv lists
people, whose surnames may be words of the opt-in lists (Church, Temple,
Parish) without being organisations; Connections.csv lists people. Every
name is made up.
"""
import csv
import io
import os

COMPANIES = [
    ("Testville Labour Party", "flag", "a party the person follows"),
    ("St Aidan's Church Testville", "flag", "a church the person follows"),
    ("Northshire County Council", "flag", "an employer's page followed: visible affiliation"),
    ("Riverside Foodbank", "flag", "a charity page followed: visible affiliation"),
    ("Testville Islamic Centre", "flag", "a religious organisation followed"),
]
MEMBERS = [
    ("Alex Temple", "no-flag", "a person whose surname is Temple, not a temple"),
    ("Sam Church", "no-flag", "a person whose surname is Church"),
    ("Jo Parish", "no-flag", "a person whose surname is Parish"),
    ("Chris Chapel", "no-flag", "a person whose surname is Chapel"),
    ("Robin Tory", "no-flag", "a person whose surname is Tory"),
]


def csv_text(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def render(export, root):
    tree = os.path.join(root, "export")
    os.makedirs(tree, exist_ok=True)
    files = {
        "Profile.csv": [["First Name", "Last Name", "Headline"],
                        ["Sam", "Caseworker", "Social Worker"]],
        "Company Follows.csv": [["Organization", "Followed On"]] +
        [[n, "2023-0%d-01 09:00:00" % (i + 1)] for i, (n, *_) in enumerate(COMPANIES)],
        "Member_Follows.csv": [["Date", "Status", "FullName"]] +
        [["2023-0%d-02 09:00:00" % (i + 1), "Active", n] for i, (n, *_) in enumerate(MEMBERS)],
    }
    for name, rows in files.items():
        with open(os.path.join(tree, name), "w", encoding="utf-8") as f:
            f.write(csv_text(rows))
    with open(os.path.join(root, "policy.json"), "w") as f:
        f.write('{"version": 1, "rules": {"affiliation": {"enabled": true}}}')
    return tree


EXPORTS = [
    {"name": "linkedin-affiliation", "platform": "linkedin", "render": render,
     "args": ["--policy", "policy.json", "--since", "2023-01-01",
              "--until", "2023-12-31"],
     "items": [{"id": n, "src": ("Company Follows.csv", i), "rule": "affiliation",
                "expect": e, "why": w} for i, (n, e, w) in enumerate(COMPANIES)] +
              [{"id": n, "src": ("Member_Follows.csv", i), "rule": "affiliation",
                "expect": e, "why": w} for i, (n, e, w) in enumerate(MEMBERS)]},
]
