#!/usr/bin/python3
"""What the end-to-end tests share: the real vkcloud-signup on an Xvfb display of its own, a
standalone sandbox process, real X key events (xdotool, XTest) sent to whatever has the focus, and
the window read back the way a screen reader reads it (AT-SPI, python3-pyatspi).

Run the tests inside a private D-Bus session with an unlocked gnome-keyring (tests/with-keyring.sh).
"""

import json
import os
import re
import shutil
import ssl
import subprocess
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
    """A standalone sandbox process on a free port with its own data directory. Its access log goes
    to `access_log` (a file) or is not written; `env` is the process's environment."""

    def __init__(self, binary, data_dir, access_log=None, env=None):
        command = [binary, "--port", "0", "--data-dir", data_dir, "--pbkdf2-iterations", "1000",
                   "--insecure-test-kdf"]
        if access_log is None:
            command.append("--no-access-log")
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=access_log, text=True, env=env)
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

    @classmethod
    def running_at(cls, url, ca):
        """A sandbox someone else runs (the program's embedded one), reached at `url`."""
        sandbox = cls.__new__(cls)
        sandbox.process = None
        sandbox.url, sandbox.ca = url, ca
        sandbox.tls = ssl.create_default_context(cafile=ca)
        return sandbox

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
    if sandbox and sandbox.process:
        sandbox.stop()
    if screen:
        screen.stop()
    shutil.rmtree(work, ignore_errors=True)
