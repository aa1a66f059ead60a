# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The translations: every language complete and current, the pot current.

For each language the addons ship (nl, cs, sv) and each addon of this
repository: the .po file exists, has every term of the pot translated (no
empty or fuzzy msgstr), no term the pot no longer has, and the pot's
comments and order (what msgmerge would write). The pot itself must be what
Odoo's exporter gets from the code and data of the installed addon. Then
each language is loaded into the database and a menu, a field label and a
server message come back translated.
"""

import logging
import os
import time
from collections import defaultdict

import polib

from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase
from odoo.tools.translate import TranslationModuleReader

_logger = logging.getLogger(__name__)

# Language of the file name -> the Odoo language that loads it.
LANGUAGES = {"nl": "nl_NL", "cs": "cs_CZ", "sv": "sv_SE"}
MODULES = ("crm_retention", "crm_retention_privacy")
REGENERATE = (
    "Regenerate the pot with './dev pot' (it exports the terms from a "
    "database with the addons installed and merges them into the .po "
    "files), then translate the new terms."
)


def _i18n_path(module, name):
    return os.path.join(get_module_path(module), "i18n", name)


def _entries(po):
    return [entry for entry in po if not entry.obsolete]


class TestTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pots = {
            module: polib.pofile(_i18n_path(module, f"{module}.pot"))
            for module in MODULES
        }

    def _po(self, module, lang):
        path = _i18n_path(module, f"{lang}.po")
        self.assertTrue(
            os.path.isfile(path),
            f"{module}/i18n/{lang}.po is missing: every language of the "
            f"addon ({', '.join(LANGUAGES)}) needs its file.",
        )
        return path, polib.pofile(path)

    def test_po_files_complete_and_current(self):
        for module in MODULES:
            pot_entries = _entries(self.pots[module])
            pot_ids = [entry.msgid for entry in pot_entries]
            for lang in LANGUAGES:
                with self.subTest(module=module, lang=lang):
                    path, po = self._po(module, lang)
                    self.assertEqual(po.metadata.get("Language"), lang, path)
                    entries = _entries(po)
                    po_ids = [entry.msgid for entry in entries]
                    missing = [msgid for msgid in pot_ids if msgid not in po_ids]
                    stale = [msgid for msgid in po_ids if msgid not in pot_ids]
                    untranslated = [
                        entry.msgid
                        for entry in entries
                        if not entry.msgstr.strip() or "fuzzy" in entry.flags
                    ]
                    self.assertFalse(missing, f"{path}: terms of the pot missing")
                    self.assertFalse(stale, f"{path}: terms no longer in the pot")
                    self.assertFalse(untranslated, f"{path}: untranslated terms")
                    self.assertFalse(
                        [entry.msgid for entry in po.obsolete_entries()],
                        f"{path}: obsolete (#~) entries",
                    )
                    # The pot's order, comments, references and flags: the
                    # file is the pot with the msgstr filled in.
                    self.assertEqual(po_ids, pot_ids, f"{path}: not in the pot's order")
                    for pot_entry, entry in zip(pot_entries, entries, strict=True):
                        self.assertEqual(
                            (entry.comment, entry.occurrences, entry.flags),
                            (pot_entry.comment, pot_entry.occurrences, pot_entry.flags),
                            f"{path}: comments of {entry.msgid!r} differ from the pot",
                        )
                    # Wrapped as Odoo's exporter writes it (polib, 78
                    # columns): what oca-checks-po's pretty format asks,
                    # but for the msgstr equal to their msgid.
                    with open(path, encoding="utf-8") as po_file:
                        self.assertEqual(
                            po_file.read(),
                            str(polib.pofile(path, wrapwidth=78)),
                            f"{path}: not formatted as Odoo writes it (polib, "
                            f"78 columns): run python tools/merge_po.py "
                            f"{module}/i18n",
                        )

    def test_pot_is_current(self):
        """The pot has the terms Odoo's exporter finds in the installed
        addons: a string added to (or removed from) the code, views or data
        without regenerating the pot fails here.

        The exporter reads the database (records with an external id of the
        module: fields, views, menus, groups...) and the _() terms of the
        module's files. ./dev pot exports from a database with the modules
        ./dev test installs (crm_retention, base_automation, test_mail): on
        it the exporter gives exactly the pot's terms and references, so
        nothing is ignored. Only the set of terms is compared: references
        may depend on what else is installed (a field the addon added to a
        mixin would be exported once per model using it), terms do not.
        """
        installed = self.env["ir.module.module"].search(
            [("name", "in", MODULES), ("state", "=", "installed")]
        )
        self.assertEqual(sorted(installed.mapped("name")), sorted(MODULES))
        # One export for both addons: the exporter walks every addons path.
        started = time.perf_counter()
        exported = defaultdict(set)
        for module, _type, _name, _id, source, *_rest in TranslationModuleReader(
            self.env.cr, modules=list(MODULES)
        ):
            exported[module].add(source)
        _logger.info("exported the terms in %.1f s", time.perf_counter() - started)
        for module in MODULES:
            with self.subTest(module=module):
                in_pot = {entry.msgid for entry in _entries(self.pots[module])}
                new = sorted(exported[module] - in_pot)
                gone = sorted(in_pot - exported[module])
                self.assertFalse(
                    new or gone,
                    f"{module}/i18n/{module}.pot is not current: not in it "
                    f"{new}, no longer in the code {gone}. {REGENERATE}",
                )

    def test_languages_load_and_translate(self):
        """Load each language into the database from the addons' files:
        a menu, a field label, a message of the code and a raised error
        come back in that language."""
        started = time.perf_counter()
        modules = self.env["ir.module.module"].search([("name", "in", MODULES)])
        for code in LANGUAGES.values():
            self.env["res.lang"]._activate_lang(code)
        modules._update_translations(list(LANGUAGES.values()), overwrite=True)
        _logger.info(
            "loaded %s for %s in %.1f s",
            ", ".join(LANGUAGES.values()),
            ", ".join(MODULES),
            time.perf_counter() - started,
        )
        menu = self.env.ref("crm_retention.crm_retention_deletion_log_menu")
        for lang, code in LANGUAGES.items():
            with self.subTest(lang=lang):
                _path, po = self._po("crm_retention", lang)
                _privacy_path, privacy_po = self._po("crm_retention_privacy", lang)

                def expected(msgid, po=po, lang=lang):
                    msgstr = po.find(msgid).msgstr
                    self.assertNotEqual(
                        msgstr, msgid, f"{lang}: {msgid!r} untranslated"
                    )
                    return msgstr

                env = self.env(context={"lang": code})
                self.assertEqual(env.lang, code)
                self.assertEqual(menu.with_env(env).name, expected("Recycle Bin"))
                self.assertEqual(
                    env["res.partner"].fields_get(["is_former"])["is_former"]["string"],
                    expected("Former"),
                )
                # A variable, not a literal: the exporter would take this
                # file as one more source of the term.
                message = "Only Data Managers can offboard users."
                self.assertEqual(env._(message), expected(message))
                with self.assertRaises(UserError) as raised:
                    env["res.partner"].search([("deletion_requested", "in", [True])])
                self.assertEqual(
                    str(raised.exception.args[0]),
                    expected("Unsupported search on 'Deletion Requested'."),
                )
                line_model = env["ir.model"]._get("privacy.lookup.wizard.line")
                self.assertEqual(
                    line_model.name,
                    expected("Privacy Lookup Wizard Line", po=privacy_po),
                )
