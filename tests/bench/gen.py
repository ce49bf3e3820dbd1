"""Generator of the benchmark's synthetic X (Twitter) archive and client
register, used by tests/bench/bench.py. Everything comes from one seeded
RNG, so the same parameters give the same files. data/tweets.js is written
exactly as 2022+ archives pretty-print it (`window.YTD.tweets.part0 = [`,
two-space indentation, " : " separators, empty arrays as `[ ]`, numbers as
strings, newest tweet first); the other members are small. Some tweets
mention registered clients and some followed accounts are clients, so the
rules have work to do. bench.py hashes this file: editing it regenerates
the cached archive."""

import json
import os
import random
import time
import zipfile

WORDS = (
    "the a to and of in for on is it that with this was at be by we you "
    "are have from not our all so can more new just about time day today "
    "week team work meeting great good thanks love like see get back home "
    "morning evening night weekend coffee lunch run walk park river city "
    "train bus book music film game match football rain sun snow cold warm "
    "happy tired busy proud family friends kids garden cake dinner project "
    "report training course conference colleagues office community local "
    "support service volunteer charity event ticket holiday trip beach "
    "mountain photo video podcast article news update question answer idea "
    "plan hope really very much still already never always sometimes "
    "tomorrow yesterday tonight finally again first last best worst little "
    "big long short early late quick slow"
).split()
FIRST = (
    "Evelyn Robin Sam Alex Jordan Casey Morgan Taylor Jamie Riley Avery "
    "Quinn Harper Rowan Sage Emery Finley Hayden Parker Reese Skyler Dana "
    "Elliot Frankie Gray Jesse Kendall Logan Marley Noel Oakley Peyton "
    "Remy Shannon Tatum Val Wren Ash Blair Cameron Drew Ellis Fran Glen "
    "Hollis Indy Jo Kit Lee Mika"
).split()
LAST = (
    "Example Sample Tester Placeholder Fictional Madeup Nobody Someone "
    "Anyone Imaginary Pretend Notreal Invented Dummy Specimen Instance "
    "Mockley Fakeham Synthe Generato Randall Seedwell Fixture Mockford "
    "Stubbs Drafton Proto Modelle Templeton Casewell Demoson Trialby "
    "Pilotte Sketchley Outline Roughton Drafty Blanksby Nullman Voidley"
).split()
# Surnames of people who are not clients, so display names seldom collide.
OTHER_LAST = (
    "Baker Runner Gardener Painter Walker Reader Writer Singer Fisher "
    "Rider Climber Swimmer Hiker Cyclist Skater Rower Sailor Potter Weaver "
    "Turner"
).split()
SOURCES = (
    '<a href="http://twitter.com/download/iphone" rel="nofollow">'
    'Twitter for iPhone</a>',
    '<a href="http://twitter.com/download/android" rel="nofollow">'
    'Twitter for Android</a>',
    '<a href="https://mobile.twitter.com" rel="nofollow">'
    'Twitter Web App</a>',
)
EMOJI = ("\U0001f600", "\U0001f44d", "\u2764\ufe0f", "\U0001f389",
         "\u2615")

SUBJECT_ID = "1400000001"
SUBJECT = "bench_worker"
FIRST_ID = 1_000_000_000_000_000_000
START = 1_325_376_000  # 2012-01-01
END = 1_696_118_400    # 2023-10-01


def q(s):
    """A JSON string as the export writes it (UTF-8, not \\u escapes)."""
    return json.dumps(s, ensure_ascii=False)


def clients(rnd, n):
    """n register rows: (ref, name, handle or '', account id or '')."""
    rows, seen = [], set()
    while len(rows) < n:
        name = "%s %s" % (rnd.choice(FIRST), rnd.choice(LAST))
        if rnd.random() < 0.3:
            name += "-%s" % rnd.choice(LAST)
        if name in seen:
            continue
        seen.add(name)
        i = len(rows) + 1
        handle = ("%s_%d" % (name.split()[0].lower(), i)
                  if rnd.random() < 0.5 else "")
        acc = str(2_000_000_000 + i) if rnd.random() < 0.5 else ""
        rows.append(("C-%05d" % i, name, handle, acc))
    return rows


