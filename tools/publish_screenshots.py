# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Copy the screenshots of ./dev screenshots into the addon's
static/description/ (the Apps page and README.rst show them), small:

    publish_screenshots.py SOURCE_DIR DEST_DIR NAME...

SOURCE_DIR/crm_retention_NAME.png becomes DEST_DIR/NAME.png, 1280 pixels
wide, in 256 colours (a screen of the web client has few). Exits 1 when a
screenshot is missing or when they weigh more than MAX_TOTAL together.
"""

import sys
from pathlib import Path

from PIL import Image

WIDTH = 1280
MAX_TOTAL = 1_500_000


def publish(source, dest):
    with Image.open(source) as image:
        image = image.convert("RGB")
        if image.width > WIDTH:
            height = round(image.height * WIDTH / image.width)
            image = image.resize((WIDTH, height), Image.Resampling.LANCZOS)
        image = image.quantize(256, dither=Image.Dither.NONE)
        image.save(dest, optimize=True)
    return dest.stat().st_size


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    source_dir, dest_dir, names = Path(argv[0]), Path(argv[1]), argv[2:]
    missing = [
        name
        for name in names
        if not (source_dir / f"crm_retention_{name}.png").is_file()
    ]
    if missing:
        sys.exit(f"screenshots not taken: {', '.join(missing)} (in {source_dir})")
    total = 0
    for name in names:
        size = publish(
            source_dir / f"crm_retention_{name}.png", dest_dir / f"{name}.png"
        )
        total += size
        print(f"{dest_dir / name}.png: {size // 1024} KiB")
    print(f"{len(names)} screenshots, {total // 1024} KiB")
    if total > MAX_TOTAL:
        sys.exit(f"the screenshots weigh {total} bytes, more than {MAX_TOTAL}")


if __name__ == "__main__":
    main(sys.argv[1:])
