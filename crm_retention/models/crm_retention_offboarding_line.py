# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from .offboarding_plan import reading_env

# The fields of a line that say what moved (a Move), in the order of Move.
MOVE_FIELDS = (
    "res_model",
    "res_id",
    "previous_user_id",
    "new_user_id",
    "previous_team_id",
    "new_team_id",
    "previous_company_id",
    "new_company_id",
    "was_open",
)


class CrmRetentionOffboardingLine(models.Model):
    """One record an offboarding moved: which, from whom to whom (and for
    leads their team and company before and after), whether it was open or
    planned then, and what its undo did with it. Written once by the
    offboarding, then only by its undo: read-only to everyone."""

    _name = "crm.retention.offboarding.line"
    _description = "CRM Offboarding: Moved Record"
    _order = "offboarding_id, res_model, id"
    _rec_name = "record_name"

    offboarding_id = fields.Many2one(
        comodel_name="crm.retention.offboarding",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    res_model = fields.Selection(
        selection=[
            ("crm.lead", "Lead/Opportunity"),
            ("res.partner", "Customer"),
            ("crm.team", "Sales Team"),
            ("mail.activity", "Activity"),
        ],
        string="Kind",
        required=True,
        readonly=True,
    )
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, readonly=True
    )
    record_name = fields.Char(string="Record", compute="_compute_record_name")
    previous_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Previous Owner",
        readonly=True,
        ondelete="set null",
        context={"active_test": False},
    )
    new_user_id = fields.Many2one(
        comodel_name="res.users",
        string="New Owner",
        readonly=True,
        index=True,
        ondelete="set null",
        context={"active_test": False},
    )
    previous_team_id = fields.Many2one(
        comodel_name="crm.team", readonly=True, ondelete="set null"
    )
    new_team_id = fields.Many2one(
        comodel_name="crm.team", readonly=True, ondelete="set null"
    )
    previous_company_id = fields.Many2one(
        comodel_name="res.company", readonly=True, ondelete="set null"
    )
    new_company_id = fields.Many2one(
        comodel_name="res.company", readonly=True, ondelete="set null"
    )
    was_open = fields.Boolean(
        string="Open When Moved",
        readonly=True,
        help="Leads: open (active, not won); activities: planned (not done).",
    )
    undo_state = fields.Selection(
        selection=[
            ("moved", "Moved"),
            ("undone", "Given Back"),
            ("skipped", "Left Alone"),
        ],
        default="moved",
        required=True,
        readonly=True,
    )
    skip_reason = fields.Char(
        string="Why Left Alone",
        readonly=True,
        help="Why the undo did not give the record back: it changed owner, "
        "was closed or deleted since.",
    )

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        """Superuser: the names of the moved records (the line's readers
        are the Data Managers of the departing user's companies), one read
        per model."""
        env = reading_env(self.env)
        ids_by_model = defaultdict(set)
        for line in self:
            ids_by_model[line.res_model].add(line.res_id)
        names = {}
        for model, ids in ids_by_model.items():
            if model:
                for record in env[model].browse(ids).exists():
                    names[(model, record.id)] = record.display_name
        for line in self:
            name = names.get((line.res_model, line.res_id))
            line.record_name = name or f"{line.res_model} #{line.res_id}"

    @api.model
    def _insert_moves(self, offboarding, moves):
        """Record moves (Move objects) as lines of offboarding, in one
        INSERT: an offboarding may move tens of thousands of records, and
        the ORM's create() would add seconds to it (see
        benchmarks/bench_offboarding.py). Parameterized; the lines are
        read-only to users (no create right), written here as the
        offboarding's trace."""
        if not moves:
            return
        self.env.flush_all()
        columns = MOVE_FIELDS
        values = [
            [move.res_model for move in moves],
            [move.res_id for move in moves],
            [move.previous_user or None for move in moves],
            [move.new_user or None for move in moves],
            [move.previous_team or None for move in moves],
            [move.new_team or None for move in moves],
            [move.previous_company or None for move in moves],
            [move.new_company or None for move in moves],
            [bool(move.was_open) for move in moves],
        ]
        types = (
            "varchar",
            "int4",
            "int4",
            "int4",
            "int4",
            "int4",
            "int4",
            "int4",
            "bool",
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO %(table)s (offboarding_id, undo_state, %(columns)s,
                       create_uid, write_uid, create_date, write_date)
                SELECT %(offboarding)s, 'moved', m.*, %(uid)s, %(uid)s,
                       now() at time zone 'utc', now() at time zone 'utc'
                  FROM unnest(%(arrays)s) AS m
                """,
                table=SQL.identifier(self._table),
                columns=SQL(", ").join(SQL.identifier(name) for name in columns),
                offboarding=offboarding.id,
                uid=self.env.uid,
                arrays=SQL(", ").join(
                    SQL("%s::%s[]", array, SQL(kind))
                    for array, kind in zip(values, types, strict=True)
                ),
            )
        )
        self.invalidate_model()
        offboarding.invalidate_recordset(["line_ids"])
