# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The project's PostgreSQL and the multi-worker Odoo of the stress run
(plain Python): SQL for the checks, databases, the server and its workers."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent


class Cluster:
    def __init__(self, args):
        self.args = args
        self.local = ROOT / ".local" / "stress"
        self.local.mkdir(parents=True, exist_ok=True)
        self.conf = self.local / "odoo.conf"
        self.log = self.local / "odoo.log"
        self.server = None
        self.port = args.http_port

    # -- SQL -----------------------------------------------------------------

    def connect(self, db="postgres"):
        conn = psycopg2.connect(
            host=self.args.pgsock, port=self.args.pgport, user="odoo", dbname=db
        )
        conn.autocommit = True
        return conn

    def sql(self, db, query, params=None):
        """All rows of one query, in a connection of its own."""
        conn = self.connect(db)
        try:
            with conn.cursor() as cr:
                cr.execute(query, params)
                return cr.fetchall() if cr.description else []
        finally:
            conn.close()

    def value(self, db, query, params=None):
        rows = self.sql(db, query, params)
        return rows[0][0] if rows else None

    def db_exists(self, db):
        return bool(
            self.sql("postgres", "SELECT 1 FROM pg_database WHERE datname=%s", [db])
        )

    def drop_db(self, db):
        self.sql("postgres", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        subprocess.run(
            ["rm", "-rf", str(ROOT / ".local/data/filestore" / db)], check=True
        )

    def copy_db(self, source, target):
        self.drop_db(target)
        self.sql("postgres", f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
        store = ROOT / ".local/data/filestore"
        if (store / source).exists():
            subprocess.run(
                ["cp", "-a", str(store / source), str(store / target)], check=True
            )

    def pg_ctl(self, *args):
        cmd = [f"{self.args.pg_bin}/pg_ctl", "-D", self.args.pgdata, *args]
        if os.getuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    def pg_restart(self):
        self.pg_ctl("restart", "-m", "fast", "-w")

    # -- Odoo ----------------------------------------------------------------

    def odoo_bin(self, *args, log=None):
        """odoo-bin with the project's configuration, one process, waited for."""
        cmd = [sys.executable, f"{self.args.odoo}/odoo-bin", "-c", self.args.config]
        with open(log or self.local / "install.log", "a") as out:
            result = subprocess.run([*cmd, *args], stdout=out, stderr=out)
        if result.returncode:
            raise RuntimeError(f"odoo-bin {' '.join(args)} failed: see {out.name}")

    def odoo_shell(self, db, script):
        """Run script in odoo-bin shell on db (it commits what it does)."""
        cmd = [
            sys.executable,
            f"{self.args.odoo}/odoo-bin",
            "shell",
            "-c",
            self.args.config,
            "-d",
            db,
            "--log-level=warn",
        ]
        with open(self.local / "install.log", "a") as out:
            result = subprocess.run(
                cmd, input=script, text=True, stdout=out, stderr=out
            )
        if result.returncode:
            raise RuntimeError(f"odoo-bin shell failed: see {out.name}")

    def write_conf(self):
        overridden = ("http_port", "workers", "max_cron_threads", "logfile")
        base = [
            line
            for line in Path(self.args.config).read_text().splitlines()
            if line.split("=")[0].strip() not in overridden
        ]
        self.conf.write_text(
            "\n".join(
                [
                    *base,
                    "workers = 2",
                    "max_cron_threads = 1",
                    "http_interface = 127.0.0.1",
                    f"http_port = {self.port}",
                    f"gevent_port = {self.args.gevent_port}",
                    # Odoo's defaults.
                    "limit_time_cpu = 60",
                    "limit_time_real = 120",
                    "limit_request = 100000",
                    "list_db = False",
                    f"logfile = {self.log}",
                    "log_level = warn",
                    "",
                ]
            )
        )

    def start(self):
        """Odoo with --workers=2 --max-cron-threads=1 on 127.0.0.1; returns
        once it answers."""
        self.write_conf()
        cmd = [sys.executable, f"{self.args.odoo}/odoo-bin", "-c", str(self.conf)]
        env = dict(os.environ)
        # gevent's missing pkg_resources (see shim/pkg_resources.py).
        shim = str(Path(__file__).parent / "shim")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [shim, env.get("PYTHONPATH")]))
        # Its own process group: stop() ends the master and its workers.
        self.server = subprocess.Popen(cmd, start_new_session=True, env=env)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"Odoo stopped at start: see {self.log}")
            if len(self.workers()) >= 3 and self._answers():
                return
            time.sleep(0.5)
        raise RuntimeError("Odoo did not answer within 120 s")

    def _answers(self):
        import xmlrpc.client

        try:
            proxy = xmlrpc.client.ServerProxy(
                f"http://127.0.0.1:{self.port}/xmlrpc/2/common"
            )
            return bool(proxy.version())
        except OSError:
            return False

    def stop(self):
        if self.server is None or self.server.poll() is not None:
            return
        os.killpg(self.server.pid, signal.SIGTERM)
        try:
            self.server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.server.pid, signal.SIGKILL)
            self.server.wait(10)

    def children(self):
        """(pid, command line) of the master's children."""
        out = subprocess.run(
            ["ps", "-o", "pid=,args=", "--ppid", str(self.server.pid)],
            capture_output=True,
            text=True,
        ).stdout
        rows = []
        for line in out.splitlines():
            pid, __, cmd = line.strip().partition(" ")
            rows.append((int(pid), cmd))
        return rows

    def workers(self):
        """The pids of the HTTP workers and of the cron worker (Odoo names
        them alike; the gevent worker has 'gevent' in its command line)."""
        if self.server is None:
            return []
        return [pid for pid, cmd in self.children() if "gevent" not in cmd]

    def backend(self, db, pid):
        """The backend of Odoo process pid on db, while it has a transaction
        open: (backend pid, state, wait_event_type, seconds in transaction)."""
        rows = self.sql(
            "postgres",
            """SELECT pid, state, wait_event_type,
                      extract(epoch FROM now() - xact_start)
                 FROM pg_stat_activity
                WHERE datname = %s AND application_name = %s
                  AND xact_start IS NOT NULL""",
            [db, f"odoo-{pid}"],
        )
        return rows

    def busy_worker(self, db, wait_lock=True, timeout=120, exclude=()):
        """The worker whose transaction on db waits for a lock (or, with
        wait_lock False, is running one): its pid, once seen."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for pid in set(self.workers()) - set(exclude):
                for __, state, wait, __ in self.backend(db, pid):
                    if state == "active" and (wait == "Lock" or not wait_lock):
                        return pid
            time.sleep(0.05)
        raise RuntimeError("no worker was seen inside its transaction")
