#!/usr/bin/env python3
"""Checks that the modules in src/ depend on each other in one direction (docs/architecture.md):

    core <- api <- client <- wizard        sandbox -> core
            session <- client
    tests/support (the tests' shared fixture) -> sandbox, api, core

Fails on any #include of a module's header from a module that may not depend on it, and on any
target_link_libraries() of such a module's library. The programs in app/ compose the modules and
are not checked. `--self-test` shows that the check fails on a forbidden include and link.
"""
import pathlib
import re
import sys
import tempfile

# Each module and the modules it may use (itself included).
ALLOWED = {
    "core": {"core"},
    "api": {"api", "core"},
    "session": {"session"},
    "client": {"client", "api", "session", "core"},
    "wizard": {"wizard", "client", "api", "session", "core"},
    "sandbox": {"sandbox", "core"},
    # The test support library under tests/support: it starts a sandbox and speaks the API, and
    # knows nothing of the client stack or the wizard, so every test area can link it.
    "support": {"support", "sandbox", "api", "core"},
}
# Where each module lives (src/<module> unless listed).
FOLDERS = {"support": "tests/support"}
SOURCE_SUFFIXES = {".h", ".hpp", ".cpp", ".cc"}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]((?:\.\./)*)([A-Za-z_]+)/', re.MULTILINE)
LINK = re.compile(r"target_link_libraries\s*\(([^)]*)\)", re.DOTALL)
LIBRARY = re.compile(r"\bvksignup_([a-z]+)\b")


def check(root: pathlib.Path) -> list[str]:
    problems = []
    for module, allowed in ALLOWED.items():
        folder = root / FOLDERS.get(module, f"src/{module}")
        if not folder.is_dir():
            problems.append(f"{folder.relative_to(root)}: the module is missing")
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix not in SOURCE_SUFFIXES:
                continue
            text = path.read_text(encoding="utf-8")
            for match in INCLUDE.finditer(text):
                used = match.group(2)
                if used in ALLOWED and used not in allowed:
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(f"{path.relative_to(root)}:{line}: {module} may not include {used}/")
        cmake = folder / "CMakeLists.txt"
        if cmake.exists():
            text = cmake.read_text(encoding="utf-8")
            for block in LINK.finditer(text):
                for lib in LIBRARY.finditer(block.group(1)):
                    used = lib.group(1)
                    if used in ALLOWED and used not in allowed:
                        line = text.count("\n", 0, block.start(1) + lib.start()) + 1
                        problems.append(f"{cmake.relative_to(root)}:{line}: {module} may not link vksignup_{used}")
    return problems


def self_test() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        for module in ALLOWED:
            (root / FOLDERS.get(module, f"src/{module}")).mkdir(parents=True)
        (root / "src/core/rules.cpp").write_text('#include "core/rules.h"\n#include "wizard/page.h"\n')
        (root / "src/sandbox/server.cpp").write_text('#include "../client/stack.h"\n')
        (root / "src/wizard/CMakeLists.txt").write_text("target_link_libraries(vksignup_wizard\n  PUBLIC vksignup_sandbox)\n")
        (root / "src/client/ok.cpp").write_text('#include "api/client.h"\n#include <QObject>\n')
        (root / "tests/support/fixture.h").write_text('#include "sandbox/server.h"\n#include "wizard/page.h"\n')
        found = check(root)
        expected = ["src/core/rules.cpp:2", "src/sandbox/server.cpp:1", "src/wizard/CMakeLists.txt:2",
                    "tests/support/fixture.h:2"]
        if len(found) != len(expected) or not all(any(p.startswith(e) for p in found) for e in expected):
            print("check-dependencies self-test failed; found:\n  " + "\n  ".join(found), file=sys.stderr)
            return 1
    print("check-dependencies self-test: forbidden includes and links are reported")
    return 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = pathlib.Path(__file__).resolve().parent.parent
    problems = check(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} dependency problem(s); see docs/architecture.md", file=sys.stderr)
        return 1
    print("Dependencies: every module in src/ (and tests/support) uses only the modules below it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
