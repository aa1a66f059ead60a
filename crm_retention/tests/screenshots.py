# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screenshots at 1366x768 (Odoo's test browser size) of the screens a
reviewer wants to see without clicking: `./dev screenshots` runs the tours
of test_screens.py and the offboarding tour here, and each of their
`crm_retention_screenshot:NAME` console messages becomes
.local/screenshots/crm_retention_NAME.png.

Not a test module (no test_ prefix, not imported by tests/__init__.py):
`./dev test` does not run it."""

import base64
from pathlib import Path
from unittest.mock import patch

from odoo.tests import common
from odoo.tools import config

from . import test_deletion_request_ui, test_erasure_ui, test_screens, test_ui

SIGNAL = "crm_retention_screenshot:"


class ScreenshotBrowser(common.ChromeBrowser):
    def _handle_console(self, type, args=None, stackTrace=None, **kw):  # pylint: disable=redefined-builtin
        message = str(self._from_remoteobject(args[0])) if args else ""
        if message.startswith(SIGNAL):
            self._crm_retention_capture(message[len(SIGNAL) :])
        return super()._handle_console(type, args=args, stackTrace=stackTrace, **kw)

    def _crm_retention_capture(self, name):
        path = Path(config["screenshots"]) / f"crm_retention_{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)

        def save(future):
            path.write_bytes(base64.b64decode(future.result(timeout=0)["data"]))
            self._logger.info("screenshot: %s", path)

        self._websocket_send(
            "Page.captureScreenshot", with_future=True
        ).add_done_callback(save)


class ScreenshotMixin:
    def browser_js(self, *args, **kwargs):
        with patch.object(common, "ChromeBrowser", ScreenshotBrowser):
            return super().browser_js(*args, **kwargs)


class TestScreenshotsScreens(ScreenshotMixin, test_screens.TestScreensUi):
    pass


class TestScreenshotsOffboarding(ScreenshotMixin, test_ui.TestUi):
    pass


class TestScreenshotsErasure(ScreenshotMixin, test_erasure_ui.TestErasureUi):
    pass


class TestScreenshotsRecycleBin(
    ScreenshotMixin, test_deletion_request_ui.TestDeletionRequestUi
):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The bin of a working database holds more than the tour's contact.
        partner = cls.env["res.partner"].create({"name": "Old Supplier Ltd"})
        lead = cls.env["crm.lead"].create({"name": "Test deal, typed twice"})
        for record, reason in ((partner, "Closed down"), (lead, "Duplicate")):
            record.with_user(cls.data_manager).with_context(
                crm_retention_deletion_reason=reason
            ).unlink()
