#!/usr/bin/env bash
# The real app under the current X display and D-Bus session (scripts/bench provides both),
# beside a bare Tauri 2 window (tests/bare-window: the same Tauri, WebKitGTK and profile, a
# hello-world page and no core), each figure with the ratio app ÷ bare: cold start to the
# first painted screen (the sign-in screen of the data folder given), the median of 10 runs
# taken in turn, app then bare; then idle memory (PSS) of each and its WebKit processes after
# 30 s; then the size of the binary, and of the .deb when one has been built. What is measured
# is the app as shipped: target/dist/cp-tracker, built by `tauri build -- --profile dist`, and
# target/bare/dist/cp-bare-window, built with the same profile.
# Usage: scripts/lib/bench-app.sh DATA_FOLDER (CP_BENCH_PROFILE=release measures both as the
# release profile builds them instead, for a quicker look: no whole-program link)
set -euo pipefail
data=$1
python3 - "$data" <<'PY'
import os, statistics, subprocess, sys, time

data = sys.argv[1]
profile = os.environ.get("CP_BENCH_PROFILE", "dist")
app = os.path.abspath(f"target/{profile}/cp-tracker")
bare = os.path.abspath(f"target/bare/{profile}/cp-bare-window")
env = dict(os.environ, CP_TRACKER_DATA_DIR=data, CP_TRACKER_PAINT_MARK="1")

def launch(binary):
    start = time.monotonic()
    p = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in p.stdout:
        if line.startswith("cp-tracker painted"):
            return p, time.monotonic() - start
    raise SystemExit(f"{binary} exited before painting")

def stop(p):
    p.terminate()
    p.wait(timeout=10)

# Taken in turn, so a slower minute of this shared machine falls on both alike.
times = {app: [], bare: []}
for _ in range(10):
    for binary in (app, bare):
        p, t = launch(binary)
        times[binary].append(t)
        stop(p)
for t in times.values():
    t.sort()
ms = lambda s: s * 1000
start_app, start_bare = statistics.median(times[app]), statistics.median(times[bare])
print(f"{'cold start to painted, CP Tracker (sign-in screen)':<52} median {ms(start_app):9.0f} ms   "
      f"max {ms(times[app][-1]):9.0f} ms   (10 runs)")
print(f"{'cold start to painted, bare Tauri window':<52} median {ms(start_bare):9.0f} ms   "
      f"max {ms(times[bare][-1]):9.0f} ms   (10 runs, in turn)")
print(f"{'cold start, CP Tracker ÷ bare window':<52} median {start_app / start_bare:9.2f}×")

def family(pid):
    out = [pid]
    for child in subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split():
        out += family(int(child))
    return out

def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return sum(int(l.split()[1]) for l in f if l.startswith("Pss:"))
    except OSError:
        return 0

def idle_pss(binary, name):
    p, _ = launch(binary)
    time.sleep(30)  # the measurement is of the app left idle for 30 s, not a wait for a race
    pids = family(p.pid)
    total = sum(pss_kb(pid) for pid in pids)
    print(f"{'idle PSS after 30 s, ' + name + ' + WebKit (' + str(len(pids)) + ' processes)':<52} {total/1024:9.0f} MB")
    stop(p)
    return total

pss_app = idle_pss(app, "CP Tracker")
pss_bare = idle_pss(bare, "bare window")
print(f"{'idle PSS, CP Tracker ÷ bare window':<52} {pss_app / pss_bare:9.2f}×")
print(f"{'binary (target/' + profile + '/cp-tracker)':<52} {os.path.getsize(app)/1e6:9.1f} MB")
print(f"{'bare window binary (target/bare/' + profile + ')':<52} {os.path.getsize(bare)/1e6:9.1f} MB")
debs = [os.path.join(r, f) for r, _, fs in os.walk("target/dist/bundle") for f in fs if f.endswith(".deb")]
if debs:
    # Made by `tauri build --bundles deb`, which this script does not run: say when.
    built = time.strftime("%Y-%m-%d %H:%M", time.gmtime(os.path.getmtime(debs[0])))
    print(f"{'.deb (built ' + built + ' UTC)':<52} {os.path.getsize(debs[0])/1e6:9.1f} MB")
else:
    print(".deb: not built here (tauri build --bundles deb needs the Tauri CLI)")
PY
