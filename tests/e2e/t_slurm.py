"""End-to-end check of the README's Slurm job array (issue 22): a
single-node Slurm cluster started on this machine (munged, slurmctld and
slurmd from Debian's munge, slurmctld, slurmd and slurm-client packages,
with a munge key, slurm.conf and free ports written and chosen by the test
in its temporary folder, no accounting database), the README's `scan.sh`
and its two submit lines run word for word (taken from the README, so a
README change that breaks them fails here) over the demo and fixture
exports, and the merged workbook and JSON compared byte for byte with one
`conduct scan` of the same inputs. The daemons run as the current user
(root under CI; an unprivileged user works too with proctrack/linuxproc
and task/none); everything is stopped and removed afterwards, also when
the test fails. Under the ASan and TSan runs of `make check` the jobs run
the sanitizer build (CONDUCT_BIN, linked as `conduct` on the jobs' PATH,
the sanitizer options passed on by sbatch's environment).

Skipped, with the reason, when the Slurm or munge programs are missing
(scripts/install-deps installs them as root), or when, not running as
root, the daemons cannot start or run jobs here (Slurm's slurmd normally
needs root). As root, a cluster that does not come up is a failure.

Loaded by run.py (load_test_modules): test, L, check and Skip are given as
globals."""

import pwd
import os
import re
import shutil
import signal
import socket
import subprocess
import time

SLURM_PROGRAMS = ["munged", "slurmctld", "slurmd", "sbatch", "squeue",
                  "scontrol"]
# the demo export and fixture exports of several platforms (one damaged)
SLURM_CASES = [("demo", "x-jordan-2023"), ("twitter", "layout-2022"),
               ("instagram", "folders-2022"), ("google", "takeout-records"),
               ("mastodon", "archive-zip-with-follows"),
               ("facebook", "layout-2022")]
NODE = "cnode1"
START_WAIT = 30     # seconds for the daemons to come up and the node idle
JOB_WAIT = 90       # seconds for the array and the merge to finish


