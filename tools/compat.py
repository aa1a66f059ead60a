# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helper of `./dev compat`: the neighbours' suites with and without crm_retention.

compat.py prepare --list compat/modules.txt --odoo ODOO_SRC --dest DIR
    fetch the pinned OCA wheels into DIR/wheels (pip download --no-deps),
    unpack them into DIR/addons, check that every module and dependency
    exists and that the external Python dependencies import, and print the
    modules to install (comma-separated), the directory of the OCA addons,
    then two lines: the tests/ directories of each of the two shards.
compat.py key --list compat/modules.txt --odoo ODOO_SRC
    print the cache key of the baseline (the run without crm_retention):
    a hash of what it depends on, of this repository only the module
    list, the Python requirements and this tool's VERSION.
compat.py compare --without XML... --with XML... [--rerun XML...]
    compare pytest's JUnit XML reports test by test; exit 1 when a test
    that passes without crm_retention does not pass with it (nor when run
    again alone: --rerun). With --write-rerun FILE, only write the node ids
    of those tests into FILE.
"""

import argparse
import ast
import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
# The cache key of the baseline holds it: raise it whenever a change of this
# tool or of `./dev compat` changes how the baseline is obtained.
VERSION = "1"
WHEEL = re.compile(r"^odoo-addon-(?P<name>\w+)==(?P<version>18\.0\.[\d.]+)$")


def read_list(path):
    """The Odoo module names and the pinned OCA wheels of the list."""
    odoo, wheels = [], []
    for line in Path(path).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = WHEEL.match(line)
        if match:
            wheels.append((match["name"], match["version"]))
        elif re.fullmatch(r"\w+", line):
            odoo.append(line)
        else:
            sys.exit(f"{path}: neither a module nor a pinned 18.0 wheel: {line!r}")
    return odoo, wheels


def wheel_file(dest, name, version):
    return dest / "wheels" / f"odoo_addon_{name}-{version}-py3-none-any.whl"


def fetch_wheels(dest, wheels):
    missing = [w for w in wheels if not wheel_file(dest, *w).is_file()]
    if missing:
        specs = [f"odoo-addon-{n}=={v}" for n, v in missing]
        print(f"compat: downloading {', '.join(specs)}", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-qq", "--no-deps"]
            + ["--disable-pip-version-check", "-d", str(dest / "wheels"), *specs],
            check=True,
        )
    addons = dest / "addons"
    shutil.rmtree(addons, ignore_errors=True)
    for name, version in wheels:
        with zipfile.ZipFile(wheel_file(dest, name, version)) as wheel:
            members = [m for m in wheel.namelist() if m.startswith("odoo/addons/")]
            wheel.extractall(addons, members)
        if not (addons / "odoo/addons" / name / "__manifest__.py").is_file():
            sys.exit(f"compat: the wheel of {name} {version} holds no addon {name}")
    return addons / "odoo/addons"


def check_modules(names, paths):
    """Every module and its dependencies exist; their Python dependencies import."""
    seen, problems, todo = set(), [], list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        manifest = next(
            (p / name / "__manifest__.py" for p in paths if (p / name).is_dir()), None
        )
        if manifest is None or not manifest.is_file():
            problems.append(f"module {name} is on no addons path")
            continue
        data = ast.literal_eval(manifest.read_text())
        if not data.get("installable", True):
            problems.append(f"module {name} is not installable")
        todo += data.get("depends", [])
        for lib in data.get("external_dependencies", {}).get("python", []):
            lib = re.split(r"[<>=!~ ;\[]", lib, maxsplit=1)[0]
            if importlib.util.find_spec(lib.replace("-", "_")) is None:
                problems.append(f"module {name} needs the Python package {lib}")
    return problems


def shards(paths, count=2):
    """Split the tests/ directories in shards of about the same run time, by
    the size of their test code, a browser tour counting for 25 kB (largest
    first into the lightest shard)."""
    bins = [[0, []] for _i in range(count)]
    weight = {}
    for path in paths:
        code = [f.read_text() for f in path.rglob("*.py")]
        weight[path] = sum(len(c) for c in code) + 25_000 * sum(
            c.count("start_tour(") + c.count("browser_js(") for c in code
        )
    for path in sorted(paths, key=lambda p: (-weight[p], str(p))):
        lightest = min(bins, key=lambda b: b[0])
        lightest[0] += weight[path]
        lightest[1].append(path)
    return [sorted(b[1]) for b in bins]


def cmd_prepare(args):
    odoo_addons = Path(args.odoo) / "odoo" / "addons"
    dest = Path(args.dest)
    odoo, wheels = read_list(args.list)
    oca = fetch_wheels(dest, wheels)
    names = odoo + [n for n, _v in wheels]
    problems = check_modules(names, [odoo_addons, oca, ROOT])
    if problems:
        sys.exit("compat: " + "\ncompat: ".join(problems))
    tests = [odoo_addons / n / "tests" for n in odoo]
    tests += [oca / n / "tests" for n, _v in wheels]
    for path in tests:
        if not path.is_dir():
            print(f"compat: {path.parent.name} has no tests", file=sys.stderr)
    print(",".join(names))
    print(oca)
    for shard in shards([p for p in tests if p.is_dir()]):
        print(" ".join(map(str, shard)))


def odoo_identity(src):
    """The Odoo source tree's identity: its git commit, else every file's
    path, size and modification time (a nightly build unpacked anew)."""
    digest = hashlib.sha256()
    try:
        head = subprocess.run(
            ["git", "-C", str(src), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        status = subprocess.run(
            ["git", "-C", str(src), "status", "--porcelain", "--untracked=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if not status:
            return head.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    for path in sorted(Path(src, "odoo").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def cmd_key(args):
    digest = hashlib.sha256(f"compat {VERSION}\n".encode())
    digest.update(odoo_identity(args.odoo).encode())
    for path in (
        args.list,
        Path(args.odoo) / "odoo" / "release.py",
        ROOT / "requirements.txt",
        ROOT / "requirements-dev.txt",
    ):
        digest.update(Path(path).read_bytes())
    print(digest.hexdigest()[:16])


def outcomes(reports):
    """{test id: (outcome, first line of the message, class, method)} of
    JUnit XML reports.

    The id is the test's module path from the addon on (hr.tests.test_x
    .TestClass::test_y), whatever the directory the addon was in.
    """
    results = {}
    for report in reports:
        for case in ElementTree.parse(report).iter("testcase"):
            classname = re.sub(r"^.*\bodoo\.addons\.", "", case.get("classname", ""))
            test_id = f"{classname}::{case.get('name')}"
            outcome, message = "pass", ""
            for tag in ("failure", "error", "skipped"):
                node = case.find(tag)
                if node is not None:
                    outcome = "skip" if tag == "skipped" else "fail"
                    text = (node.get("message") or node.text or tag).strip()
                    message = text.splitlines()[0][:300] if text else tag
                    break
            # A test reported twice (an error in its teardown too) keeps the worst.
            if results.get(test_id, ("pass",))[0] != "fail":
                results[test_id] = (outcome, message)
    return results


def node_id(test_id, tests):
    """pytest's node id of a test id, from the tests/ directories run."""
    path, name = test_id.split("::", 1)
    parts = path.split(".")
    addon, module, cls = parts[0], parts[1:-1], parts[-1]
    directory = next(t for t in tests if Path(t).parent.name == addon)
    return f"{Path(directory).parent}/{'/'.join(module)}.py::{cls}::{name}"