def write_register(path, rows, rnd):
    with open(path, "w", encoding="utf-8") as f:
        f.write("ref,names,handles,account_ids,active_from,active_to,"
                "former\n")
        for ref, name, handle, acc in rows:
            start = rnd.randrange(2012, 2023)
            end = ("%d-%02d-28" % (start + rnd.randrange(1, 4),
                                   rnd.randrange(1, 13))
                   if rnd.random() < 0.6 else "")
            f.write("%s,%s,%s,%s,%d-%02d-01,%s,%s\n" % (
                ref, name, "twitter:" + handle if handle else "",
                "twitter:" + acc if acc else "", start,
                rnd.randrange(1, 13), end,
                "yes" if rnd.random() < 0.2 else "no"))


def mention(rnd, rows):
    """A user_mentions element and its '@handle' text."""
    if rnd.random() < 0.05:
        ref, name, handle, acc = rnd.choice(rows)
        if handle and acc:
            return name, handle, acc
    n = rnd.randrange(10_000, 9_999_999)
    return ("%s %s" % (rnd.choice(FIRST), rnd.choice(OTHER_LAST)),
            "user%d" % n, str(n))


# The heavy-findings case (issue 22): a share of the posts talk about
# casework at work, so case-talk flags them. Its own RNG, so the rest of
# the archive is the same tweet for tweet as the plain one.
CASEWORK = {"share": 0.0, "rnd": None}
CASE_PHRASES = (
    "at work today the case conference ran late",
    "busy shift with a home visit for my client",
    "office all morning writing up the child protection plan",
    "team meeting then a core group for one of my families",
    "my manager signed off the safeguarding referral at work",
)


def text(rnd, rows):
    words = [rnd.choice(WORDS) for _ in range(rnd.randrange(6, 40))]
    cw = CASEWORK["rnd"]
    if cw and cw.random() < CASEWORK["share"]:
        words.insert(cw.randrange(len(words)), cw.choice(CASE_PHRASES))
    r = rnd.random()
    if r < 0.002:  # a client named in the text
        words.insert(rnd.randrange(len(words)), rnd.choice(rows)[1])
    elif r < 0.05:
        words.append("&amp;")
        words.append(rnd.choice(WORDS))
    if rnd.random() < 0.05:
        words.append(rnd.choice(EMOJI))
    s = " ".join(words)
    return s[0].upper() + s[1:]


def indent(lines, n):
    pad = " " * n
    return [pad + ln for ln in lines]


def mentions_block(ms):
    if not ms:
        return ['"user_mentions" : [ ],']
    out = ['"user_mentions" : [']
    for k, (name, handle, uid, a, b) in enumerate(ms):
        out += indent([
            "{",
            '  "name" : %s,' % q(name),
            '  "screen_name" : %s,' % q(handle),
            '  "indices" : [',
            '    "%d",' % a,
            '    "%d"' % b,
            "  ],",
            '  "id_str" : "%s",' % uid,
            '  "id" : "%s"' % uid,
            "}" + ("," if k + 1 < len(ms) else ""),
        ], 2)
    out.append("],")
    return out