def _readme_blocks():
    """The README's Slurm section: the fenced block after 'A Slurm job
    array' (scan.sh) and the one after it (the submit lines)."""
    with open(os.path.join(L.ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    at = text.find("A Slurm job array")
    check(at >= 0, "README.md has no 'A Slurm job array' section")
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text[at:], re.M | re.S)
    check(len(blocks) >= 2, "README's Slurm section lost its two blocks")
    script, submit = blocks[0], blocks[1]
    check(script.startswith("#!/bin/sh\n") and "#SBATCH" in script,
          "README's first Slurm block is not a batch script:\n" + script)
    check("sbatch" in submit and "scan.sh" in submit and
          "conduct merge" in submit,
          "README's second Slurm block does not submit scan.sh and the "
          "merge:\n" + submit)
    return script, submit


def _free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _tail(path, n=6):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = [ln.rstrip() for ln in f if ln.strip()]
    except OSError:
        return "(no %s)" % os.path.basename(path)
    errs = [ln for ln in lines if "error" in ln.lower() or
            "fatal" in ln.lower()]
    return " | ".join((errs or lines)[-n:])


class Cluster:
    """munged + slurmctld + slurmd under dir, run in the foreground as
    children of the test, so that stop() can end exactly these."""

    def __init__(self, dir):
        self.dir = dir
        self.procs = []
        self.user = pwd.getpwuid(os.geteuid()).pw_name
        self.root = os.geteuid() == 0
        self.conf = os.path.join(dir, "slurm.conf")
        self.sock = os.path.join(dir, "munge", "munge.socket")
        self.log = os.path.join(dir, "log")
        self.env = {k: v for k, v in L.env().items()
                    if not k.startswith(("SLURM_", "SBATCH_", "SQUEUE_"))}
        self.env["SLURM_CONF"] = self.conf

    def _unavailable(self, why):
        """Not coming up: a failure as root, a skip otherwise."""
        if self.root:
            raise L.Fail("the Slurm cluster did not come up: " + why)
        raise L.Skip("Slurm's daemons cannot run here as %s (not root): %s"
                     % (self.user, why))

    def _spawn(self, name, args):
        out = open(os.path.join(self.log, name + ".out"), "wb")
        try:
            p = subprocess.Popen(args, env=self.env, stdin=subprocess.DEVNULL,
                                 stdout=out, stderr=subprocess.STDOUT,
                                 start_new_session=True)
        finally:
            out.close()
        self.procs.append((name, p))
        return p

    def _write_conf(self):
        # the node as slurmd sees it (CPUs, memory), under our own name
        res = subprocess.run(["slurmd", "-C"], env=self.env, timeout=30,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = res.stdout.decode().splitlines()[:1]
        if res.returncode != 0 or not first or "NodeName=" not in first[0]:
            self._unavailable("slurmd -C: exit %d %s" % (
                res.returncode, res.stderr.decode().strip()[-200:]))
        node = re.sub(r"^NodeName=\S+", "NodeName=%s NodeAddr=127.0.0.1" %
                      NODE, first[0])
        mem = re.search(r"RealMemory=(\d+)", node)
        if mem and int(mem.group(1)) < 1024:
            raise L.Skip("this machine has %s MB of memory; the README's "
                         "job asks 1 GB a task" % mem.group(1))
        ctld, slurmd = _free_ports(2)
        d = self.dir
        lines = [
            "ClusterName=conducttest",
            "SlurmctldHost=localhost",
            "SlurmctldPort=%d" % ctld, "SlurmdPort=%d" % slurmd,
            "SlurmUser=%s" % self.user, "SlurmdUser=%s" % self.user,
            "AuthType=auth/munge", "CredType=cred/munge",
            "AuthInfo=socket=" + self.sock,
            "StateSaveLocation=%s/state" % d,
            "SlurmdSpoolDir=%s/spool" % d,
            "SlurmctldPidFile=%s/slurmctld.pid" % d,
            "SlurmdPidFile=%s/slurmd.pid" % d,
            "SlurmctldLogFile=%s/log/slurmctld.log" % d,
            "SlurmdLogFile=%s/log/slurmd.log" % d,
            "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none",
            "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none",
            "SelectType=select/cons_tres", "SelectTypeParameters=CR_Core",
            "SchedulerType=sched/builtin", "MpiDefault=none",
            "ReturnToService=2", "MinJobAge=600", "MailProg=/bin/true",
            node + " State=UNKNOWN",
            "PartitionName=batch Nodes=%s Default=YES MaxTime=INFINITE "
            "State=UP" % NODE]
        L.write(self.conf, "\n".join(lines) + "\n")

    def start(self):
        for sub in ("munge", "state", "spool", "log"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        # munged wants its socket folder reachable by all, its key private
        os.chmod(self.dir, 0o755)
        os.chmod(os.path.join(self.dir, "munge"), 0o755)
        key = os.path.join(self.dir, "munge.key")
        with open(key, "wb") as f:
            f.write(os.urandom(1024))
        os.chmod(key, 0o400)
        self._write_conf()
        m = os.path.join(self.dir, "munge")
        self._spawn("munged", [
            "munged", "-F", "--force", "--key-file=" + key,
            "--socket=" + self.sock, "--pid-file=" + m + "/munged.pid",
            "--seed-file=" + m + "/munged.seed",
            "--log-file=" + self.log + "/munged.log"])
        self._wait(lambda: os.path.exists(self.sock), "munged's socket",
                   os.path.join(self.log, "munged.out"))
        self._spawn("slurmctld", ["slurmctld", "-D", "-i", "-f", self.conf])
        self._spawn("slurmd", ["slurmd", "-D", "-N", NODE, "-f", self.conf])
        self._wait(self._node_idle, "node %s idle" % NODE,
                   os.path.join(self.log, "slurmctld.log"),
                   os.path.join(self.log, "slurmd.log"))

    def _node_idle(self):
        res = self.cmd(["sinfo", "-h", "-n", NODE, "-o", "%T"], quiet=True)
        return res.returncode == 0 and res.stdout.strip() == "idle"

    def _wait(self, ready, what, *logs):
        end = time.monotonic() + START_WAIT
        while time.monotonic() < end:
            for name, p in self.procs:
                if p.poll() is not None:
                    self._unavailable("%s exited (%d): %s" % (
                        name, p.returncode, _tail(os.path.join(
                            self.log, name + ".out")) + " " + " ".join(
                                _tail(lg) for lg in logs)))
            if ready():
                return
            time.sleep(0.2)
        self._unavailable("no %s after %ds: %s" % (
            what, START_WAIT, " ".join(_tail(lg) for lg in logs)))

    def cmd(self, args, cwd=None, quiet=False, shell=False):
        """A Slurm client command (or, shell=True, a sh script) against
        this cluster; returns the CompletedProcess with text output."""
        argv = ["/bin/sh", "-c", args] if shell else args
        res = subprocess.run(argv, cwd=cwd, env=self.env, timeout=60,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True)
        if not quiet and res.returncode != 0:
            raise L.Fail("%s: exit %d: %s" % (
                args if shell else " ".join(args), res.returncode,
                res.stderr.strip()[-300:]))
        return res

    def stop(self):
        """Cancel what is left, then end the daemons, munged last."""
        if any(n == "slurmctld" and p.poll() is None for n, p in self.procs):
            self.cmd(["scancel", "-u", self.user], quiet=True)
        for name, p in reversed(self.procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=10)
        self.procs = []
        self._end_leftovers()

    def _end_leftovers(self):
        """slurmstepd (and job) processes of this cluster still running
        once slurmd is gone: those whose environment names our slurm.conf.
        Given a few seconds to finish, then killed by pid."""
        mark = ("SLURM_CONF=" + self.conf).encode()
        end = time.monotonic() + 5
        while True:
            left = []
            for pid in os.listdir("/proc"):
                if not pid.isdigit() or int(pid) == os.getpid():
                    continue
                try:
                    with open("/proc/%s/environ" % pid, "rb") as f:
                        if mark in f.read().split(b"\0"):
                            left.append(int(pid))
                except OSError:
                    pass
            if not left:
                return
            if time.monotonic() > end:
                for pid in left:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
                return
            time.sleep(0.2)


def _jobs(cluster, jid):
    """{job: (name, state, exit code)} of the array jid's tasks."""
    res = cluster.cmd(["scontrol", "-o", "show", "job", jid])
    out = {}
    for ln in res.stdout.splitlines():
        f = dict(kv.split("=", 1) for kv in ln.split() if "=" in kv)
        out[f.get("JobId")] = (f.get("JobName"), f.get("JobState"),
                               f.get("ExitCode"))
    return out


@test
def slurm_array_merge(tmp):
    """The README's Slurm array job and merge, run word for word on a
    single-node cluster started here, give the reports of one scan."""
    script, submit = _readme_blocks()
    missing = [p for p in SLURM_PROGRAMS if not shutil.which(p)]
    if missing:
        raise L.Skip("Slurm is not installed (no %s; scripts/install-deps "
                     "installs slurmctld slurmd slurm-client munge as root)"
                     % ", ".join(missing))
    check(os.access(L.CONDUCT, os.X_OK), "%s is not built" % L.CONDUCT)
    work = os.path.join(tmp, "batch")
    os.makedirs(os.path.join(work, "exports"))
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir)
    os.symlink(L.CONDUCT, os.path.join(bindir, "conduct"))
    shutil.copy(os.path.join(L.FIXTURES, "demo", "clients.csv"), work)
    inputs = []
    for i, (plat, case) in enumerate(SLURM_CASES):
        tree = os.path.join(L.FIXTURES, plat, case, "export")
        if not os.path.isdir(tree):
            tree = os.path.join(L.FIXTURES, plat, case)
        name = "exports/%d-%s-%s.zip" % (i, plat, case)
        L.mkarchive(os.path.join(work, name), tree)
        inputs.append(name)
    L.write(os.path.join(work, "inputs.txt"), "\n".join(inputs) + "\n")
    L.write(os.path.join(work, "scan.sh"), script)
    os.chmod(os.path.join(work, "scan.sh"), 0o755)

    one = L.conduct("scan", "--deterministic", "--clients", "clients.csv",
                    "-o", "../one.xlsx", "--json", "../one.json", *inputs,
                    cwd=work)
    check(one.code in (0, 1), "one scan: %s" % one.describe())

    # a short folder: munged's socket path must fit in sockaddr_un
    cdir = os.path.join(tmp, "c")
    cluster = Cluster(cdir)
    try:
        cluster.start()
        cluster.env["PATH"] = bindir + os.pathsep + cluster.env.get(
            "PATH", "/usr/bin:/bin")
        # the README's lines as they stand, then the array's job id
        res = cluster.cmd(submit + 'echo "array job $jid"\n', cwd=work,
                          shell=True)
        m = re.search(r"Submitted batch job (\d+)", res.stdout)
        a = re.search(r"^array job (\d+)$", res.stdout, re.M)
        check(m and a, "the README's submit lines printed no job ids: %r"
              % res.stdout)
        merge_jid, array_jid = m.group(1), a.group(1)
        end = time.monotonic() + JOB_WAIT
        while True:
            q = cluster.cmd(["squeue", "-h", "-o", "%i %T %r"])
            if not q.stdout.strip():
                break
            check(time.monotonic() < end, "jobs not done after %ds: %s; "
                  "slurmctld: %s" % (JOB_WAIT, q.stdout.strip()[:300],
                                     _tail(os.path.join(cluster.log,
                                                        "slurmctld.log"))))
            time.sleep(0.25)
        tasks = _jobs(cluster, array_jid)
        merge = _jobs(cluster, merge_jid)
        outs = {}
        for fn in sorted(os.listdir(work)):
            if fn.startswith("slurm-") and fn.endswith(".out"):
                with open(os.path.join(work, fn), errors="replace") as f:
                    outs[fn] = f.read().strip()[-400:]
        detail = "; ".join("%s: %s" % kv for kv in outs.items() if kv[1])
        check(len(tasks) == len(inputs), "%d array tasks for %d inputs: %s"
              % (len(tasks), len(inputs), tasks))
        for jid, (name, state, code) in sorted(tasks.items()) + \
                sorted(merge.items()):
            # exit 1 is a partial input (the damaged fixture), no crash
            check(state in ("COMPLETED", "FAILED") and
                  code in ("0:0", "1:0"), "job %s %s exit %s: %s" % (
                      jid, state, code, detail))
        check(all(t[0] == "conduct" for t in tasks.values()),
              "the #SBATCH line's --job-name was not applied: %s" % tasks)
        parts = sorted(os.listdir(os.path.join(work, "parts")))
        check(parts == ["%05d" % (i + 1) for i in range(len(inputs))],
              "parts folders %s" % parts)
    finally:
        cluster.stop()
    for got, want in (("review.json", "one.json"),
                      ("review.xlsx", "one.xlsx")):
        g = os.path.join(work, got)
        check(os.path.exists(g), "the merge job wrote no %s: %s" % (
            got, detail))
        with open(g, "rb") as f1, open(os.path.join(tmp, want), "rb") as f2:
            check(f1.read() == f2.read(), "Slurm array + merge: %s differs "
                  "from one scan's %s" % (got, want))
