# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.crm_retention.tests.demo_common import ensure_odoo_demo, load_demo

DASHBOARD = "crm_retention_spreadsheet_dashboard.crm_retention_dashboard"


@tagged("post_install", "-at_install")
class TestRetentionDashboard(HttpCase):
    """The retention dashboard loads for a Data Manager: every data source
    of its spreadsheet reads without error, with that user's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data_manager = new_test_user(
            cls.env,
            login="rt_dashboard_manager",
            password="rt_dashboard_manager",
            groups="sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager,base.group_partner_manager",
        )
        cls.salesman = new_test_user(
            cls.env,
            login="rt_dashboard_salesman",
            groups="sales_team.group_sale_salesman",
        )
        cls.dashboard = cls.env.ref(DASHBOARD)

    def snapshot(self, user):
        data = self.dashboard.with_user(user).get_readonly_dashboard()
        self.assertNotIn("is_sample", data)
        return data["snapshot"]

    def sources(self, snapshot):
        """(model, domain, measures, groupbys) of every pivot and chart."""
        for pivot in snapshot["pivots"].values():
            yield (
                pivot["model"],
                pivot["domain"],
                [
                    measure["id"] if measure.get("aggregator") else measure["fieldName"]
                    for measure in pivot["measures"]
                ],
                [
                    ":".join(filter(None, (row["fieldName"], row.get("granularity"))))
                    for row in pivot["rows"] + pivot["columns"]
                ],
            )
        for sheet in snapshot["sheets"]:
            for figure in sheet["figures"]:
                meta = figure["data"]["metaData"]
                yield (
                    meta["resModel"],
                    figure["data"]["searchParams"]["domain"],
                    [meta["measure"]],
                    meta["groupBy"],
                )

    def read_sources(self, user):
        """Read every data source as user; return the pivots' and charts'
        groups, by model and groupbys."""
        snapshot = self.snapshot(user)
        self.assertTrue(snapshot["pivots"])
        results = {}
        for model, domain, measures, groupbys in self.sources(snapshot):
            Model = self.env[model].with_user(user)
            fields = Model.fields_get()
            for spec in measures + groupbys:
                fname = spec.split(":")[0]
                if fname == "__count":
                    continue
                self.assertIn(fname, fields, f"{model}.{fname}")
                self.assertTrue(fields[fname]["store"], f"{model}.{fname}")
                if spec in groupbys:
                    self.assertTrue(fields[fname]["groupable"], f"{model}.{fname}")
            results[model, tuple(groupbys)] = Model.read_group(
                domain, measures, groupbys, lazy=False
            )
        for spreadsheet_list in snapshot["lists"].values():
            Model = self.env[spreadsheet_list["model"]].with_user(user)
            order = ", ".join(
                f"{o['name']} {'asc' if o['asc'] else 'desc'}"
                for o in spreadsheet_list["orderBy"]
            )
            Model.search_read(
                spreadsheet_list["domain"], spreadsheet_list["columns"], order=order
            )
        return results

    def test_data_manager_reads_every_source(self):
        self.assertIn(
            self.dashboard,
            self.env["spreadsheet.dashboard"].with_user(self.data_manager).search([]),
        )
        snapshot = self.snapshot(self.data_manager)
        # The file parses as the spreadsheet stored in the database (the
        # dashboard adds the user's locale to its settings).
        stored = json.loads(self.dashboard.spreadsheet_data)
        self.assertEqual(stored.pop("settings"), {})
        snapshot.pop("settings")
        self.assertEqual(stored, snapshot)
        self.read_sources(self.data_manager)

    def test_demo_numbers(self):
        """On the demo data, the sources count the demo's story."""
        ensure_odoo_demo(self.env)
        load_demo(self.env, "crm_retention", "demo/crm_retention_demo.xml")
        results = self.read_sources(self.data_manager)
        reasons = {
            group["former_reason_id"][1]: group["__count"]
            for group in results["res.partner", ("former_reason_id",)]
        }
        self.assertEqual(reasons["Switched supplier"], 2)
        self.assertEqual(reasons["Changed job"], 1)
        work = {
            group["kind"]: group["__count"]
            for group in results["crm.retention.inactive.work", ("kind",)]
        }
        self.assertEqual(work, {"activity": 1, "customer": 1})
        kept = {
            group["history_state"]: group["__count"]
            for group in results["mail.activity", ("history_state",)]
        }
        self.assertEqual(kept, {"done": 2, "cancelled": 2})
        (offboarding,) = results["crm.retention.offboarding", ("user_id",)]
        self.assertEqual(offboarding["lead_count"], 1)
        traits = {
            (group["kind"], group["name"]): group["dossier_id"]
            for group in results["crm.retention.dossier.report", ("kind", "name")]
        }
        self.assertEqual(traits["trait", "Wants the newsletter"], 2)
        self.assertEqual(traits["dossier_action", "Send the year-end gift"], 2)

    def test_salesperson_does_not_see_it(self):
        self.assertNotIn(
            self.dashboard,
            self.env["spreadsheet.dashboard"].with_user(self.salesman).search([]),
        )

    def test_dashboard_tour(self):
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "crm_retention_dashboard_tour",
            login="rt_dashboard_manager",
        )
