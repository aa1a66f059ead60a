# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The databases of the stress run (plain Python): two templates seeded once
(crm and contacts, then a copy with crm_retention), reused while the addon's
code and the seed are unchanged, copied afresh for every run."""

import hashlib
import json
import subprocess
import sys
import time

from .cluster import ROOT

# By names, not ids: a reinstall creates the addon's rules and groups anew.
GROUP = "coalesce((SELECT name->>'en_US' FROM res_groups WHERE id = %s), '-')"
RIGHTS_SQL = f"""
    SELECT 'access ' || a.name || ' model ' || m.model || ' group '
           || {GROUP % "a.group_id"} || ' ' || a.active
           || a.perm_read || a.perm_write || a.perm_create || a.perm_unlink
      FROM ir_model_access a JOIN ir_model m ON m.id = a.model_id
    UNION ALL
    SELECT 'rule ' || r.name || ' model ' || m.model || ' '
           || r.active || r.perm_read || r.perm_write || r.perm_create
           || r.perm_unlink || ' ' || coalesce(r.domain_force, '')
      FROM ir_rule r JOIN ir_model m ON m.id = r.model_id
    UNION ALL
    SELECT 'rule group ' || r.name || ' ' || {GROUP % "rg.group_id"}
      FROM rule_group_rel rg JOIN ir_rule r ON r.id = rg.rule_group_id
    UNION ALL
    SELECT 'member ' || u.login || ' group ' || {GROUP % "gu.gid"}
      FROM res_groups_users_rel gu JOIN res_users u ON u.id = gu.uid
    UNION ALL
    SELECT 'implied ' || {GROUP % "gid"} || ' ' || {GROUP % "hid"}
      FROM res_groups_implied_rel
    UNION ALL
    SELECT 'parameter ' || key || '=' || coalesce(value, '')
      FROM ir_config_parameter
     WHERE key NOT IN ('database.uuid', 'database.create_date')
    ORDER BY 1"""


def rights(cluster, db):
    """Access rules, record rules and their groups, memberships, implied
    groups and system parameters, as sorted lines."""
    # A rule or an access without a name is a line of NULL: left out.
    return [row[0] for row in cluster.sql(db, RIGHTS_SQL) if row[0] is not None]


def code_key():
    digest = hashlib.sha256()
    paths = sorted((ROOT / "crm_retention").rglob("*")) + [
        ROOT / "stress/seed.py",
        ROOT / "stress/prepare.py",
    ]
    for path in paths:
        # The addon's tests change nothing the seed sees.
        if path.is_file() and not {"__pycache__", "tests"} & set(path.parts):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def seed(cluster, db, step):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "stress.seed",
            "--config",
            cluster.args.config,
            "--database",
            db,
            step,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise RuntimeError(f"seeding {db} ({step}) failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def templates(cluster, say):
    """The two seeded templates, made when missing or stale; returns the
    facts the scenarios need (ids of the seed)."""
    db = cluster.args.database
    tpl_without, tpl_with = f"{db}_tpl_without", f"{db}_tpl_with"
    key_file = cluster.local / "templates.json"
    key = code_key()
    if key_file.exists():
        facts = json.loads(key_file.read_text())
        if (
            facts.get("key") == key
            and cluster.db_exists(tpl_without)
            and cluster.db_exists(tpl_with)
        ):
            say("reusing the seeded templates (addon and seed unchanged)")
            return facts
    start = time.time()
    say(f"seeding the templates {tpl_without} and {tpl_with} (once)")
    cluster.drop_db(tpl_without)
    cluster.drop_db(tpl_with)
    cluster.odoo_bin(
        "-d",
        tpl_without,
        "-i",
        # maintenance: a document with activities outside CRM, for the
        # activity-history scope (s_caches).
        "crm,contacts,maintenance",
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
    )
    facts = seed(cluster, tpl_without, "common")
    cluster.copy_db(tpl_without, tpl_with)
    cluster.odoo_bin(
        "-d", tpl_with, "-i", "crm_retention", "--stop-after-init", "--log-level=warn"
    )
    facts["rights_installed"] = rights(cluster, tpl_with)
    facts.update(seed(cluster, tpl_with, "addon"))
    facts["key"] = key
    key_file.write_text(json.dumps(facts))
    say(f"templates seeded in {time.time() - start:.0f} s")
    return facts


def fresh(cluster, facts):
    """This run's two databases, copies of the templates."""
    db = cluster.args.database
    cluster.copy_db(f"{db}_tpl_without", f"{db}_without")
    cluster.copy_db(f"{db}_tpl_with", f"{db}_with")
    return f"{db}_with", f"{db}_without"
