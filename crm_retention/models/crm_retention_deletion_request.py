# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .crm_retention_deletion_log import DELETION_REASON
from .data_manager import DATA_MANAGER, check_data_manager

# The models whose records salespeople may ask to delete.
REQUESTABLE_MODELS = ("res.partner", "crm.lead", "mail.activity")


class CrmRetentionDeletionRequest(models.Model):
    """A salesperson asks a Data Manager to delete a record (four eyes)."""

    _name = "crm.retention.deletion.request"
    _description = "Deletion Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _rec_name = "name"
    # Requests are read-only (decided through their methods): reading them
    # is enough to discuss them in their chatter.
    _mail_post_access = "read"

    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_model_name = fields.Char(string="Document Type", readonly=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", readonly=True, index=True
    )
    name = fields.Char(string="Record", readonly=True)
    reason = fields.Char(readonly=True)
    requester_id = fields.Many2one(
        comodel_name="res.users",
        string="Requested By",
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
        index=True,
        help="Company of the record (of an activity: of its document). "
        "Empty: visible in every company.",
    )
    history_note = fields.Text(
        string="Instead",
        readonly=True,
        help="The record has history: what the Data Manager is offered "
        "instead of the deletion.",
    )
    state = fields.Selection(
        selection=[
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        default="requested",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        help="Cancelled: the record changed owner, or was deleted otherwise.",
    )
    reply = fields.Text(readonly=True)
    decided_user_id = fields.Many2one(
        comodel_name="res.users", string="Decided By", readonly=True
    )
    decided_date = fields.Datetime(string="Decided On", readonly=True)

    # ------------------------------------------------------------------
    # Requests
    # ------------------------------------------------------------------
    @api.model
    def _request(self, records, reason=False):
        """Ask for the deletion of records; return their open requests (the
        new ones and those already open).

        Superuser: creating the requests (read-only for salespeople).
        Checked first: the user may read the records (access rights and
        record rules)."""
        if records._name not in REQUESTABLE_MODELS:
            raise UserError(
                self.env._("Deletion requests are for contacts, leads and activities.")
            )
        records = records.exists()
        if not records:
            return self.browse()
        records.check_access("read")
        Request = self.sudo()
        existing = Request.search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("state", "=", "requested"),
            ]
        )
        todo = records.browse(set(records.ids) - set(existing.mapped("res_id")))
        if not todo:
            return existing
        todo = todo.sudo()
        notes = todo._crm_retention_deletion_alternatives()
        companies = self.env["crm.retention.deletion.log"]._deleted_companies(todo)
        model_name = self.env["ir.model"]._get(todo._name).name
        reason = (reason or "").strip() or self.env._("Not given")
        requests = Request.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(
            [
                {
                    "res_model": todo._name,
                    "res_model_name": model_name,
                    "res_id": record.id,
                    "name": record.display_name,
                    "reason": reason,
                    "requester_id": self.env.uid,
                    "company_id": companies.get(record.id, False),
                    "history_note": notes.get(record.id, False),
                }
                for record in todo
            ]
        )
        requests._schedule_decision()
        return existing | requests

    def _schedule_decision(self):
        """A to-do for a Data Manager on each request: the counter of their
        activities menu. Superuser: the Data Managers' users."""
        managers = (
            self.env.ref(DATA_MANAGER)
            .sudo()
            .users.filtered(lambda user: user.active and not user.share)
        )
        if not managers:
            return
        for company, requests in self.grouped("company_id").items():
            candidates = managers.filtered(
                lambda user, company=company: not company or company in user.company_ids
            )
            manager = (candidates or managers).sorted("id")[0]
            requests.with_context(mail_activity_quick_update=True).activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Decide on a deletion request"),
                user_id=manager.id,
            )

    # ------------------------------------------------------------------
    # Decisions (Data Managers)
    # ------------------------------------------------------------------
    def _check_decider(self):
        check_data_manager(
            self.env,
            self.env._(
                "Only Data Managers decide on deletion requests. Ask a Data Manager."
            ),
        )
        self.check_access("read")
        closed = self.filtered(lambda request: request.state != "requested")
        if closed:
            raise UserError(
                self.env._(
                    "Already decided or cancelled: %(names)s. Only open requests "
                    "can be approved or rejected.",
                    names=", ".join(closed.mapped("name")),
                )
            )

    def _close(self, state, reply=False):
        """Superuser: closing the requests (and their to-dos) after the
        checks of the callers."""
        self.sudo().write(
            {
                "state": state,
                "reply": reply,
                "decided_user_id": self.env.uid,
                "decided_date": fields.Datetime.now(),
            }
        )
        self.sudo().activity_ids.unlink()

    def action_approve(self):
        """Delete the records through the guards, in the Data Manager's
        name: they go to the recycle bin with the reason of the request."""
        self._check_decider()
        for (res_model, reason), requests in self.grouped(
            lambda request: (request.res_model, request.reason)
        ).items():
            records = self.env[res_model].browse(requests.mapped("res_id")).exists()
            gone = requests.filtered(
                lambda request, ids=set(records.ids): request.res_id not in ids
            )
            gone._close("cancelled")
            requests -= gone
            requests._close("approved")
            records.with_context(
                **{DELETION_REASON: self.env._("Request: %(reason)s", reason=reason)}
            ).unlink()
        self.filtered(lambda request: request.state == "approved")._notify_requesters(
            self.env._("Your deletion request was approved.")
        )
        return True

    def action_reject(self):
        """Open the wizard asking for the reply to the requesters."""
        self._check_decider()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.crm_retention_deletion_reject_action"
        )
        action["context"] = {"default_request_ids": self.ids}
        return action

    def _reject(self, reply):
        self._check_decider()
        reply = (reply or "").strip()
        if not reply:
            raise UserError(self.env._("Give the requester a reply."))
        self._close("rejected", reply)
        self._notify_requesters(
            self.env._("Your deletion request was rejected: %(reply)s", reply=reply)
        )
        return True

    def _notify_requesters(self, text):
        """One notification per requester, listing their requests.
        Superuser: notifying on the requests (read-only)."""
        for requester, requests in self.sudo().grouped("requester_id").items():
            if not requester:
                continue
            body = self.env._(
                "%(text)s\n%(records)s",
                text=text,
                records="\n".join(
                    f"- {request.res_model_name}: {request.name}"
                    for request in requests
                ),
            )
            requests[0].message_notify(
                partner_ids=requester.partner_id.ids,
                body=body,
                subject=self.env._("Deletion request"),
                subtype_xmlid="mail.mt_comment",
            )

    # ------------------------------------------------------------------
    # Cancellation
    # ------------------------------------------------------------------
    @api.model
    def _cancel_for(self, records):
        """The open requests of records are cancelled: the records change
        owner or are deleted otherwise. One search, one write.
        Superuser: the requests of every requester."""
        if not records.ids:
            return
        requests = self.sudo().search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("state", "=", "requested"),
            ]
        )
        if requests:
            requests.write({"state": "cancelled"})
            requests.activity_ids.unlink()

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }


