#!/usr/bin/python3
"""A whole sandbox sign-up with the keyboard only, as a person does it.

The real vkcloud-signup runs on its own Xvfb display against a standalone sandbox process. Keys
are real X key events (xdotool, XTest), sent to whatever has the focus: nothing is aimed at a
widget. What the wizard shows is read back the way a screen reader reads it (AT-SPI), and the
outside world (the mailbox, the phone the person calls from) is played through the sandbox's
/sandbox/v1 routes. At the end the server is asked whether the account holds exactly the typed
email and every step is done.

Run it inside a private D-Bus session with an unlocked gnome-keyring (tests/with-keyring.sh):
    with-keyring.sh /usr/bin/python3 keyboard_signup.py --wizard W --sandbox S --lang en
"""

import argparse
import datetime
import json
import os
import random
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

TITLES = {
    "en": {
        "welcome": "Welcome to VK Cloud",
        "account": "Create your account",
        "email": "Confirm your email",
        "phone": "Confirm your phone",
        "card": "Link a bank card",
        "done": "Your services are activated",
    },
    "ru": {
        "welcome": "Добро пожаловать в VK Cloud",
        "account": "Создайте аккаунт",
        "email": "Подтвердите адрес электронной почты",
        "phone": "Подтвердите номер телефона",
        "card": "Привяжите банковскую карту",
        "done": "Сервисы активированы",
    },
}

# Accessible names of the fields, as a screen reader announces them.
FIELDS = {
    "en": {
        "create": "Create a new account",
        "email": "Work email",
        "password": "Password",
        "phone": "Mobile phone",
        "call_to": "Number to call: ",
        "number": "Card number",
        "expiry": "Valid thru, month and year",
        "cvc": "CVC, the three digits on the back of the card",
        "next": "Next >",
        "console": "Open the management console",
    },
    "ru": {
        "create": "Создать новый аккаунт",
        "email": "Рабочая почта",
        "password": "Пароль",
        "phone": "Мобильный телефон",
        "call_to": "Номер для звонка: ",
        "number": "Номер карты",
        "expiry": "Срок действия, месяц и год",
        "cvc": "CVC, три цифры на обороте карты",
        "next": "Далее >",
        "console": "Открыть личный кабинет",
    },
}

PASSWORD = "Keyboard-Only-7"
TIMEOUT = 40.0


class Failure(Exception):
    pass


def log(*args):
    print("[e2e]", *args, flush=True)


