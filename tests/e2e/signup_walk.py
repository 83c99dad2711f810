#!/usr/bin/python3
"""A whole sandbox sign-up with the keyboard only, as a person does it, read back as a screen
reader reads it.

The real vkcloud-signup runs on its own Xvfb display with the Sandbox tools beside the wizard,
against a standalone sandbox process. Keys are real X key events (xdotool, XTest), sent to
whatever has the focus: nothing is aimed at a widget. What the wizard shows is read back through
AT-SPI, and the outside world (the mailbox, the phone the person calls from) is played through the
sandbox's /sandbox/v1 routes.

The keyboard: every page is reached with Return and Tab alone, focus is in the field a person types
into next and stays there while they type, the email field holds exactly what was typed, the pages
come in order, and at the end the server holds exactly the typed email with every step done.

What a screen reader finds, on every page:
- every showing input, button, toggle, check box, radio button, tab list, link, image and status
  text has a name of its own (not empty, and not just the title of the group it sits in);
- the dialog and its side panel have names;
and, where it matters:
- the password field's description carries the password rules, and the checklist reads each rule
  once (no separate object for the tick or cross);
- the region box is described by the hint under it;
- the "Show password" toggle keeps its name when pressed;
- the number to call is readable as text: its digits in the name and, one by one, in the description;
- while the email page and the call page wait, no showing object's name changes more than once in
  2 seconds (a countdown belongs in a description, updated once a minute). 2 seconds are enough:
  any 2 seconds hold two ticks of a countdown by the second, and the tree is read twice a second;
- after a card is linked, its picture no longer says "not recognised";
- on Done, each "What's next" link is a tab stop of its own.

    with-keyring.sh /usr/bin/python3 signup_walk.py --wizard W --sandbox S --lang en [--screenshots DIR]
"""

