"""A synthetic Facebook Messenger export of about `size` bytes, in the JSON
or the HTML format (issue 20): the same threads and messages in both, so
the bench can time the two formats side by side and measure the HTML
reader's peak memory. Threads of 2,000 messages each (message_1.json /
message_1.html, as Meta writes them, newest first), plus the profile that
says whose messages are sent. Every person and message is made up. Usage:
gen_messenger.py json|html DIR SIZE [THREADS]: threads until the files
hold SIZE bytes, or exactly THREADS threads (to write the HTML twin of a
JSON export); prints the counts a scan must give and the thread count as
JSON. Python 3 standard library only."""

import datetime
import html
import json
import os
import sys

PER_THREAD = 2000
OWN = "Robin Bench"
BOX = "pam _3-95 _2ph- _a6-g uiBoxWhite noborder"


def when(ts):
    d = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)
    return "%s %d, %d %d:%02d %s" % (d.strftime("%b"), d.day, d.year,
                                      d.hour % 12 or 12, d.minute,
                                      "am" if d.hour < 12 else "pm")


def messages(t):
    peer = "Peer %05d" % t
    for i in range(PER_THREAD):
        ts = 1700000000 + t * 86400 + (PER_THREAD - i) * 60
        yield (OWN if i % 3 == 0 else peer, ts,
               "Message %d of thread %d: see you at the usual place on "
               "Thursday, bring the forms" % (i, t))


def write_thread(root, fmt, t):
    d = os.path.join(root, "your_facebook_activity", "messages", "inbox",
                     "peer%05d_%d" % (t, 10150000000000000 + t))
    os.makedirs(d, exist_ok=True)
    peer = "Peer %05d" % t
    if fmt == "json":
        doc = {"participants": [{"name": peer}, {"name": OWN}],
               "messages": [{"sender_name": s, "timestamp_ms": ts * 1000,
                             "content": c} for s, ts, c in messages(t)],
               "title": peer, "thread_path": "inbox/" + os.path.basename(d)}
        with open(os.path.join(d, "message_1.json"), "w") as f:
            json.dump(doc, f, indent=2)
        return os.path.getsize(os.path.join(d, "message_1.json"))
    with open(os.path.join(d, "message_1.html"), "w") as f:
        f.write('<html><head><title>%s</title></head><body><div role="main">'
                '<div class="%s"><div class="_a6-p"><div>Participants: %s, %s'
                '</div></div></div>' % (peer, BOX, peer, OWN))
        for s, ts, c in messages(t):
            f.write('<div class="%s"><h2 class="_a6-h">%s</h2><div class="_a6-p">'
                    '<div><div></div><div>%s</div></div></div><div class="_3-94 '
                    '_a6-o">%s</div></div>' % (BOX, html.escape(s),
                                                html.escape(c), when(ts)))
        f.write("</div></body></html>\n")
    return os.path.getsize(os.path.join(d, "message_1.html"))


def generate(fmt, root, size, threads=None):
    prof = os.path.join(root, "personal_information", "profile_information")
    os.makedirs(prof, exist_ok=True)
    if fmt == "json":
        with open(os.path.join(prof, "profile_information.json"), "w") as f:
            json.dump({"profile_v2": {"name": {"full_name": OWN}}}, f)
    else:
        with open(os.path.join(prof, "profile_information.html"), "w") as f:
            f.write('<html><body><div role="main"><div class="%s"><table><tr>'
                    '<td>Name</td><td>%s</td></tr></table></div></div></body>'
                    '</html>\n' % (BOX, OWN))
    total, t = 0, 0
    while (total < size) if threads is None else (t < threads):
        total += write_thread(root, fmt, t)
        t += 1
    return {"messages": t * PER_THREAD, "threads": t}


if __name__ == "__main__":
    print(json.dumps(generate(sys.argv[1], sys.argv[2], int(sys.argv[3]),
                              int(sys.argv[4]) if len(sys.argv) > 4
                              else None)))