def wait_for(what, condition, timeout=TIMEOUT, interval=0.1):
    """Polls condition() until it returns something true; fails with `what` after timeout."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = condition()
        except Exception as error:  # the accessibility tree changes under our feet
            last = error
        if last and not isinstance(last, Exception):
            return last
        time.sleep(interval)
    raise Failure(f"timed out waiting for {what} (last: {last!r})")


class Sandbox:
    def __init__(self, binary, data_dir):
        self.process = subprocess.Popen(
            [binary, "--port", "0", "--data-dir", data_dir, "--pbkdf2-iterations", "1000", "--insecure-test-kdf",
             "--no-access-log"],
            stdout=subprocess.PIPE, text=True)
        self.url = self.ca = None
        for line in self.process.stdout:
            m = re.match(r"Sandbox listening on (\S+)", line)
            if m:
                self.url = m.group(1).rstrip("/")
            m = re.match(r"Trust this CA certificate: (.+)", line)
            if m:
                self.ca = m.group(1).strip()
            if self.url and self.ca:
                break
        if not (self.url and self.ca):
            raise Failure("the sandbox did not start")
        self.tls = ssl.create_default_context(cafile=self.ca)

    def request(self, method, path, body=None, token=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path if path.startswith("/") else path, data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(req, context=self.tls, timeout=30) as answer:
            raw = answer.read()
            return json.loads(raw) if raw else None

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Screen:
    """An Xvfb display of our own (-displayfd picks a free one)."""

    def __init__(self):
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=(write_end,), stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as f:
            number = f.readline().strip()
        if not number:
            raise Failure("Xvfb did not start")
        self.display = ":" + number

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def xdotool(*args):
    return subprocess.run(["xdotool", *args], check=True, capture_output=True, text=True, timeout=60).stdout


def focus_window(pid, name="VK Cloud", last=False, timeout=TIMEOUT):
    """Finds the program's visible window whose title matches `name` (the first one, or the last)
    and gives it the keyboard focus; returns its id. A window can be found and then go away or not
    be viewable yet (a start-up window, a busy X server): then both are tried again."""
    def attempt():
        try:
            found = xdotool("search", "--onlyvisible", "--pid", str(pid), "--name", name).split()
            if not found:
                return None
            window = found[-1] if last else found[0]
            xdotool("windowfocus", "--sync", window)
            return window
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            return None
    return wait_for(f"a window '{name}' that takes the focus", attempt, timeout, interval=0.2)


class Reader:
    """Reads the wizard's window the way a screen reader does (AT-SPI)."""

    def __init__(self, pid):
        import pyatspi  # only now: DISPLAY and the session bus are set

        self.atspi = pyatspi
        self.pid = pid

    def app(self):
        desktop = self.atspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            try:
                if a is not None and a.get_process_id() == self.pid:
                    return a
            except Exception:
                continue
        return None

    def showing(self):
        """Every showing object of the window: (object, role name, name, states)."""
        out = []
        app = self.app()
        if app is None:
            return out
        S = self.atspi

        def walk(node, depth):
            if node is None or depth > 40:
                return
            states = node.getState()
            if depth > 1 and not states.contains(S.STATE_SHOWING):
                return
            out.append((node, node.getRoleName(), node.name or "", states))
            for i in range(node.childCount):
                walk(node.getChildAtIndex(i), depth + 1)

        walk(app, 0)
        return out

    def focused(self):
        for node, role, name, states in self.showing():
            if states.contains(self.atspi.STATE_FOCUSED) and role not in ("frame", "window", "application"):
                return role, name
        return None

    def text_of(self, wanted_name):
        for node, role, name, states in self.showing():
            if name == wanted_name:
                try:
                    t = node.queryText()
                    return t.getText(0, t.characterCount)
                except NotImplementedError:
                    return ""
        return None

    def name_after(self, prefix):
        """The rest of the name of the showing object whose name starts with `prefix`."""
        for node, role, name, states in self.showing():
            if name.startswith(prefix):
                return name[len(prefix):]
        return None

    def page_title(self, titles):
        names = {name for _, role, name, _ in self.showing() if role == "label"}
        found = [t for t in titles if t in names]
        return found[0] if len(found) == 1 else None

    def button_enabled(self, wanted_name):
        for node, role, name, states in self.showing():
            if role == "push button" and name == wanted_name:
                return states.contains(self.atspi.STATE_ENABLED) and states.contains(self.atspi.STATE_SENSITIVE)
        return False


