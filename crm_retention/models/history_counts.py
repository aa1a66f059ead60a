# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The history a record has (messages, activities, leads, customers),
counted and worded for the deletion guards' messages (pure helpers, no
model)."""

# Chatter messages that people wrote or received, not the automatic ones
# (tracking, activity done, ...) that every record gets: mail.message_type.
HUMAN_MESSAGE_TYPES = ("comment", "email", "email_outgoing")


def add_counts(counts, kind, groups, key=lambda record: record.id):
    """Add the (group, count) pairs of a _read_group to counts[id][kind]."""
    for group, count in groups:
        per_kind = counts.setdefault(key(group), {})
        per_kind[kind] = per_kind.get(kind, 0) + count


def format_counts(env, counts):
    labels = {
        "activities": env._("activities"),
        "activities_created": env._("activities created for others"),
        "leads": env._("leads/opportunities"),
        "customers": env._("customers as salesperson"),
        "messages": env._("messages"),
    }
    return ", ".join(
        f"{count} {labels[kind]}" for kind, count in sorted(counts.items())
    )


def format_guarded(env, records, counts, limit=10):
    lines = [
        f"- {record.display_name}: {format_counts(env, counts[record.id])}"
        for record in records[:limit]
    ]
    if len(records) > limit:
        lines.append(env._("- and %(count)s more", count=len(records) - limit))
    return "\n".join(lines)