import argparse
import datetime
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import (FIELDS, PASSWORD, TIMEOUT, TITLES, Failure, Reader, Sandbox, Screen,  # noqa: E402
                     focus_window, log, stop_all, wait_for, xdotool)

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
    about twice a second until the first and the last reading are `seconds` apart."""
    seen = {}
    first = None
    while True:
        now = time.monotonic()
        first = now if first is None else first
        for n in tree.nodes():
            if n["role"] in ("application", "frame", "filler", "panel"):
                continue
            history = seen.setdefault((n["path"], n["role"]), [])
            if not history or history[-1] != n["name"]:
                history.append(n["name"])
        if now - first >= seconds:
            break
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
    parser.add_argument("--screenshots", help="directory for a PNG of every page (needs imagemagick)")
    args = parser.parse_args()
    titles = TITLES[args.lang]
    fields = FIELDS[args.lang]
    words = WORDS[args.lang]
    all_titles = list(titles.values())
    problems = []  # what a screen reader misses: gathered over the whole walk, reported at the end

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
        tree = Tree(reader)
        seen = []

        def shot(name):
            if args.screenshots:
                os.makedirs(args.screenshots, exist_ok=True)
                subprocess.run(["import", "-window", "root",
                                os.path.join(args.screenshots, f"e2e-{name}-{args.lang}.png")], check=False)

        def on_page(key):
            wait_for(f"page '{titles[key]}'", lambda: reader.page_title(all_titles) == titles[key])
            seen.append(key)
            log("on page:", titles[key])

        def expect_focus(name, timeout=10.0):
            wait_for(f"focus on '{name}'", lambda: (reader.focused() or (None, None))[1] == name, timeout)

        def type_into(name, text):
            """Types at a person's pace into the field that has the focus, which must be `name`."""
            expect_focus(name)
            xdotool("type", "--delay", "30", text)
            focus = reader.focused()
            if not focus or focus[1] != name:
                raise Failure(f"focus left '{name}' while typing: now on {focus}")

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

        # Welcome: focus on the first choice; Return is Next.
        on_page("welcome")
        expect_focus(fields["create"], timeout=TIMEOUT)
        audit("welcome")
        shot("welcome")
        wait_for("Next enabled", lambda: reader.button_enabled(fields["next"]))
        key("Return")

        # Account: the email field has the focus as soon as the page opens; the rules, the hints,
        # the toggle.
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

        email = f"ivan.keys{random.randrange(10**6, 10**7)}@acme.ru"
        type_into(fields["email"], email)
        typed = reader.text_of(fields["email"])
        if typed != email:
            raise Failure(f"the email field shows {typed!r}, typed {email!r}")
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
            wait_for("'Show password' released", lambda: pressed(node.getState()) == was_pressed, timeout=10)
        # Pressing the toggle through AT-SPI leaves the keyboard focus in the password field.
        expect_focus(fields["password"])
        shot("account")
        key("Return")

        # Email: the person opens the mail and follows the link; the wizard moves on by itself.
        # While it waits, names stay put.
        on_page("email")
        audit("email")
        sample_names(tree, "email", 2, problems)
        outbox = sandbox.request("GET", "/sandbox/v1/outbox?to=" + urllib.parse.quote(email))
        messages = outbox.get("messages", outbox) if isinstance(outbox, dict) else outbox
        if len(messages) != 1:
            raise Failure(f"expected one email to {email}, the outbox holds {messages!r}")
        sandbox.request("GET", messages[0]["confirm_url"])

        # Phone: type the number, Return confirms; the number to call is readable, and names stay
        # put while the call is awaited; then the call is made from that phone.
        on_page("phone")
        type_into(fields["phone"], "+79123456789")
        key("Return")
        call_to = wait_for("the number to call", lambda: reader.name_after(fields["call_to"]))
        log("the wizard says to call", call_to)
        digits = re.sub(r"\D", "", call_to)
        shown = find(audit("phone"),
                     lambda n: re.sub(r"\D", "", n["name"]).endswith(digits) and n["role"] == "label")
        if not shown:
            problems.append("phone: the number to call is not readable")
        elif re.sub(r"\D", "", shown[0]["description"]) != digits or " " not in shown[0]["description"]:
            problems.append(f"phone: the number to call is not spelled out digit by digit in its description: "
                            f"{shown[0]['description']!r}")
        shot("phone")
        sample_names(tree, "phone", 2, problems)
        call = sandbox.request("POST", "/sandbox/v1/calls",
                               {"from": "+79123456789", "to": re.sub(r"[^0-9+]", "", call_to)})
        if not call.get("call_id"):
            raise Failure(f"the robot does not expect this call: {call!r}")
        answer = sandbox.request("POST", f"/sandbox/v1/calls/{call['call_id']}/dtmf",
                                 {"digits": re.sub(r"\D", "", call["robot_says"])})
        if answer.get("result", answer.get("status")) != "confirmed":
            raise Failure(f"the robot did not confirm: {answer!r}")

        # Card: number, Tab, expiry, Tab, CVC, Return adds the card; then Return is Next.
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
        shot("card")
        key("Return")

        # Done: focus on the console link, and each "What's next" link alone.
        on_page("done")
        expect_focus(fields["console"])
        shown = audit("done")
        shot("done")
        S = reader.atspi
        links = find(shown, lambda n: n["role"] == "label" and n["states"].contains(S.STATE_FOCUSABLE)
                     and n["name"].strip())
        if len(links) < 7:
            problems.append(f"done: the 'What's next' links are {len(links)} tab stops, not one each: "
                            f"{[n['name'][:40] for n in links]}")

        if seen != ["welcome", "account", "email", "phone", "card", "done"]:
            raise Failure(f"pages seen in the wrong order: {seen}")

        # The server's view: exactly the typed address, every step done.
        session = sandbox.request("POST", "/api/v1/sessions", {"email": email, "password": PASSWORD})
        registration = session["registration"]
        if registration["email"] != email:
            raise Failure(f"the server has {registration['email']!r}, typed {email!r}")
        if not all(registration["steps"].values()) or registration["next_step"] != "done":
            raise Failure(f"not every step is done: {registration['steps']}")
        log("the server has", registration["email"], "with every step done")

        if problems:
            raise Failure("what a screen reader misses:\n  " + "\n  ".join(problems))
        print("PASS: keyboard-only sign-up, read as a screen reader reads it,", args.lang, flush=True)
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr, flush=True)
        if problems and not str(failure).startswith("what a screen reader misses"):
            print("also, what a screen reader misses:\n  " + "\n  ".join(problems), file=sys.stderr)
        if reader:
            try:
                print("focus:", reader.focused(), file=sys.stderr)
                for _, role, name, _states in reader.showing():
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
    sys.exit(main())
