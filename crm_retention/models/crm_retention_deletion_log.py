# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


def _has_company(model):
    field = model._fields.get("company_id")
    return bool(field) and field.type == "many2one"


class CrmRetentionDeletionLog(models.Model):
    _name = "crm.retention.deletion.log"
    _description = "Deleted CRM record"
    _order = "create_date desc, id desc"
    _rec_name = "name"

    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_model_name = fields.Char(string="Document Type", readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True)
    name = fields.Char(readonly=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
        index=True,
        help="Company of the deleted record (of an activity: of its document). "
        "Empty: visible in every company.",
    )
    is_erased = fields.Boolean(
        string="Erased",
        readonly=True,
        help="The name of the deleted record was erased with a person's "
        "personal data (GDPR): it cannot be brought back.",
    )

    @api.model
    def _log_deletion(self, records):
        """One line per deleted record, written in one go.

        Superuser: creating the lines (the log is read-only for everybody).
        Checked first: called from the deletion guards once the deletion
        right was checked (check_delete_right), in the deleting user's name
        (create_uid)."""
        if not records:
            return self.browse()
        model_name = self.env["ir.model"]._get(records._name).name
        records = records.sudo()
        companies = self._deleted_companies(records)
        return self.sudo().create(
            [
                {
                    "res_model": records._name,
                    "res_model_name": model_name,
                    "res_id": record.id,
                    "name": record.display_name,
                    "company_id": companies.get(record.id, False),
                }
                for record in records
            ]
        )

    @api.model
    def _deleted_companies(self, records):
        """{record id: company id} of records about to be deleted: their own
        company, or for activities the company of their document (one query
        per document model). Records without a company are left out."""
        if _has_company(records):
            return {record.id: record.company_id.id for record in records}
        if records._name != "mail.activity":
            return {}
        companies = {}
        for res_model, activities in records.grouped("res_model").items():
            if res_model not in self.env or not _has_company(self.env[res_model]):
                continue
            documents = self.env[res_model].sudo().with_context(active_test=False)
            company_of = {
                document.id: document.company_id.id
                for document in documents.browse(activities.mapped("res_id")).exists()
            }
            for activity in activities:
                companies[activity.id] = company_of.get(activity.res_id, False)
        return companies

    def _erase_entries(self):
        """The entries lose the name of the record: it named a person whose
        personal data was erased.

        Superuser: the write (the log is read-only). Checked first: called by
        the erasure after its checks (crm.retention.erasure._check_erasable),
        or by Odoo's portal account deletion (cron)."""
        self.sudo().write({"name": self.env._("Erased on request"), "is_erased": True})
        return True

    @api.model
    def _erase_deleted(self, model, ids):
        """Erase the entries of records deleted on a person's request.
        Superuser: finding the entries; the callers' checks as in
        _erase_entries."""
        entries = self.sudo().search([("res_model", "=", model), ("res_id", "in", ids)])
        return entries._erase_entries()
