#!/usr/bin/python3
"""What a screen reader finds on every page of a sandbox sign-up (AT-SPI).

The same set-up as keyboard_signup.py (its helpers are used): the real vkcloud-signup on its own
Xvfb display with the Sandbox tools, a standalone sandbox, keys sent with xdotool and the window
read back through AT-SPI (python3-pyatspi). On every page:
- every showing input, button, toggle, check box, radio button, tab list, link, image and status
  text has a name of its own (not empty, and not just the title of the group it sits in);
- the dialog and its side panel have names;
and, where it matters:
- the password field's description carries the password rules, and the checklist reads each rule
  once (no separate object for the tick or cross);
- the region box and the sign-in fields are described by the hints and errors shown under them;
- the "Show password" toggle keeps its name when pressed;
- the number to call is readable as text: its digits in the name and, one by one, in the description;
- while the email page and the call page wait, no showing object's name changes more than once in
  3 seconds (a countdown belongs in a description, updated once a minute). 3 seconds are enough: a
  countdown by the second in a name changes it at least three times in them, sampled twice a second;
- after a card is linked, its picture no longer says "not recognised";
- on Done, each "What's next" link is a tab stop of its own.

    with-keyring.sh /usr/bin/python3 accessibility_signup.py --wizard W --sandbox S --lang en
"""

import argparse
import datetime
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keyboard_signup import (FIELDS, focus_window, stop_all, PASSWORD, TIMEOUT, TITLES, Failure, Reader, Sandbox, Screen,  # noqa: E402
                             log, wait_for, xdotool)

# Roles a screen-reader user lands on or is told about: each needs a name.
NAMED_ROLES = {
    "push button", "toggle button", "check box", "radio button", "text", "password text", "entry",
    "combo box", "spin button", "page tab", "page tab list", "link", "image", "list", "table", "tree table",
    "dialog", "label", "status bar",
}

WORDS = {
    "en": {
        "password_rules": "Password rules",
        "show_password": "Show password",
        "not_recognised": "Payment system not recognised yet",
        "steps": "Registration steps",
        "sign_in_radio": "Continue a registration I started earlier",
    },
    "ru": {
        "password_rules": "Требования к паролю",
        "show_password": "Показать пароль",
        "not_recognised": "Платёжная система пока не определена",
        "steps": "Шаги регистрации",
        "sign_in_radio": "Продолжить начатую регистрацию",
    },
}

class Tree:
    """Every showing object with its path from the application (child indices), role, name and
    description, and the name of the object it sits in."""

    def __init__(self, reader):
        self.reader = reader

    def nodes(self):
        out = []
        app = self.reader.app()
        if app is None:
            return out
        S = self.reader.atspi

        def walk(node, depth, path, parent_name):
            if node is None or depth > 40:
                return
            states = node.getState()
            if depth > 1 and not states.contains(S.STATE_SHOWING):
                return
            name = node.name or ""
            out.append({"node": node, "path": path, "role": node.getRoleName(), "name": name,
                        "description": node.description or "", "states": states, "parent_name": parent_name})
            for i in range(node.childCount):
                walk(node.getChildAtIndex(i), depth + 1, path + (i,), name)

        walk(app, 0, (), "")
        return out


def check_names(nodes, page, problems):
    """Every showing object of a named role (in one walk of the tree) has a name of its own."""
    for n in nodes:
        role, name = n["role"], n["name"].strip()
        if role not in NAMED_ROLES:
            continue
        if role == "label":
            # An empty label shows nothing and is skipped; a label that only repeats the title of
            # its group is no name at all (an empty status text took the group's title).
            if name and name == n["parent_name"].strip() and n["parent_name"].strip():
                problems.append(f"{page}: a {role} is named only by its group: {name!r}")
            continue
        if not name:
            problems.append(f"{page}: a {role} has no name (path {n['path']}, description {n['description']!r})")


def sample_names(tree, page, seconds, problems):
    """No showing object's name changes more than once while the page waits: the tree is read
    every half second for `seconds`, and at least four times (a slow walk still sees a countdown by
    the second change its name three times)."""
    seen = {}
    deadline = time.monotonic() + seconds
    samples = 0
    while time.monotonic() < deadline or samples < 4:
        samples += 1
        for n in tree.nodes():
            if n["role"] in ("application", "frame", "filler", "panel"):
                continue
            key = (n["path"], n["role"])
            history = seen.setdefault(key, [])
            if not history or history[-1] != n["name"]:
                history.append(n["name"])
        time.sleep(0.5)
    for (path, role), names in seen.items():
        if len(names) > 2:
            problems.append(f"{page}: the name of a {role} changed {len(names) - 1} times in {seconds} s: "
                            f"{names[:4]}…")


