# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chatter in bulk: log notes on, and add followers to, thousands of
documents of one model in one query each (pure helpers, no model).

The ORM's way (_message_log_batch, message_subscribe) creates one
mail.message or mail.followers record at a time in Python, with its
sanitising, inverse fields and cache updates: that was most of the time
of an offboarding of 20,000 opportunities (benchmarks/bench_offboarding.py).
These write the same rows as mail does for a log note (no notification)
and for a follower with the default subtypes, in parameterized SQL, then
invalidate the documents' chatter fields. Superuser helpers: the callers
check the acting user's rights first."""

from odoo import fields
from odoo.tools import SQL
from odoo.tools.mail import generate_tracking_message_id


def log_notes(env, model, bodies, author_id):
    """Log bodies ({res id: Markup, already escaped}) as internal notes of
    author_id on the documents of model, as mail's _message_log_batch does
    (no notification, no tracking), in one INSERT."""
    if not bodies:
        return
    Model = env[model]
    author_id, email_from = Model._message_compute_author(
        author_id, None, raise_on_email=False
    )
    reply_to = env["mail.thread"]._notify_get_reply_to(default=email_from)[False]
    res_ids = list(bodies)
    now = fields.Datetime.now()
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            INSERT INTO mail_message (model, res_id, body, message_type,
                   subtype_id, is_internal, author_id, email_from, reply_to,
                   message_id, email_add_signature, date, create_uid,
                   write_uid, create_date, write_date)
            SELECT %(model)s, note.res_id, note.body, 'notification',
                   %(subtype)s, TRUE, %(author)s, %(email_from)s,
                   %(reply_to)s, %(message_id)s, FALSE, %(now)s, %(uid)s,
                   %(uid)s, %(now)s, %(now)s
              FROM unnest(%(res_ids)s::int[], %(bodies)s::text[])
                   AS note(res_id, body)
            """,
            model=model,
            subtype=env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            author=author_id or None,
            email_from=email_from or None,
            reply_to=reply_to or None,
            message_id=generate_tracking_message_id("message-notify"),
            now=now,
            uid=env.uid,
            res_ids=res_ids,
            bodies=[str(bodies[res_id]) for res_id in res_ids],
        )
    )
    env["mail.message"].invalidate_model()
    Model.browse(res_ids).invalidate_recordset(
        ["message_ids", "message_needaction", "message_needaction_counter"]
    )


def add_followers(env, model, res_ids, partner_id):
    """partner_id (an internal user's partner) follows the documents of
    model with the model's default subtypes, unless they follow them
    already (as mail's message_subscribe: existing subscriptions are
    kept), in one INSERT."""
    if not res_ids:
        return
    Model = env[model]
    subtypes = env["mail.message.subtype"].default_subtypes(model)[0]
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            WITH new AS (
                INSERT INTO mail_followers (res_model, res_id, partner_id)
                SELECT %(model)s, res_id, %(partner)s
                  FROM unnest(%(res_ids)s::int[]) AS res_id
                    ON CONFLICT (res_model, res_id, partner_id) DO NOTHING
                RETURNING id
            )
            INSERT INTO mail_followers_mail_message_subtype_rel
                   (mail_followers_id, mail_message_subtype_id)
            SELECT new.id, subtype
              FROM new, unnest(%(subtypes)s::int[]) AS subtype
            """,
            model=model,
            partner=partner_id,
            res_ids=list(res_ids),
            subtypes=subtypes.ids,
        )
    )
    env["mail.followers"].invalidate_model()
    Model.browse(res_ids).invalidate_recordset(
        ["message_follower_ids", "message_partner_ids"]
    )