def stop_all(wizard, sandbox, screen, work):
    """Ends what a test started, whatever state it is in, and removes its scratch folder."""
    if wizard:
        wizard.terminate()
        try:
            wizard.wait(10)
        except subprocess.TimeoutExpired:
            wizard.kill()
    if sandbox and getattr(sandbox, "process", None):
        sandbox.stop()
    if screen:
        screen.stop()
    shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wizard", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--lang", default="en", choices=("en", "ru"))
    parser.add_argument("--screenshots", help="directory for a PNG of every page (needs imagemagick)")
    args = parser.parse_args()
    titles = TITLES[args.lang]
    fields = FIELDS[args.lang]
    all_titles = list(titles.values())

    work = tempfile.mkdtemp(prefix="vksignup-e2e-")
    screen = sandbox = wizard = reader = None
    try:
        screen = Screen()
        os.environ["DISPLAY"] = screen.display
        sandbox = Sandbox(args.sandbox, os.path.join(work, "sandbox"))
        log("sandbox at", sandbox.url, "display", screen.display)

        env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
                   QT_LOGGING_RULES="qt.qpa.*=false;qt.accessibility.*=false")
        # --sandbox-tools: the window has the Sandbox tools beside the wizard, as a person using a
        # sandbox sees it (and a panel that could take the focus away from the field being typed in).
        wizard = subprocess.Popen([args.wizard, "--api-url", sandbox.url, "--ca-cert", sandbox.ca, "--sandbox-tools",
                                   "--lang", args.lang, "--reset"], env=env)
        focus_window(wizard.pid)
        reader = Reader(wizard.pid)
        seen = []

        def shot(name):
            if args.screenshots:
                os.makedirs(args.screenshots, exist_ok=True)
                subprocess.run(["import", "-window", "root",
                                os.path.join(args.screenshots, f"e2e-{name}-{args.lang}.png")], check=False)

        def on_page(key, timeout=TIMEOUT):
            wait_for(f"page '{titles[key]}'", lambda: reader.page_title(all_titles) == titles[key], timeout)
            seen.append(key)
            log("on page:", titles[key])

        def expect_focus(name, timeout=10.0):
            wait_for(f"focus on '{name}'", lambda: (reader.focused() or (None, None))[1] == name, timeout)

        def type_into(name, text):
            """Types at a person's pace into the field that has the focus, which must be `name`."""
            expect_focus(name)
            xdotool("type", "--delay", "40", text)
            focus = reader.focused()
            if not focus or focus[1] != name:
                raise Failure(f"focus left '{name}' while typing: now on {focus}")

        def key(*names):
            xdotool("key", "--delay", "60", *names)

        # Welcome: focus on the first choice; Return is Next.
        on_page("welcome")
        expect_focus(fields["create"], timeout=TIMEOUT)
        shot("welcome")
        wait_for("Next enabled", lambda: reader.button_enabled(fields["next"]))
        key("Return")

        # Account: the email field has the focus as soon as the page opens.
        on_page("account")
        email = f"ivan.keys{random.randrange(10**6, 10**7)}@acme.ru"
        type_into(fields["email"], email)
        typed = reader.text_of(fields["email"])
        if typed != email:
            raise Failure(f"the email field shows {typed!r}, typed {email!r}")
        key("Tab")
        type_into(fields["password"], PASSWORD)
        shot("account")
        key("Return")

        # Email: the person opens the mail and follows the link; the wizard moves on by itself.
        on_page("email")
        outbox = sandbox.request("GET", "/sandbox/v1/outbox?to=" + urllib.parse.quote(email))
        messages = outbox.get("messages", outbox) if isinstance(outbox, dict) else outbox
        if len(messages) != 1:
            raise Failure(f"expected one email to {email}, the outbox holds {messages!r}")
        sandbox.request("GET", messages[0]["confirm_url"])
        on_page("phone")

        # Phone: type the number, Return confirms; call the number the wizard shows.
        type_into(fields["phone"], "+79123456789")
        key("Return")
        call_to = wait_for("the number to call", lambda: reader.name_after(fields["call_to"]))
        log("the wizard says to call", call_to)
        shot("phone")
        call = sandbox.request("POST", "/sandbox/v1/calls",
                               {"from": "+79123456789", "to": re.sub(r"[^0-9+]", "", call_to)})
        if not call.get("call_id"):
            raise Failure(f"the robot does not expect this call: {call!r}")
        answer = sandbox.request("POST", f"/sandbox/v1/calls/{call['call_id']}/dtmf", {"digits": re.sub(r"\D", "", call["robot_says"])})
        if answer.get("result", answer.get("status")) != "confirmed":
            raise Failure(f"the robot did not confirm: {answer!r}")
        on_page("card")

        # Card: number, Tab, expiry, Tab, CVC, Return adds the card; then Return is Next.
        expiry = datetime.date.today() + datetime.timedelta(days=3 * 365)
        type_into(fields["number"], "2200000000000004")
        key("Tab")
        type_into(fields["expiry"], f"{expiry.month:02d}{expiry.year % 100:02d}")
        key("Tab")
        type_into(fields["cvc"], "123")
        key("Return")
        expect_focus(fields["next"], timeout=TIMEOUT)
        shot("card")
        key("Return")
        on_page("done")
        expect_focus(fields["console"])
        shot("done")

        if seen != ["welcome", "account", "email", "phone", "card", "done"]:
            raise Failure(f"pages seen in the wrong order: {seen}")

        # The server's view: exactly the typed address, every step done, one email only.
        session = sandbox.request("POST", "/api/v1/sessions", {"email": email, "password": PASSWORD})
        registration = session["registration"]
        if registration["email"] != email:
            raise Failure(f"the server has {registration['email']!r}, typed {email!r}")
        if not all(registration["steps"].values()) or registration["next_step"] != "done":
            raise Failure(f"not every step is done: {registration['steps']}")
        log("the server has", registration["email"], "with every step done")
        print("PASS: keyboard-only sign-up", args.lang, flush=True)
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr, flush=True)
        if reader:
            try:
                print("focus:", reader.focused(), file=sys.stderr)
                for _, role, name, states in reader.showing():
                    if role not in ("filler", "panel") or name:
                        print("  showing:", role, repr(name), file=sys.stderr)
            except Exception as error:
                print("cannot read the window:", error, file=sys.stderr)
        if screen and args.screenshots:
            os.makedirs(args.screenshots, exist_ok=True)
            subprocess.run(["import", "-window", "root", os.path.join(args.screenshots, "e2e-failure.png")],
                           check=False)
        return 1
    finally:
        stop_all(wizard, sandbox, screen, work)


if __name__ == "__main__":
    import urllib.parse

    sys.exit(main())