def find(where, predicate):
    """The objects matching `predicate`: in a fresh walk of a Tree, or in the list of one walk."""
    nodes = where.nodes() if isinstance(where, Tree) else where
    return [n for n in nodes if predicate(n)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wizard", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--lang", default="en", choices=("en", "ru"))
    args = parser.parse_args()
    titles = TITLES[args.lang]
    fields = FIELDS[args.lang]
    words = WORDS[args.lang]
    all_titles = list(titles.values())
    problems = []

    work = tempfile.mkdtemp(prefix="vksignup-a11y-")
    screen = sandbox = wizard = reader = None
    try:
        screen = Screen()
        os.environ["DISPLAY"] = screen.display
        sandbox = Sandbox(args.sandbox, os.path.join(work, "sandbox"))
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
                   QT_LOGGING_RULES="qt.qpa.*=false;qt.accessibility.*=false")
        wizard = subprocess.Popen([args.wizard, "--api-url", sandbox.url, "--ca-cert", sandbox.ca, "--sandbox-tools",
                                   "--lang", args.lang, "--reset"], env=env)
        focus_window(wizard.pid)
        reader = Reader(wizard.pid)
        tree = Tree(reader)

        def on_page(key):
            wait_for(f"page '{titles[key]}'", lambda: reader.page_title(all_titles) == titles[key])
            log("on page:", titles[key])

        def expect_focus(name, timeout=10.0):
            wait_for(f"focus on '{name}'", lambda: (reader.focused() or (None, None))[1] == name, timeout)

        def type_into(name, text):
            expect_focus(name)
            xdotool("type", "--delay", "30", text)

        def key(*names):
            xdotool("key", "--delay", "60", *names)

        def audit(page):
            """The checks every page gets, on one walk of the tree (returned for the page's own)."""
            nodes = tree.nodes()
            check_names(nodes, page, problems)
            if not find(nodes, lambda n: n["role"] == "dialog" and n["name"].strip()):
                problems.append(f"{page}: the wizard's dialog has no name")
            if not find(nodes, lambda n: n["name"] == words["steps"]):
                problems.append(f"{page}: the side panel with the steps has no name")
            return nodes

        # Welcome.
        on_page("welcome")
        expect_focus(fields["create"], timeout=TIMEOUT)
        audit("welcome")
        wait_for("Next enabled", lambda: reader.button_enabled(fields["next"]))
        key("Return")

        # Account: the rules, the hints, the toggle.
        on_page("account")
        expect_focus(fields["email"])
        shown = audit("account")
        password = find(shown, lambda n: n["name"] == fields["password"] and n["role"] in ("password text", "text"))
        if not password or not password[0]["description"]:
            problems.append("account: the password field is not described by its rules")
        rules = find(shown, lambda n: n["name"] == words["password_rules"])
        if rules:
            named = []

            def collect(node, depth=0):
                for i in range(node.childCount):
                    child = node.getChildAtIndex(i)
                    if child is None:
                        continue
                    if (child.name or "").strip():
                        named.append(child.name)
                    if depth < 3:
                        collect(child, depth + 1)

            collect(rules[0]["node"])
            if len(named) != 6:
                problems.append(f"account: the checklist reads {len(named)} objects for 6 rules: {named}")
        else:
            problems.append("account: no password rules list")
        # On Linux a combo box is named by its current item ("Moscow"); it is the only one here.
        region = find(shown, lambda n: n["role"] == "combo box")
        if not region or not region[0]["description"]:
            problems.append("account: the region box is not described by the hint under it")

        email = f"ivan.a11y{random.randrange(10**6, 10**7)}@acme.ru"
        type_into(fields["email"], email)
        key("Tab")
        type_into(fields["password"], PASSWORD)
        try:
            wait_for("the password field's description", lambda: (find(
                tree, lambda n: n["name"] == fields["password"] and n["role"] in ("password text", "text"))
                or [{}])[0].get("description"), timeout=10)
        except Failure as failure:
            problems.append(f"account: once typed, the password field is not described: {failure}")
        # The toggle keeps its name when pressed (a screen reader says whether it is pressed).
        toggles = find(tree, lambda n: n["name"] == words["show_password"])
        if not toggles:
            problems.append("account: no 'Show password' toggle")
        else:
            node = toggles[0]["node"]
            path = toggles[0]["path"]
            S = reader.atspi

            def pressed(states):
                return states.contains(S.STATE_CHECKED) or states.contains(S.STATE_PRESSED)

            was_pressed = pressed(node.getState())
            action = node.queryAction()
            action.doAction(0)
            try:  # the press has landed once the toggle's state has changed
                wait_for("'Show password' pressed", lambda: pressed(node.getState()) != was_pressed, timeout=10)
            except Failure as failure:
                problems.append(f"account: 'Show password' does not say it is pressed: {failure}")
            after = find(tree, lambda n: n["path"] == path)
            if not after or after[0]["name"] != words["show_password"]:
                problems.append(f"account: 'Show password' is renamed when pressed: "
                                f"{after[0]['name'] if after else None!r}")
            action.doAction(0)
        expect_focus(fields["password"])
        key("Return")

        # Email: while it waits, names stay put.
        on_page("email")
        audit("email")
        sample_names(tree, "email", 3, problems)
        outbox = sandbox.request("GET", "/sandbox/v1/outbox?to=" + urllib.parse.quote(email))
        messages = outbox.get("messages", outbox) if isinstance(outbox, dict) else outbox
        sandbox.request("GET", messages[-1]["confirm_url"])

        # Phone: the number to call, and names that stay put while the call is awaited.
        on_page("phone")
        type_into(fields["phone"], "+79123456789")
        key("Return")
        call_to = wait_for("the number to call", lambda: reader.name_after(fields["call_to"]))
        digits = re.sub(r"\D", "", call_to)
        shown = find(audit("phone"),
                     lambda n: re.sub(r"\D", "", n["name"]).endswith(digits) and n["role"] == "label")
        if not shown:
            problems.append("phone: the number to call is not readable")
        elif re.sub(r"\D", "", shown[0]["description"]) != re.sub(r"\D", "", call_to) or \
                " " not in shown[0]["description"]:
            problems.append(f"phone: the number to call is not spelled out digit by digit in its description: "
                            f"{shown[0]['description']!r}")
        sample_names(tree, "phone", 3, problems)
        call = sandbox.request("POST", "/sandbox/v1/calls", {"from": "+79123456789", "to": re.sub(r"[^0-9+]", "", call_to)})
        sandbox.request("POST", f"/sandbox/v1/calls/{call['call_id']}/dtmf",
                        {"digits": re.sub(r"\D", "", call["robot_says"])})

        # Card.
        on_page("card")
        audit("card")
        expiry = datetime.date.today() + datetime.timedelta(days=3 * 365)
        type_into(fields["number"], "2200000000000004")
        key("Tab")
        type_into(fields["expiry"], f"{expiry.month:02d}{expiry.year % 100:02d}")
        key("Tab")
        type_into(fields["cvc"], "123")
        key("Return")
        expect_focus(fields["next"], timeout=TIMEOUT)
        if find(audit("card, linked"), lambda n: n["name"] == words["not_recognised"]):
            problems.append("card: the linked card's picture still says its payment system is not recognised")
        key("Return")

        # Done: each "What's next" link alone.
        on_page("done")
        expect_focus(fields["console"])
        shown = audit("done")
        S = reader.atspi
        links = find(shown, lambda n: n["role"] == "label" and n["states"].contains(S.STATE_FOCUSABLE)
                     and n["name"].strip())
        if len(links) < 7:
            problems.append(f"done: the 'What's next' links are {len(links)} tab stops, not one each: "
                            f"{[n['name'][:40] for n in links]}")

        if problems:
            raise Failure("\n  " + "\n  ".join(problems))
        print("PASS: what a screen reader reads", args.lang, flush=True)
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr, flush=True)
        if problems and not str(failure).startswith("\n"):
            print("also:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    finally:
        stop_all(wizard, sandbox, screen, work)


if __name__ == "__main__":
    sys.exit(main())