class CrmRetentionDeletionRequestable(models.AbstractModel):
    """Deletion requests on contacts, leads and activities."""

    _name = "crm.retention.deletion.requestable"
    _description = "Records whose deletion can be requested"

    deletion_requested = fields.Boolean(
        compute="_compute_deletion_requested",
        search="_search_deletion_requested",
        help="A deletion request waits for a Data Manager.",
    )

    def _crm_retention_requested_ids(self, ids=None):
        """Ids of records with an open request (of these ids, if given).
        Superuser: whoever asked, the record is marked."""
        domain = [("res_model", "=", self._name), ("state", "=", "requested")]
        if ids is not None:
            domain.append(("res_id", "in", ids))
        groups = (
            self.env["crm.retention.deletion.request"]
            .sudo()
            ._read_group(domain, ["res_id"])
        )
        return {res_id for (res_id,) in groups}

    def _compute_deletion_requested(self):
        requested = self._crm_retention_requested_ids(self.ids) if self.ids else set()
        for record in self:
            record.deletion_requested = record.id in requested

    def _search_deletion_requested(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on 'Deletion Requested'."))
        ids = list(self._crm_retention_requested_ids())
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    def _crm_retention_deletion_alternatives(self):
        """{record id: what a Data Manager will be offered instead of the
        deletion} of the records with history. None by default."""
        return {}

    @api.returns("crm.retention.deletion.request")
    def action_request_deletion(self, reason=False):
        """Ask a Data Manager to delete these records (also over RPC);
        return the open requests (their ids over RPC)."""
        return self.env["crm.retention.deletion.request"]._request(self, reason)

    def action_open_request_deletion(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.crm_retention_request_deletion_action"
        )
        action["context"] = {"active_model": self._name, "active_ids": self.ids}
        return action

    def _crm_retention_owner_changes(self, vals):
        """The records whose owner (user_id) changes with vals."""
        if "user_id" not in vals:
            return self.browse()
        return self.filtered(
            lambda record: record.user_id.id != (vals["user_id"] or False)
        )

    def write(self, vals):
        changing = self._crm_retention_owner_changes(vals)
        result = super().write(vals)
        if changing:
            self.env["crm.retention.deletion.request"]._cancel_for(changing)
        return result