def cmd_compare(args):
    without, with_ = outcomes(args.without), outcomes(args.with_)
    rerun = outcomes(args.rerun) if args.rerun else {}
    # The baseline may come from the cache, run at another time of day:
    # the tests failing only with the addon, run again now without it.
    now_without = outcomes(args.rerun_without) if args.rerun_without else {}
    both_pass, both_fail, only_with, not_pass, flaky = [], [], [], [], []
    for test_id in sorted(set(without) | set(with_)):
        before = without.get(test_id, ("missing", "not run without crm_retention"))
        after = with_.get(test_id, ("missing", "not run with crm_retention"))
        if before[0] == after[0] == "pass":
            both_pass.append(test_id)
        elif before[0] == "pass" and rerun.get(test_id, ("fail",))[0] == "pass":
            flaky.append((test_id, after))
        elif before[0] == "pass" and now_without.get(test_id, ("",))[0] == "fail":
            note = f"{after[1]} (fails without it too, run again now)"
            both_fail.append((test_id, (after[0], note)))
        elif before[0] == "pass":
            only_with.append((test_id, after))
        elif after[0] == "fail":
            both_fail.append((test_id, after))
        else:
            not_pass.append((test_id, before, after))
    if args.write_rerun:
        ids = [node_id(t, args.tests) for t, (o, _m) in only_with if o == "fail"]
        Path(args.write_rerun).write_text("".join(f"{i}\n" for i in ids))
        return 1 if only_with else 0
    for test_id, (_outcome, message) in both_fail:
        print(f"fail without the addon too: {test_id}\n    {message}")
    for test_id, before, after in not_pass:
        print(
            f"does not pass without the addon ({before[0]}), {after[0]} with it: "
            f"{test_id}\n    {before[1] or after[1]}"
        )
    for test_id, (_outcome, message) in flaky:
        print(
            f"flaky: failed with crm_retention, then passed when run again alone: "
            f"{test_id}\n    {message}"
        )
    for test_id, (outcome, message) in only_with:
        print(f"FAILS ONLY WITH crm_retention ({outcome}): {test_id}\n    {message}")
    print(
        f"compat: {len(set(without) | set(with_))} tests, {len(both_pass)} pass in "
        f"both, {len(both_fail)} fail in both, {len(flaky)} flaky, "
        f"{len(only_with)} fail only with crm_retention"
        + (f", {len(not_pass)} not passing without it" if not_pass else "")
    )
    return 1 if only_with or not both_pass else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("prepare", "key"):
        command = sub.add_parser(name)
        command.add_argument("--list", required=True)
        command.add_argument("--odoo", required=True)
        if name == "prepare":
            command.add_argument("--dest", required=True)
    command = sub.add_parser("compare")
    command.add_argument("--without", nargs="+", required=True)
    command.add_argument("--with", dest="with_", nargs="+", required=True)
    command.add_argument("--rerun", nargs="*", help="reports of the re-run tests")
    command.add_argument(
        "--rerun-without",
        nargs="*",
        help="reports of the same tests run again now without crm_retention",
    )
    command.add_argument("--tests", nargs="*", default=[], help="tests/ dirs run")
    command.add_argument(
        "--write-rerun", help="only write the node ids of the tests to run again"
    )
    args = parser.parse_args()
    return {"prepare": cmd_prepare, "key": cmd_key, "compare": cmd_compare}[
        args.command
    ](args)


if __name__ == "__main__":
    sys.exit(main())
