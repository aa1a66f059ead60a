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


# The kinds of history, in the order the messages name them.
KIND_ORDER = ("leads", "activities", "messages", "customers", "activities_created")


def count_words(env, kind, count):  # noqa: C901 (one branch per kind)
    """'1 opportunity', '2 opportunities': correct plurals, translatable."""
    one = count == 1
    if kind == "leads":
        if one:
            return env._("1 opportunity")
        return env._("%(count)s opportunities", count=count)
    if kind == "activities":
        if one:
            return env._("1 activity")
        return env._("%(count)s activities", count=count)
    if kind == "messages":
        if one:
            return env._("1 message")
        return env._("%(count)s messages", count=count)
    if kind == "customers":
        if one:
            return env._("1 customer")
        return env._("%(count)s customers", count=count)
    if one:
        return env._("1 activity created for others")
    return env._("%(count)s activities created for others", count=count)


def join_words(env, words):
    """'a', 'a and b', 'a, b and c' (translatable)."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    return env._("%(first)s and %(last)s", first=", ".join(words[:-1]), last=words[-1])


def format_counts(env, counts):
    """'2 opportunities and 1 message'."""
    return join_words(
        env,
        (
            count_words(env, kind, counts[kind])
            for kind in KIND_ORDER
            if counts.get(kind)
        ),
    )


def format_guarded(env, records, counts, limit=10):
    lines = [
        f"- {record.display_name}: {format_counts(env, counts[record.id])}"
        for record in records[:limit]
    ]
    if len(records) > limit:
        lines.append(env._("- and %(count)s more", count=len(records) - limit))
    return "\n".join(lines)
