# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Check the wheel of an addon built by whool (./dev wheel).

    check_wheel.py WHEEL ADDON_DIR

The wheel must hold, under odoo/addons/ADDON/, exactly the files of the
addon under git control (``git ls-files ADDON_DIR``) but pyproject.toml,
which whool leaves out: every Python, data, view, security, i18n and static
file, and nothing else. Its name must be odoo-addon-ADDON and its version
the manifest's (whool adds ``.N``, the number of commits since the version
changed). Exits 1 with the differences otherwise.
"""

import ast
import subprocess
import sys
import zipfile
from collections import Counter
from email.parser import HeaderParser
from pathlib import Path, PurePosixPath

LEFT_OUT = {"pyproject.toml"}


def git_files(addon_dir):
    out = subprocess.run(
        ["git", "ls-files", "-z", "."],
        cwd=addon_dir,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name for name in out.split("\0") if name and name not in LEFT_OUT}


def wheel_files(wheel, addon):
    prefix = f"odoo/addons/{addon}/"
    files, metadata = set(), None
    for name in wheel.namelist():
        if name.startswith(prefix):
            files.add(name[len(prefix) :])
        elif name.endswith(".dist-info/METADATA"):
            metadata = HeaderParser().parsestr(wheel.read(name).decode())
        elif not name.split("/", 1)[0].endswith(".dist-info"):
            files.add(name)  # outside the addon: a difference
    return files, metadata


def check(wheel_path, addon_dir):
    addon_dir = Path(addon_dir).resolve()
    addon = addon_dir.name
    manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text())
    expected = git_files(addon_dir)
    with zipfile.ZipFile(wheel_path) as wheel:
        found, metadata = wheel_files(wheel, addon)
    problems = []
    if metadata is None:
        problems.append("no .dist-info/METADATA")
    else:
        if metadata["Name"] != f"odoo-addon-{addon}":
            problems.append(f"name {metadata['Name']}, not odoo-addon-{addon}")
        version = metadata["Version"]
        if version != manifest["version"] and not version.startswith(
            manifest["version"] + "."
        ):
            problems.append(f"version {version}, not {manifest['version']}[.N]")
    problems += [f"missing from the wheel: {name}" for name in sorted(expected - found)]
    problems += [f"not under git control: {name}" for name in sorted(found - expected)]
    for name in manifest.get("data", []) + manifest.get("demo", []):
        if name not in found:
            problems.append(f"a file of the manifest is missing: {name}")
    name = Path(wheel_path).name
    if problems:
        print(f"{name}:", *problems, sep="\n  ", file=sys.stderr)
        return False
    kinds = Counter(PurePosixPath(f).parts[0] if "/" in f else "top" for f in found)
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    print(f"{name}: the {len(found)} files of {addon} under git ({summary})")
    return True


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    sys.exit(0 if check(*argv) else 1)


if __name__ == "__main__":
    main(sys.argv[1:])
