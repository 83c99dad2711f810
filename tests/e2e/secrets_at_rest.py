#!/usr/bin/python3
"""No secret at rest after a whole sign-up through the real program.

The real vkcloud-signup runs on its own Xvfb display with a private HOME, XDG directories and
TMPDIR, and the real gnome-keyring of tests/with-keyring.sh. A person's keys (xdotool) take it
from Welcome to Done, as in signup_walk.py, with a password, a card number and a CVC made
for this run. Then the session token is read back from the keychain (secret-tool), and every
file under HOME, the sandbox's data directory (database, -wal, -shm, outbox, certificates, the
sandbox's log) and the temporary directory is read byte by byte for the token, the password, the
card number (plain, grouped with spaces, grouped with dashes) and the CVC next to its name, in
UTF-8 and UTF-16. Any hit fails the test with the file and the offset.

    --mode embedded  the program's own sandbox (no --api-url), its data under XDG_DATA_HOME
    --mode api-url   a sandbox started as a process of its own, given with --api-url and --ca-cert

Run it inside tests/with-keyring.sh:
    with-keyring.sh /usr/bin/python3 secrets_at_rest.py --wizard W --sandbox S --mode embedded
"""

import argparse
import datetime
import glob
import os
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import FIELDS, TIMEOUT, focus_window, stop_all, TITLES, Failure, Reader, Screen, Sandbox, log, wait_for, xdotool  # noqa: E402

KEYCHAIN_SERVICE = "VK Cloud sign-up"


def luhn_complete(prefix, length):
    """`prefix` padded with random digits to `length`, the last one the Luhn check digit."""
    digits = prefix + "".join(random.choice("0123456789") for _ in range(length - len(prefix) - 1))
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2 == 0:  # doubled: every second digit counting from the check digit, which is not there yet
            n = n * 2 - 9 if n * 2 > 9 else n * 2
        total += n
    return digits + str((10 - total % 10) % 10)


def needles(secrets):
    """What to look for: every secret as it could be written, in UTF-8 and UTF-16 (LE and BE)."""
    patterns = []
    for name, texts in secrets.items():
        for text in texts:
            raw = re.escape(text.encode())
            patterns.append((name, re.compile(raw)))
            for codec in ("utf-16-le", "utf-16-be"):
                patterns.append((f"{name} (UTF-16)", re.compile(re.escape(text.encode(codec)))))
    return patterns


def cvc_patterns(cvc):
    """The CVC as it would be stored: after its name, with quotes, colons, spaces or '=' between."""
    out = []
    for codec in ("utf-8", "utf-16-le", "utf-16-be"):
        def enc(s, codec=codec):
            return re.escape(s.encode(codec))
        gap = b"(?:" + b"|".join(enc(c) for c in ['"', "'", ":", "=", " ", "\\"]) + b"){0,8}"
        name = b"(?:" + b"|".join(enc(n) for n in ["cvc", "CVC", "cvv", "CVV", "Cvc", "security_code"]) + b")"
        label = "CVC" if codec == "utf-8" else "CVC (UTF-16)"
        out.append((label, re.compile(name + gap + enc(cvc))))
    return out


def scan(roots, patterns):
    """Every regular file under `roots`, read whole: a list of (file, offset, what)."""
    hits = []
    seen = set()
    files = 0
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for n in names:
                path = os.path.join(folder, n)
                real = os.path.realpath(path)
                if real in seen or not os.path.isfile(path) or os.path.islink(path):
                    continue
                seen.add(real)
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError as error:
                    raise Failure(f"cannot read {path}: {error}")
                files += 1
                for what, pattern in patterns:
                    for m in pattern.finditer(data):
                        hits.append((path, m.start(), what))
    return hits, files