def tweet_lines(rnd, rows, tid, when):
    """One element of the tweets array, indented as in the export."""
    ms = []
    prefix = ""
    for _ in range(rnd.choice((0, 0, 0, 1, 1, 2))):
        name, handle, uid = mention(rnd, rows)
        a = len(prefix)
        prefix += "@%s " % handle
        ms.append((name, handle, uid, a, a + len(handle) + 1))
    body = prefix + text(rnd, rows)
    tags = []
    if rnd.random() < 0.1:
        tag = rnd.choice(WORDS)
        a = len(body) + 1
        body += " #" + tag
        tags = [(tag, a, a + len(tag) + 1)]
    created = time.strftime("%a %b %d %H:%M:%S +0000 %Y", time.gmtime(when))
    editable = time.strftime("%Y-%m-%dT%H:%M:%S.000Z",
                             time.gmtime(when + 3600))
    inner = [
        '"edit_info" : {',
        '  "initial" : {',
        '    "editTweetIds" : [',
        '      "%d"' % tid,
        "    ],",
        '    "editableUntil" : "%s",' % editable,
        '    "editsRemaining" : "5",',
        '    "isEditEligible" : %s' % ("true" if rnd.random() < 0.3
                                       else "false"),
        "  }",
        "},",
        '"retweeted" : false,',
        '"source" : %s,' % q(rnd.choice(SOURCES)),
        '"entities" : {',
    ]
    ent = []
    if tags:
        ent += ['"hashtags" : [', "  {",
                '    "text" : %s,' % q(tags[0][0]),
                '    "indices" : [',
                '      "%d",' % tags[0][1], '      "%d"' % tags[0][2],
                "    ]", "  }", "],"]
    else:
        ent.append('"hashtags" : [ ],')
    ent.append('"symbols" : [ ],')
    ent += mentions_block(ms)
    ent.append('"urls" : [ ]')
    inner += indent(ent, 2)
    inner += [
        "},",
        '"display_text_range" : [',
        '  "0",',
        '  "%d"' % len(body),
        "],",
        '"favorite_count" : "%d",' % rnd.choice((0, 0, 1, 2, 3, 5, 12)),
    ]
    if ms and rnd.random() < 0.5:
        inner += [
            '"in_reply_to_status_id_str" : "%d",' % (tid - 7919),
            '"in_reply_to_user_id" : "%s",' % ms[0][2],
            '"in_reply_to_status_id" : "%d",' % (tid - 7919),
            '"in_reply_to_screen_name" : %s,' % q(ms[0][1]),
            '"in_reply_to_user_id_str" : "%s",' % ms[0][2],
        ]
    inner += [
        '"id_str" : "%d",' % tid,
        '"truncated" : false,',
        '"retweet_count" : "%d",' % rnd.choice((0, 0, 0, 1, 2)),
        '"id" : "%d",' % tid,
        '"created_at" : "%s",' % created,
        '"favorited" : false,',
        '"full_text" : %s,' % q(body),
        '"lang" : "en"',
    ]
    return ["  {", '    "tweet" : {'] + indent(inner, 6) + ["    }", "  }"]


