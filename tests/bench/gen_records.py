"""Generator of the benchmark's synthetic Google Takeout archive with a big
Location History Records.json (about 1 GB by default), used by
tests/bench/bench.py for issue 8's memory bound on location history. The
file is written as Takeout writes it: `{ "locations": [ ... ] }` with
two-space indentation, latitudeE7/longitudeE7 integers (some as strings),
ISO timestamps (older entries with timestampMs), and now and then an
activity block or a Wi-Fi scan, streamed straight into the zip so the
generator's own memory stays small. One seeded RNG: the same parameters
give the same file."""

import random
import zipfile

SOURCES = ("WIFI", "CELL", "GPS", "UNKNOWN")
ACTIVITIES = ("STILL", "ON_FOOT", "WALKING", "IN_VEHICLE", "ON_BICYCLE",
              "UNKNOWN", "TILTING")
START = 1_420_070_400  # 2015-01-01


def iso(t, ms):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + \
        ".%03dZ" % ms


def entry(rnd, t):
    """One location as Takeout pretty-prints it (a list of lines)."""
    lat = 514700000 + rnd.randint(-300000, 300000)
    lon = -26000000 + rnd.randint(-400000, 400000)
    lines = []
    if rnd.random() < 0.1:
        lines.append('"latitudeE7": "%d",' % lat)
        lines.append('"longitudeE7": "%d",' % lon)
    else:
        lines.append('"latitudeE7": %d,' % lat)
        lines.append('"longitudeE7": %d,' % lon)
    lines.append('"accuracy": %d,' % rnd.choice((5, 12, 16, 20, 65, 1500)))
    lines.append('"source": "%s",' % rnd.choice(SOURCES))
    lines.append('"deviceTag": 1184882232,')
    if rnd.random() < 0.2:
        lines.append('"velocity": %d,' % rnd.randint(0, 30))
        lines.append('"altitude": %d,' % rnd.randint(0, 120))
    if rnd.random() < 0.15:
        a, b = rnd.sample(ACTIVITIES, 2)
        c = rnd.randint(50, 100)
        lines.append('"activity": [{')
        lines.append('  "activity": [{"type": "%s", "confidence": %d}, '
                     '{"type": "%s", "confidence": %d}],' % (a, c, b,
                                                             100 - c))
        lines.append('  "timestamp": "%s"' % iso(t - 2, rnd.randint(0, 999)))
        lines.append('}],')
    if rnd.random() < 0.05:
        aps = ", ".join('{"mac": "%d", "strength": %d, "frequencyMhz": 2437}'
                        % (rnd.randint(10**13, 10**14), -rnd.randint(40, 90))
                        for _ in range(rnd.randint(1, 4)))
        lines.append('"activeWifiScan": {')
        lines.append('  "accessPoints": [%s]' % aps)
        lines.append('},')
    if t < 1_546_300_800 and rnd.random() < 0.5:  # before 2019: ms strings
        lines.append('"timestampMs": "%d"' % (t * 1000))
    else:
        lines.append('"timestamp": "%s"' % iso(t, rnd.randint(0, 999)))
    return lines


def generate(path, target_mb=1024, seed=20150101):
    """Write the Takeout zip to path; returns the number of locations."""
    rnd = random.Random(seed)
    target = target_mb * 1_000_000
    n, written, t = 0, 0, START
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                         compresslevel=1) as z:
        z.writestr("Takeout/archive_browser.html",
                   "<html><body>Takeout</body></html>\n")
        z.writestr("Takeout/Location History/Settings.json",
                   '{\n  "deviceSettings": [],\n'
                   '  "retentionWindowDays": 0,\n'
                   '  "hasReportedLocations": true\n}\n')
        with z.open("Takeout/Location History/Records.json", "w",
                    force_zip64=True) as f:
            head = b'{\n  "locations": [{\n'
            f.write(head)
            written += len(head)
            buf = []
            while written < target:
                if n:
                    buf.append("  }, {\n")
                lines = entry(rnd, t)
                buf.append("".join("    " + ln + "\n" for ln in lines))
                t += rnd.randint(30, 600)
                n += 1
                if len(buf) >= 2000:
                    data = "".join(buf).encode("utf-8")
                    f.write(data)
                    written += len(data)
                    buf = []
            buf.append("  }]\n}\n")
            f.write("".join(buf).encode("utf-8"))
    return n
