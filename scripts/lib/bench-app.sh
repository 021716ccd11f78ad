#!/usr/bin/env bash
# The real app under the current X display and D-Bus session (scripts/bench provides both),
# beside a bare Tauri 2 window (tests/bare-window: the same Tauri, WebKitGTK and profile, a
# hello-world page and no core), each figure with the ratio app ÷ bare: cold start to the
# first painted screen (the sign-in screen of the data folder given), the median of 10 runs
# taken in turn, app then bare; then idle memory (PSS) of each and its WebKit processes after
# 30 s; then the size of the binary, and of the .deb when one has been built. Both figures
# also for the bare window showing the app's sign-in screen as static HTML in its styles
# (CP_BARE_PAGE=sign-in.html): what drawing that screen costs any window, so each run says
# how much of the app's ratio is the screen itself and how much the app's making of it. What is measured
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

# The app, the bare window, and the bare window showing the sign-in screen (static).
APP, BARE, SCREEN = "app", "bare", "screen"
programs = {APP: (app, env), BARE: (bare, env), SCREEN: (bare, dict(env, CP_BARE_PAGE="sign-in.html"))}

def launch(program):
    binary, program_env = programs[program]
    start = time.monotonic()
    p = subprocess.Popen([binary], env=program_env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in p.stdout:
        if line.startswith("cp-tracker painted"):
            return p, time.monotonic() - start
    raise SystemExit(f"{binary} exited before painting")

def stop(p):
    p.terminate()
    p.wait(timeout=10)

# Taken in turn, so a slower minute of this shared machine falls on all alike.
times = {program: [] for program in programs}
for _ in range(10):
    for program in programs:
        p, t = launch(program)
        times[program].append(t)
        stop(p)
for t in times.values():
    t.sort()
ms = lambda s: s * 1000
start = {program: statistics.median(t) for program, t in times.items()}
names = {APP: "CP Tracker (sign-in screen)", BARE: "bare Tauri window", SCREEN: "bare window, sign-in screen as HTML"}
for program, name in names.items():
    print(f"{'cold start to painted, ' + name:<80} median {ms(start[program]):7.0f} ms   "
          f"max {ms(times[program][-1]):7.0f} ms   (10 runs, in turn)")
print(f"{'cold start, CP Tracker ÷ bare window':<80} median {start[APP] / start[BARE]:7.2f}×")
print(f"{'cold start, the screen as HTML ÷ bare window':<80} median {start[SCREEN] / start[BARE]:7.2f}×")
print(f"{'cold start, CP Tracker ÷ the screen as HTML':<80} median {start[APP] / start[SCREEN]:7.2f}×")

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

def idle_pss(program):
    name = names[program]
    p, _ = launch(program)
    time.sleep(30)  # the measurement is of the app left idle for 30 s, not a wait for a race
    pids = family(p.pid)
    total = sum(pss_kb(pid) for pid in pids)
    print(f"{'idle PSS after 30 s, ' + name + ' + WebKit (' + str(len(pids)) + ' processes)':<80} {total/1024:7.0f} MB")
    stop(p)
    return total

pss = {program: idle_pss(program) for program in programs}
print(f"{'idle PSS, CP Tracker ÷ bare window':<80} {pss[APP] / pss[BARE]:7.2f}×")
print(f"{'idle PSS, the screen as HTML ÷ bare window':<80} {pss[SCREEN] / pss[BARE]:7.2f}×")
print(f"{'idle PSS, CP Tracker ÷ the screen as HTML':<80} {pss[APP] / pss[SCREEN]:7.2f}×")
print(f"{'binary (target/' + profile + '/cp-tracker)':<80} {os.path.getsize(app)/1e6:7.1f} MB")
print(f"{'bare window binary (target/bare/' + profile + ')':<80} {os.path.getsize(bare)/1e6:7.1f} MB")
debs = [os.path.join(r, f) for r, _, fs in os.walk("target/dist/bundle") for f in fs if f.endswith(".deb")]
if debs:
    # Made by `tauri build --bundles deb`, which this script does not run: say when.
    built = time.strftime("%Y-%m-%d %H:%M", time.gmtime(os.path.getmtime(debs[0])))
    print(f"{'.deb (built ' + built + ' UTC)':<80} {os.path.getsize(debs[0])/1e6:7.1f} MB")
else:
    print(".deb: not built here (tauri build --bundles deb needs the Tauri CLI)")
PY
