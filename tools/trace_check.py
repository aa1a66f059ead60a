# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The 'leave no trace' check of ./dev test, run inside `odoo-bin shell`.

./dev pipes this file to the shell after a line `STEP = "<step>"`:

- customise: what an administrator does before installing the addon: a
  user without Export, a template of new users without Export, a custom
  group that may delete contacts (with its own access rule and record
  rule), a system parameter of their own.
- exercise: every feature of the addon, as its users would, so that the
  uninstall that follows has something to clean up. The users it creates
  (logins exercise_*) are new data, left out of the comparison.

The rights (access rules, record rules, group memberships and implied
groups, the template of new users, system parameters) are compared by
./dev before the install and after the uninstall.
"""

from odoo import Command, fields

TODAY = fields.Date.today()


def customise(env):
    export = env.ref("base.group_allow_export")
    template = env.ref("base.default_user")
    template.write({"groups_id": [Command.unlink(export.id)]})
    cleaners = env["res.groups"].create({"name": "Contact Cleaners"})
    env["ir.model.access"].create(
        {
            "name": "contact cleaners delete contacts",
            "model_id": env.ref("base.model_res_partner").id,
            "group_id": cleaners.id,
            "perm_read": True,
            "perm_write": True,
            "perm_create": True,
            "perm_unlink": True,
        }
    )
    env["ir.rule"].create(
        {
            "name": "contact cleaners: people only",
            "model_id": env.ref("base.model_res_partner").id,
            "groups": [Command.link(cleaners.id)],
            "domain_force": "[('is_company', '=', False)]",
            "perm_read": False,
        }
    )
    users = env["res.users"].with_context(no_reset_password=True)
    salesman = env.ref("sales_team.group_sale_salesman")
    users.create(
        {
            "name": "No Export",
            "login": "trace_no_export",
            "email": "trace_no_export@trace.example",
            "groups_id": [Command.set([salesman.id])],
        }
    )
    users.create(
        {
            "name": "Cleaner",
            "login": "trace_cleaner",
            "email": "trace_cleaner@trace.example",
            "groups_id": [Command.set([salesman.id, cleaners.id, export.id])],
        }
    )
    env["ir.config_parameter"].set_param("trace.own_parameter", "kept")
    # The administrator saved the settings once (it writes every setting's
    # parameter in its normal form).
    env["res.config.settings"].create({}).execute()
    # The export right is taken from the user after create (the template
    # may have given it).
    env["res.users"].search([("login", "=", "trace_no_export")]).write(
        {"groups_id": [Command.unlink(export.id)]}
    )


def _settings(env, **values):
    settings = env["res.config.settings"].create({})
    settings.write(values)
    settings.execute()


def exercise(env):
    """Use every feature of crm_retention once."""
    users = env["res.users"].with_context(no_reset_password=True)
    manager = users.create(
        {
            "name": "Trace Data Manager",
            "login": "exercise_data_manager",
            "email": "exercise_data_manager@trace.example",
            "groups_id": [
                Command.set(
                    [
                        env.ref("sales_team.group_sale_manager").id,
                        env.ref("crm_retention.crm_retention_group_manager").id,
                    ]
                )
            ],
        }
    )
    leaving = users.create(
        {
            "name": "Trace Leaving",
            "login": "exercise_leaving",
            "email": "exercise_leaving@trace.example",
            "groups_id": [Command.set([env.ref("sales_team.group_sale_salesman").id])],
        }
    )
    staying = users.create(
        {
            "name": "Trace Staying",
            "login": "exercise_staying",
            "email": "exercise_staying@trace.example",
            "groups_id": [Command.set([env.ref("sales_team.group_sale_salesman").id])],
        }
    )
    Partner = env["res.partner"]
    company = Partner.create({"name": "Trace Company", "is_company": True})
    person = Partner.create(
        {"name": "Trace Person", "parent_id": company.id, "email": "p@trace.example"}
    )
    duplicate = Partner.create({"name": "Trace Person (dup)"})
    lead = env["crm.lead"].create(
        {
            "name": "Trace Deal",
            "partner_id": person.id,
            "user_id": leaving.id,
            "type": "opportunity",
        }
    )
    # Settings, both ways.
    phone = env["ir.model.fields"]._get("res.partner", "phone")
    _settings(
        env,
        crm_retention_keep_done=False,
        crm_retention_restrict_export=False,
        crm_retention_sensitive_field_ids=[Command.set(phone.ids)],
    )
    _settings(
        env,
        crm_retention_keep_done=True,
        crm_retention_restrict_export=True,
        crm_retention_export_model_ids=[
            Command.set(env["ir.model"]._get("crm.tag").ids)
        ],
    )
    # Activities: done, cancelled, archived with their lead.
    todo = "mail.mail_activity_data_todo"
    lead.activity_schedule(todo, user_id=leaving.id).action_feedback(feedback="ok")
    lead.with_user(leaving).activity_schedule(todo, user_id=leaving.id).unlink()
    lead.activity_schedule(todo, user_id=leaving.id)
    # Former, and back.
    env["crm.retention.mark.former"].create(
        {"partner_ids": [Command.set(company.ids)], "include_contacts": True}
    ).action_confirm()
    (company | person).action_make_current()
    # Traits and dossier actions, added and removed.
    trait = env["crm.retention.trait"].create({"name": "Trace trait", "code": "trace"})
    action = env["crm.retention.dossier.action"].create(
        {"name": "Trace action", "code": "trace"}
    )
    for operation in ("add", "remove"):
        env["crm.retention.trait.wizard"].create(
            {
                "partner_ids": [Command.set(person.ids)],
                "operation": operation,
                "trait_ids": [Command.set(trait.ids)],
            }
        ).action_confirm()
        env["crm.retention.trait.wizard"].create(
            {
                "partner_ids": [Command.set(company.ids)],
                "operation": operation,
                "target": "dossier_action",
                "dossier_action_ids": [Command.set(action.ids)],
                "scope": "dossier",
            }
        ).action_confirm()
    # Move the history of a duplicate, then delete it (logged).
    duplicate.message_post(body="Called")
    env["crm.retention.move.history"].with_user(manager).create(
        {"source_partner_id": duplicate.id, "target_partner_id": person.id}
    ).action_move()
    duplicate.with_user(manager).unlink()
    # Offboarding, and its undo.
    env["crm.retention.offboard.user"].create(
        {"user_id": leaving.id, "target_user_id": staying.id}
    ).action_offboard()
    offboarding = env["crm.retention.offboarding"].search([], limit=1)
    offboarding.action_undo()
    offboarding.action_reactivate_user()
    # Erasure on request.
    erased = Partner.create({"name": "Trace Erased", "email": "e@trace.example"})
    env["crm.retention.erase"].with_user(manager).create(
        {"partner_ids": [Command.set(erased.ids)], "reason": "trace"}
    ).action_erase()
    # Odoo's merges.
    other = env["crm.lead"].create({"name": "Trace Deal 2", "partner_id": person.id})
    (lead | other).merge_opportunity()
    # Recycle bin: a contact with a photo and a file, deleted and restored;
    # another one left in the bin (its files stay with the entry).
    png = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/"
        "iZk9HQAAAABJRU5ErkJggg=="
    )
    for name in ("Trace Restored", "Trace Binned"):
        binned = Partner.create({"name": name, "image_1920": png})
        env["ir.attachment"].create(
            {
                "name": "trace.txt",
                "raw": b"trace",
                "res_model": "res.partner",
                "res_id": binned.id,
            }
        )
        binned.with_user(manager).with_context(
            crm_retention_deletion_reason="trace"
        ).unlink()
    env["crm.retention.deletion.log"].search(
        [("name", "=", "Trace Restored")]
    ).with_user(manager).action_restore()
    # Deletion requests: one approved, one rejected, one left open.
    requested = Partner.create([{"name": f"Trace Request {i}"} for i in range(3)])
    for partner in requested:
        partner.with_user(staying).action_request_deletion("trace")
    requests = env["crm.retention.deletion.request"].search(
        [("res_id", "in", requested.ids), ("res_model", "=", "res.partner")],
        order="id",
    )
    requests[0].with_user(manager).action_approve()
    requests[1].with_user(manager)._reject("trace")
    env["crm.retention.deletion.log"]._cron_purge()
    env.flush_all()


if "env" in globals():
    {"customise": customise, "exercise": exercise}[STEP](env)  # noqa: F821
    env.cr.commit()  # noqa: F821
