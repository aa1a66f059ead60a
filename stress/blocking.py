# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deterministic timing (plain Python): hold a row lock in a transaction of
our own, so that the request that writes the row waits inside its
transaction, in a worker we can name (pg_stat_activity's application_name
is odoo-<pid>)."""

import threading

from .rpc import attempt


class Held:
    """A request held inside its transaction by a row lock we own. The
    request runs in a thread; release() lets it go on, result() waits."""

    def __init__(self, run, table, row_id, client, model, method, *args, **kwargs):
        """Lock row row_id of table (or, with table None, run the SQL row_id
        in our transaction, e.g. an uncommitted INSERT of a key the request
        will insert too) and make the call."""
        self.run = run
        self.conn = run.cluster.connect(run.db)
        self.conn.autocommit = False
        with self.conn.cursor() as cr:
            if table is None:
                cr.execute(*row_id)
            else:
                cr.execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE", [row_id])
        self.outcome = None
        self.thread = threading.Thread(
            target=self._call, args=(client, model, method, args, kwargs), daemon=True
        )

    def _call(self, client, model, method, args, kwargs):
        self.outcome = attempt(client, model, method, *args, **kwargs)

    def start(self, exclude=()):
        """Start the request; return the pid of the worker that waits."""
        self.thread.start()
        self.pid = self.run.cluster.busy_worker(self.run.db, exclude=exclude)
        return self.pid

    def release(self):
        if not self.conn.closed:
            try:
                self.conn.rollback()
                self.conn.close()
            except Exception:  # noqa: BLE001 - the server may be gone (restart)
                pass

    def result(self, timeout=600):
        self.release()
        self.thread.join(timeout)
        return self.outcome


def together(*calls):
    """Run the calls (no-argument functions) in threads released at the
    same moment by a barrier; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def go(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=go, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
