# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""RPC clients of the stress run (plain Python, standard library only):
XML-RPC (/xmlrpc/2) and JSON-RPC (/jsonrpc), both Odoo's external API, on
127.0.0.1 only."""

import http.client
import json
import xmlrpc.client


class RpcError(Exception):
    """An error answered by Odoo (its message), or the connection lost."""

    def __init__(self, message, fault=True):
        super().__init__(message)
        self.fault = fault  # False: no answer (connection reset, timeout)


def first_line(message):
    """The line of an Odoo error that says what went wrong (the last line of
    a traceback, or the first line of the message)."""
    lines = [line.strip() for line in str(message).strip().splitlines() if line.strip()]
    if not lines:
        return ""
    return (lines[-1] if lines[0].startswith("Traceback") else lines[0])[:160]


class Client:
    """One user's connection: call(model, method, *args, **kwargs)."""

    def __init__(
        self, port, db, login, password=None, timeout=600, json_rpc=False, uid=None
    ):
        self.port, self.db, self.login = port, db, login
        self.password = password or login
        self.timeout = timeout
        self.json_rpc = json_rpc
        self._conn = None
        self._object = None
        # With uid given, no login (its password hash costs a worker ~0.5 s).
        self.uid = uid or self._service("common", "login", db, login, self.password)
        if not self.uid:
            raise RpcError(f"cannot log in as {login} on {db}")

    def _xml(self, service):
        return xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{self.port}/xmlrpc/2/{service}",
            allow_none=True,
            transport=_Transport(self.timeout),
        )

    def _service(self, service, method, *args):
        if self.json_rpc:
            return self._json(service, method, list(args))
        try:
            proxy = self._object if service == "object" else self._xml(service)
            if service == "object" and proxy is None:
                proxy = self._object = self._xml("object")
            return getattr(proxy, method)(*args)
        except xmlrpc.client.Fault as fault:
            raise RpcError(first_line(fault.faultString)) from None
        except (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError) as exc:
            self._object = None
            raise RpcError(f"no answer: {exc!r}"[:160], fault=False) from None

    def _json(self, service, method, args):
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": service, "method": method, "args": args},
            }
        )
        try:
            if self._conn is None:
                self._conn = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=self.timeout
                )
            self._conn.request(
                "POST", "/jsonrpc", body, {"Content-Type": "application/json"}
            )
            answer = json.loads(self._conn.getresponse().read())
        except (OSError, http.client.HTTPException, ValueError) as exc:
            self._conn = None
            raise RpcError(f"no answer: {exc!r}"[:160], fault=False) from None
        if "error" in answer:
            data = answer["error"].get("data") or {}
            raise RpcError(first_line(data.get("message") or answer["error"]))
        return answer.get("result")

    def call(self, model, method, *args, **kwargs):
        return self._service(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )


class _Transport(xmlrpc.client.Transport):
    def __init__(self, timeout):
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):
        conn = super().make_connection(host)
        conn.timeout = self._timeout
        return conn


def attempt(client, model, method, *args, **kwargs):
    """(True, result) or (False, the error's message)."""
    try:
        return True, client.call(model, method, *args, **kwargs)
    except RpcError as error:
        return False, str(error)
