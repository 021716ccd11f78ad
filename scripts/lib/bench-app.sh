#!/usr/bin/env bash
# The real app under the current X display and D-Bus session (scripts/bench provides both),
# beside a bare Tauri 2 window (tests/bare-window: the same Tauri, WebKitGTK and profile, a
# hello-world page and no core), each figure with the ratio app ÷ bare: cold start to the
# first painted screen (the sign-in screen of the data folder given), the median of 10 runs
# taken in turn; then idle memory (PSS) of each and its WebKit processes after 30 s; then the
# size of the binary, and of the .deb when one has been built. Both figures also for the bare
# window showing the app's sign-in screen as static HTML in its styles
# (CP_BARE_PAGE=sign-in.html): what drawing that screen costs any window, so each run says
# how much of the app's ratio is the screen itself and how much the app's making of it.
# On a computer with no graphics processor the app draws its pages on the processor
# (src-tauri/src/renderer.rs) where WebKit's default is software OpenGL, so every window is
# also measured the other way round, and the ratios are given like for like as well as each
# window as it comes. What is measured is the app as shipped: target/dist/cp-tracker, built by
# `tauri build -- --profile dist`, and target/bare/dist/cp-bare-window, built with the same
# profile.
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
CPU = "WEBKIT_SKIA_ENABLE_CPU_RENDERING"  # WebKit's switch: unset or "0", OpenGL; else the processor
env = dict(os.environ, CP_TRACKER_DATA_DIR=data, CP_TRACKER_PAINT_MARK="1")
env.pop(CPU, None)  # each window as it comes, unless told below
gl, cpu = dict(env, **{CPU: "0"}), dict(env, **{CPU: "1"})
page = {"CP_BARE_PAGE": "sign-in.html"}

# Each window as it comes, then the other way round: the app told to draw through OpenGL, the
# bare window (hello world, and the sign-in screen as HTML) told to draw on the processor.
programs = {
    "app": (app, env, "CP Tracker (sign-in screen), as it comes"),
    "bare": (bare, env, "bare Tauri window, as it comes (OpenGL)"),
    "screen": (bare, dict(env, **page), "bare window, sign-in screen as HTML (OpenGL)"),
    "app-gl": (app, gl, "CP Tracker, told to draw through OpenGL"),
    "bare-cpu": (bare, cpu, "bare Tauri window, told to draw on the processor"),
    "screen-cpu": (bare, dict(cpu, **page), "bare window, sign-in screen as HTML, on the processor"),
}

def family(pid):
    out = [pid]
    for child in subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split():
        out += family(int(child))
    return out

def draws_on_the_processor(pid):
    """What the app chose, read from the environment its web process was started with."""
    for child in family(pid)[1:]:
        try:
            with open(f"/proc/{child}/comm") as f:
                if not f.read().startswith("WebKitWeb"):
                    continue
            with open(f"/proc/{child}/environ", "rb") as f:
                values = dict(v.split(b"=", 1) for v in f.read().split(b"\0") if b"=" in v)
        except OSError:
            continue
        return values.get(CPU.encode(), b"0") != b"0"
    raise SystemExit("the app's web process was not found")

def launch(program, look=False):
    binary, program_env, _ = programs[program]
    start = time.monotonic()
    p = subprocess.Popen([binary], env=program_env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in p.stdout:
        if line.startswith("cp-tracker painted"):
            elapsed = time.monotonic() - start
            return p, elapsed, (draws_on_the_processor(p.pid) if look else None)
    raise SystemExit(f"{binary} exited before painting")

def stop(p):
    p.terminate()
    p.wait(timeout=10)

p, _, app_on_processor = launch("app", look=True)
stop(p)
print("CP Tracker draws its pages " + ("on the processor (this computer has no graphics processor)"
      if app_on_processor else "through OpenGL, as WebKit does by default"))

# Taken in turn, so a slower minute of this shared machine falls on all alike.
times = {program: [] for program in programs}
for _ in range(10):
    for program in programs:
        p, t, _ = launch(program)
        times[program].append(t)
        stop(p)
for t in times.values():
    t.sort()
ms = lambda s: s * 1000
start = {program: statistics.median(t) for program, t in times.items()}
for program, (_, _, name) in programs.items():
    print(f"{'cold start to painted, ' + name:<90} median {ms(start[program]):7.0f} ms   "
          f"max {ms(times[program][-1]):7.0f} ms   (10 runs, in turn)")

# Like for like needs the app drawn as the bare window is: "app-gl" through OpenGL, and the
# app as it comes on the processor only when that is what it chose (else there is no such run).
app_cpu = "app" if app_on_processor else None
ratios = [
    ("CP Tracker ÷ bare window, each as it comes", "app", "bare"),
    ("CP Tracker ÷ bare window, both through OpenGL", "app-gl", "bare"),
    ("CP Tracker ÷ bare window, both on the processor", app_cpu, "bare-cpu"),
    ("the screen as HTML ÷ bare window, through OpenGL", "screen", "bare"),
    ("the screen as HTML ÷ bare window, on the processor", "screen-cpu", "bare-cpu"),
    ("CP Tracker ÷ the screen as HTML, through OpenGL", "app-gl", "screen"),
    ("CP Tracker ÷ the screen as HTML, on the processor", app_cpu, "screen-cpu"),
]

def print_ratios(what, figures):
    for name, top, bottom in ratios:
        if top:
            print(f"{what + ', ' + name:<90} {figures[top] / figures[bottom]:7.2f}×")

print_ratios("cold start (medians)", start)

def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return sum(int(l.split()[1]) for l in f if l.startswith("Pss:"))
    except OSError:
        return 0

def idle_pss(program):
    name = programs[program][2]
    p, _, _ = launch(program)
    time.sleep(30)  # the measurement is of the app left idle for 30 s, not a wait for a race
    pids = family(p.pid)
    total = sum(pss_kb(pid) for pid in pids)
    print(f"{'idle PSS after 30 s, ' + name + ' + WebKit (' + str(len(pids)) + ')':<90} {total/1024:7.0f} MB")
    stop(p)
    return total

pss = {program: idle_pss(program) for program in programs}
print_ratios("idle PSS", pss)
print(f"{'binary (target/' + profile + '/cp-tracker)':<90} {os.path.getsize(app)/1e6:7.1f} MB")
print(f"{'bare window binary (target/bare/' + profile + ')':<90} {os.path.getsize(bare)/1e6:7.1f} MB")
debs = [os.path.join(r, f) for r, _, fs in os.walk("target/dist/bundle") for f in fs if f.endswith(".deb")]
if debs:
    # Made by `tauri build --bundles deb`, which this script does not run: say when.
    built = time.strftime("%Y-%m-%d %H:%M", time.gmtime(os.path.getmtime(debs[0])))
    print(f"{'.deb (built ' + built + ' UTC)':<90} {os.path.getsize(debs[0])/1e6:7.1f} MB")
else:
    print(".deb: not built here (tauri build --bundles deb needs the Tauri CLI)")
PY
