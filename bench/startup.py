#!/usr/bin/env python3
"""Start-up benchmark: the wizard against the floor (bench_floor, a bare QWizard with one page).

Runs both with --quit-after-first-paint, alternately (one warm-up each, then --runs each), in the
default mode (embedded sandbox) and with --api-url/--ca-cert (a sandbox process started here),
offscreen and on X11 (the display in DISPLAY, or an Xvfb started here when there is none).
Prints medians of the time from spawning the process to its "first paint" line, the ratio to the
floor, and the peak RSS at first paint (VmHWM, printed by the program) and over the whole run.
A benchmark: it prints figures and asserts nothing about them.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PAINT = re.compile(rb"first paint.* after (\d+) ms(?:, peak RSS (\d+) KiB)?(?:, CPU (\d+) ms)?")


def run_once(cmd, env):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    paint_s = None
    internal_ms = rss_paint = cpu_ms = None
    for line in proc.stdout:
        m = PAINT.search(line)
        if m:
            paint_s = time.perf_counter() - start
            internal_ms = int(m.group(1))
            rss_paint = int(m.group(2)) if m.group(2) else None
            cpu_ms = int(m.group(3)) if m.group(3) else None
            break
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if paint_s is None or proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: no first paint (exit {proc.returncode})")
    return {"ms": paint_s * 1000, "internal": internal_ms, "cpu": cpu_ms, "rss_paint": rss_paint,
            "rss_max": usage.ru_maxrss}


def start_sandbox(sandbox, data_dir, env):
    proc = subprocess.Popen([sandbox, "--data-dir", data_dir, "--no-access-log", "--insecure-test-kdf",
                             "--pbkdf2-iterations", "1000"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    url = ca = None
    for line in proc.stdout:
        text = line.decode()
        if text.startswith("Sandbox listening on "):
            url = text.split()[-1]
        elif text.startswith("Trust this CA certificate: "):
            ca = text.split(": ", 1)[1].strip()
        if url and ca:
            return proc, url, ca
    raise RuntimeError("the sandbox did not start")


def start_xvfb():
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                            pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read_end, 16)
        if not chunk:
            raise RuntimeError("Xvfb did not start")
        number += chunk
    os.close(read_end)
    return proc, ":" + number.decode().strip()


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def mib(kib):
    return kib / 1024.0


def measure(label, floor_cmd, wizard_cmd, env, runs):
    run_once(floor_cmd, env)  # warm-up: caches, the sandbox's certificate and database
    run_once(wizard_cmd, env)
    floor, wizard = [], []
    for _ in range(runs):
        floor.append(run_once(floor_cmd, env))
        wizard.append(run_once(wizard_cmd, env))
    f_ms, w_ms = median([r["ms"] for r in floor]), median([r["ms"] for r in wizard])
    f_in, w_in = median([r["internal"] for r in floor]), median([r["internal"] for r in wizard])
    f_cpu, w_cpu = median([r["cpu"] for r in floor]), median([r["cpu"] for r in wizard])
    f_rss, w_rss = median([r["rss_paint"] for r in floor]), median([r["rss_paint"] for r in wizard])
    f_max, w_max = median([r["rss_max"] for r in floor]), median([r["rss_max"] for r in wizard])
    print(f"| {label} | {f_ms:.0f} ms | {w_ms:.0f} ms | {w_ms / f_ms:.2f}x | {f_in:.0f} / {w_in:.0f} ms "
          f"| {f_cpu:.0f} / {w_cpu:.0f} ms ({w_cpu / f_cpu:.2f}x) "
          f"| {mib(f_rss):.1f} / {mib(w_rss):.1f} MiB ({w_rss / f_rss:.2f}x) | {mib(f_max):.1f} / {mib(w_max):.1f} MiB |",
          flush=True)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(root, "build"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--platform", choices=["offscreen", "xcb", "all"], default="all")
    parser.add_argument("--wizard", help="another build of the wizard (to compare before and after)")
    args = parser.parse_args()

    floor = os.path.join(args.build, "bench", "bench_floor")
    wizard = args.wizard or os.path.join(args.build, "app", "wizard", "vkcloud-signup")
    sandbox = os.path.join(args.build, "app", "sandbox", "vkcloud-signup-sandbox")
    for program in (floor, wizard, sandbox):
        if not os.access(program, os.X_OK):
            sys.exit(f"{program} is missing: build it first (./scripts/bench.sh does)")

    scratch = tempfile.mkdtemp(prefix="vksignup-startup-")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": scratch,  # the embedded sandbox's data and the settings: throwaway
        "LANG": "C.UTF-8",
        "QT_LOGGING_RULES": "qt.qpa.*=false",
        # No keychain: the user's own session keyring is never touched.
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=" + os.path.join(scratch, "no-bus"),
    }
    platforms = ["offscreen", "xcb"] if args.platform == "all" else [args.platform]
    server, url, ca = start_sandbox(sandbox, os.path.join(scratch, "sandbox"), env)
    xvfb = None
    print(f"Start-up: spawn to first paint, median of {args.runs} alternated runs after one warm-up each")
    print("| platform, mode | floor | wizard | ratio | in-process (QApplication to paint) floor / wizard "
          "| CPU time to first paint floor / wizard | peak RSS at first paint floor / wizard | peak RSS whole run floor / wizard |")
    print("|---|---|---|---|---|---|---|---|")
    try:
        for platform in platforms:
            penv = dict(env, QT_QPA_PLATFORM=platform)
            if platform == "xcb":
                if os.environ.get("DISPLAY"):
                    penv["DISPLAY"] = os.environ["DISPLAY"]
                elif shutil.which("Xvfb"):
                    xvfb, penv["DISPLAY"] = start_xvfb()
                else:
                    print("| xcb | no display and no Xvfb: skipped | | | | | | |")
                    continue
            floor_cmd = [floor, "--quit-after-first-paint"]
            base = [wizard, "--lang", "en", "--quit-after-first-paint"]
            measure(f"{platform}, embedded sandbox", floor_cmd, base, penv, args.runs)
            measure(f"{platform}, --api-url + --ca-cert", floor_cmd, base + ["--api-url", url, "--ca-cert", ca],
                    penv, args.runs)
            if xvfb:
                xvfb.terminate()
                xvfb.wait()
                xvfb = None
    finally:
        server.terminate()
        server.wait()
        if xvfb:
            xvfb.terminate()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