def keychain_token(key):
    answer = subprocess.run(["secret-tool", "lookup", "server", KEYCHAIN_SERVICE, "user", key],
                            capture_output=True, text=True, timeout=30)
    return answer.stdout.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wizard", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--mode", required=True, choices=("embedded", "api-url"))
    args = parser.parse_args()
    lang = "en"
    titles, fields = TITLES[lang], FIELDS[lang]
    all_titles = list(titles.values())

    home = os.environ.get("VKSIGNUP_TEST_HOME")
    if not home or os.path.realpath(home) != os.path.realpath(os.environ.get("HOME", "")):
        print("FAIL: run through tests/with-keyring.sh (a private HOME and keyring)", file=sys.stderr)
        return 1

    # Made for this run, so that none of them can be in a file by chance.
    # Distinct characters: no repeated group the password rules refuse.
    password = "Rs-" + "".join(random.sample(string.ascii_letters + string.digits, 12))
    card = luhn_complete("2202", 16)  # Mir, a brand every region takes
    cvc = str(random.randrange(100, 1000))
    card_forms = [card, " ".join(card[i:i + 4] for i in range(0, 16, 4)), "-".join(card[i:i + 4] for i in range(0, 16, 4))]

    work = tempfile.mkdtemp(prefix="vksignup-secrets-")
    tmp = os.path.join(work, "tmp")
    sandbox_dir = os.path.join(work, "sandbox") if args.mode == "api-url" else None
    os.makedirs(tmp, mode=0o700)
    os.environ.pop("VKCLOUD_SIGNUP_API_URL", None)
    env = dict(os.environ, TMPDIR=tmp, XDG_DATA_HOME=os.path.join(home, ".local", "share"),
               XDG_CONFIG_HOME=os.path.join(home, ".config"), XDG_CACHE_HOME=os.path.join(home, ".cache"),
               XDG_STATE_HOME=os.path.join(home, ".local", "state"))
    screen = sandbox = wizard = reader = None
    logs = []
    try:
        screen = Screen()
        env["DISPLAY"] = os.environ["DISPLAY"] = screen.display
        arguments = [args.wizard, "--lang", lang]
        if args.mode == "api-url":
            # The sandbox's access log goes to a file in its data directory: scanned too.
            os.makedirs(sandbox_dir)
            sandbox_log = open(os.path.join(sandbox_dir, "sandbox.log"), "w")
            logs.append(sandbox_log)
            sandbox = Sandbox(args.sandbox, sandbox_dir, access_log=sandbox_log, env=env)
            arguments += ["--api-url", sandbox.url, "--ca-cert", sandbox.ca]
            log("sandbox process at", sandbox.url)

        # The program's own output goes to a file in the temporary directory: scanned too.
        wizard_log = open(os.path.join(tmp, "wizard-output.log"), "w")
        logs.append(wizard_log)
        wizard = subprocess.Popen(arguments, stdout=wizard_log, stderr=subprocess.STDOUT,
                                  env=dict(env, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                                           QT_ACCESSIBILITY="1",
                                           QT_LOGGING_RULES="qt.qpa.*=false;qt.accessibility.*=false"))
        focus_window(wizard.pid)
        reader = Reader(wizard.pid)

        def on_page(key):
            wait_for(f"page '{titles[key]}'", lambda: reader.page_title(all_titles) == titles[key])
            log("on page:", titles[key])

        def type_into(name, text):
            wait_for(f"focus on '{name}'", lambda: (reader.focused() or (None, None))[1] == name, 10.0)
            xdotool("type", "--delay", "40", text)

        def key(*names):
            xdotool("key", "--delay", "60", *names)

        on_page("welcome")
        # With the embedded sandbox a small "Starting the sandbox…" window comes first and the
        # Sandbox tools have a window of their own: the keys go to the wizard's window.
        focus_window(wizard.pid, "^VK Cloud sign-up$", last=True)
        wait_for(f"focus on '{fields['create']}'",
                 lambda: (reader.focused() or (None, None))[1] == fields["create"])
        wait_for("Next enabled", lambda: reader.button_enabled(fields["next"]))
        key("Return")
        on_page("account")
        email = f"rest.scan{random.randrange(10**6, 10**7)}@acme.ru"
        type_into(fields["email"], email)
        key("Tab")
        type_into(fields["password"], password)
        key("Return")
        on_page("email")

        if args.mode == "embedded":
            # The program's sandbox: its address and CA come from the email in its outbox folder.
            emls = wait_for("the email in the embedded sandbox's outbox", lambda: glob.glob(
                os.path.join(env["XDG_DATA_HOME"], "**", "sandbox", "outbox", "*.eml"), recursive=True))
            sandbox_dir = os.path.dirname(os.path.dirname(emls[0]))
            with open(emls[0], encoding="utf-8") as f:
                link = re.search(r"(https://[^/\s]+)/api/v1/email/confirm\?token=\S+", f.read())
            if not link:
                raise Failure("no confirm link in the email")
            sandbox = Sandbox.running_at(link.group(1), os.path.join(sandbox_dir, "ca.crt"))
            confirm_url = link.group(0)
            log("embedded sandbox at", sandbox.url, "data in", sandbox_dir)
        else:
            outbox = sandbox.request("GET", "/sandbox/v1/outbox?to=" + urllib.parse.quote(email))
            messages = outbox.get("messages", outbox) if isinstance(outbox, dict) else outbox
            confirm_url = messages[0]["confirm_url"]
        sandbox.request("GET", confirm_url)
        on_page("phone")

        type_into(fields["phone"], "+79123456789")
        key("Return")
        call_to = wait_for("the number to call", lambda: reader.name_after(fields["call_to"]))
        call = sandbox.request("POST", "/sandbox/v1/calls",
                               {"from": "+79123456789", "to": re.sub(r"[^0-9+]", "", call_to)})
        sandbox.request("POST", f"/sandbox/v1/calls/{call['call_id']}/dtmf",
                        {"digits": re.sub(r"\D", "", call["robot_says"])})
        on_page("card")

        expiry = datetime.date.today() + datetime.timedelta(days=3 * 365)
        type_into(fields["number"], card)
        key("Tab")
        type_into(fields["expiry"], f"{expiry.month:02d}{expiry.year % 100:02d}")
        key("Tab")
        type_into(fields["cvc"], cvc)
        key("Return")
        wait_for("focus on Next", lambda: (reader.focused() or (None, None))[1] == fields["next"], TIMEOUT)
        key("Return")
        on_page("done")

        # The token, read back from the keychain entry the program keeps for this backend, and
        # shown to be the live session of this sign-up.
        if args.mode == "embedded":
            with open(os.path.join(sandbox_dir, "keychain-id"), encoding="ascii") as f:
                entry = "sandbox:" + f.read().strip()
        else:
            parsed = urllib.parse.urlsplit(sandbox.url)
            entry = f"https://{parsed.hostname}:{parsed.port or 443}"
        token = keychain_token(entry)
        if len(token) < 20:
            raise Failure(f"no session token in the keychain under {entry!r}: {token!r}")
        registration = sandbox.request("GET", "/api/v1/registration", token=token)
        if registration.get("email") != email or registration.get("next_step") != "done":
            raise Failure(f"the keychain's token does not show this finished sign-up: {registration!r}")
        log("the keychain holds the live session token under", entry)

        # The program is closed as a session ends (SIGTERM): no tidy shutdown is counted on, so
        # the database's -wal and -shm files are still there to be read.
        wizard.terminate()
        wizard.wait(30)
        wizard = None

        secrets = {"session token": [token], "password": [password], "card number": card_forms}
        patterns = needles(secrets) + cvc_patterns(cvc)
        # The scanner itself finds what it looks for.
        probe = ('{"number":"%s","cvc":"%s","password":"%s","t":"%s"}' % (card_forms[1], cvc, password, token))
        for sample in (probe.encode(), probe.encode("utf-16-le")):
            found = {what.replace(" (UTF-16)", "") for what, p in patterns if p.search(sample)}
            if found != {"session token", "password", "card number", "CVC"}:
                raise Failure(f"the scanner misses something in a sample: found only {found}")

        roots = [home, sandbox_dir, tmp]
        for f in logs:
            f.flush()
        hits, files = scan(roots, patterns)
        present = [n for n in ("sandbox.sqlite", "sandbox.sqlite-wal", "sandbox.sqlite-shm", "outbox")
                   if os.path.exists(os.path.join(sandbox_dir, n))]
        log("read", files, "files; in the sandbox's data directory:", ", ".join(present))
        if "sandbox.sqlite" not in present or "outbox" not in present:
            raise Failure(f"no database or outbox in {sandbox_dir}: the scan did not cover them")
        if sandbox and sandbox.process:
            # Once more after the sandbox process has stopped (its last writes, a checkpoint).
            sandbox.stop()
            sandbox.process = None
            more, files = scan(roots, patterns)
            hits += [h for h in more if h not in hits]
        for path, offset, what in hits:
            print(f"FOUND {what} in {path} at offset {offset}", file=sys.stderr)
        if hits:
            raise Failure(f"{len(hits)} secret(s) found in files")
        log(f"read {files} files under {', '.join(roots)}: no token, password, card number or CVC")
        print("PASS: no secret at rest,", args.mode, flush=True)
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr, flush=True)
        if reader:
            try:
                print("focus:", reader.focused(), file=sys.stderr)
                for _, role, name, _states in reader.showing():
                    if name:
                        print("  showing:", role, repr(name), file=sys.stderr)
            except Exception as error:
                print("cannot read the window:", error, file=sys.stderr)
        return 1
    finally:
        stop_all(wizard, sandbox, screen, work)
        for f in logs:
            f.close()


if __name__ == "__main__":
    sys.exit(main())