def write_tweets(path, rnd, rows, target_bytes):
    """Write tweets until the file reaches target_bytes; returns count."""
    # Estimate the count first so the times spread over the period.
    per_tweet = 1300
    n_est = max(1, target_bytes // per_tweet)
    step = max(1, (END - START) // n_est)
    tid = FIRST_ID + n_est * 4_000_000
    when = END
    written = n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        head = "window.YTD.tweets.part0 = [\n"
        f.write(head)
        written += len(head)
        chunk = []
        while written < target_bytes:
            if n:
                chunk.append(",\n")
                written += 2
            s = "\n".join(tweet_lines(rnd, rows, tid, when))
            chunk.append(s)
            written += len(s.encode("utf-8"))
            n += 1
            tid -= rnd.randrange(1_000_000, 7_000_000)
            when = max(START, when - rnd.randrange(1, 2 * step + 1))
            if len(chunk) >= 2000:
                f.write("".join(chunk))
                chunk = []
        chunk.append("\n]")
        f.write("".join(chunk))
    return n


def ytd_pretty(name, key, items):
    """A small pretty-printed window.YTD file of {key: {...}} elements."""
    out = ["window.YTD.%s.part0 = [" % name]
    for k, obj in enumerate(items):
        fields = list(obj.items())
        out += ["  {", '    "%s" : {' % key]
        for j, (fk, fv) in enumerate(fields):
            out.append('      "%s" : %s%s' % (fk, q(fv),
                                             "," if j + 1 < len(fields)
                                             else ""))
        out += ["    }", "  }" + ("," if k + 1 < len(items) else "")]
    out.append("]")
    return "\n".join(out)


def follows(rnd, rows, n):
    ids = [acc for _, _, _, acc in rows if acc]
    out = []
    for _ in range(n):
        uid = (rnd.choice(ids) if rnd.random() < 0.01
               else str(rnd.randrange(10_000, 1_999_999_999)))
        out.append({"accountId": uid,
                    "userLink": "https://twitter.com/intent/user?user_id="
                                + uid})
    return out


def manifest(n_tweets, n_following, n_followers, size):
    def files(fname, gname, count):
        return {"files": [{"fileName": "data/%s.js" % fname,
                           "globalName": "YTD.%s.part0" % gname,
                           "count": str(count)}]}
    doc = {
        "userInfo": {"accountId": SUBJECT_ID, "userName": SUBJECT,
                     "displayName": "Bench Worker"},
        "archiveInfo": {"sizeBytes": str(size),
                        "generationDate": "2023-10-02T09:00:00.000Z",
                        "isPartialArchive": False,
                        "maxPartSizeBytes": "53687091200"},
        "readmeInfo": {"fileName": "data/README.txt",
                       "directory": "data/", "name": "README.txt"},
        "dataTypes": {
            "account": files("account", "account", 1),
            "follower": files("follower", "follower", n_followers),
            "following": files("following", "following", n_following),
            "tweets": dict(files("tweets", "tweets", n_tweets),
                           mediaDirectory="data/tweets_media"),
        },
    }
    return "window.__THAR_CONFIG = " + json.dumps(
        doc, indent=2, separators=(",", " : "))


def generate(outdir, target_mb=300, seed=20231002, n_clients=1000,
             n_following=3000, n_followers=1200, n_media=20, casework=0.0):
    """Write tweets.js, clients.csv and x-archive.zip into outdir; return
    a dict describing them. casework: the share of posts given a casework
    phrase (the heavy-findings case)."""
    rnd = random.Random(seed)
    CASEWORK["share"] = casework
    CASEWORK["rnd"] = random.Random(seed + 1) if casework else None
    os.makedirs(outdir, exist_ok=True)
    rows = clients(rnd, n_clients)
    reg = os.path.join(outdir, "clients.csv")
    write_register(reg, rows, rnd)
    tweets = os.path.join(outdir, "tweets.js")
    n_tweets = write_tweets(tweets, rnd, rows, target_mb * 1_000_000)
    following = follows(rnd, rows, n_following)
    followers = follows(rnd, rows, n_followers)
    small = {
        "data/manifest.js": manifest(n_tweets, n_following, n_followers,
                                     os.path.getsize(tweets)),
        "data/account.js": ytd_pretty("account", "account", [{
            "email": "bench@example.org", "createdVia": "web",
            "username": SUBJECT, "accountId": SUBJECT_ID,
            "createdAt": "2011-11-11T11:11:11.000Z",
            "accountDisplayName": "Bench Worker"}]),
        "data/following.js": ytd_pretty("following", "following",
                                        following),
        "data/follower.js": ytd_pretty("follower", "follower", followers),
        "Your archive.html": "<!DOCTYPE html><html><body>Your archive"
                             "</body></html>\n",
    }
    media = {"data/tweets_media/%d-%08x.jpg" % (FIRST_ID + i,
                                                 rnd.getrandbits(32)):
             rnd.randbytes(256 * 1024) if hasattr(rnd, "randbytes") else
             bytes(rnd.getrandbits(8) for _ in range(256 * 1024))
             for i in range(n_media)}
    zpath = os.path.join(outdir, "x-archive.zip")
    tmp = zpath + ".tmp"
    stamp = (2023, 10, 2, 9, 0, 0)
    with zipfile.ZipFile(tmp, "w") as z:
        def info(name, method):
            zi = zipfile.ZipInfo(name, stamp)
            zi.compress_type = method
            zi.external_attr = 0o644 << 16
            return zi
        for name in sorted(small):
            z.writestr(info(name, zipfile.ZIP_DEFLATED),
                       small[name].encode("utf-8"))
        zi = info("data/tweets.js", zipfile.ZIP_DEFLATED)
        zi.file_size = os.path.getsize(tweets)  # no zip64 under 4 GiB
        with open(tweets, "rb") as src, z.open(zi, "w") as dst:
            for block in iter(lambda: src.read(1 << 20), b""):
                dst.write(block)
        for name in sorted(media):
            z.writestr(info(name, zipfile.ZIP_STORED), media[name])
    os.replace(tmp, zpath)
    return {"tweets": n_tweets, "following": n_following,
            "followers": n_followers, "clients": n_clients,
            "tweets_bytes": os.path.getsize(tweets),
            "zip_bytes": os.path.getsize(zpath),
            "archive": zpath, "register": reg, "tweets_js": tweets}
