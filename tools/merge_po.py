# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Merge an addon's pot into its .po files (./dev pot).

Usage: python tools/merge_po.py ADDON/i18n

Each LANG.po becomes the pot with the msgstr the file had for the same msgid:
comments, references and order are the pot's, a new term gets an empty
msgstr (to translate: the translation test fails until it is), a term gone
from the pot is dropped. The header keeps the file's language. Written as
Odoo writes its files (polib, 78 columns), without msgmerge's fuzzy guesses.
"""

import glob
import os
import sys

import polib


def merge(pot_path, po_path):
    old = polib.pofile(po_path)
    translations = {entry.msgid: entry.msgstr for entry in old if not entry.obsolete}
    new = polib.pofile(pot_path, wrapwidth=78)
    for entry in new:
        entry.msgstr = translations.get(entry.msgid, "")
    metadata = dict(new.metadata)
    for key in ("Language", "Language-Team", "Last-Translator", "Plural-Forms"):
        if key in old.metadata:
            metadata[key] = old.metadata[key]
    new.metadata = metadata
    new.save(po_path)
    untranslated = sum(1 for entry in new if not entry.msgstr)
    dropped = len(set(translations) - {entry.msgid for entry in new})
    return untranslated, dropped


def main(i18n_dir):
    pots = glob.glob(os.path.join(i18n_dir, "*.pot"))
    if len(pots) != 1:
        sys.exit(f"{i18n_dir}: expected one .pot, found {len(pots)}")
    for po_path in sorted(glob.glob(os.path.join(i18n_dir, "*.po"))):
        untranslated, dropped = merge(pots[0], po_path)
        print(f"{po_path}: {untranslated} to translate, {dropped} dropped")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
