"""A Slack-compatible incoming-webhook sink for the local stack.

Grafana (and Alertmanager) post Slack webhook payloads here when SLACK_WEBHOOK_URL is not set. The sink answers
like Slack ("ok"), logs one line per message and keeps the last 200 payloads:
  GET /               the received alerts, newest first (HTML)
  GET /payloads       the same as JSON
  GET /runbooks/X.md  the runbooks (docs/runbooks), so that the alerts' runbook links work locally
  GET /healthz        "ok"
Standard library only; runs in python:3.12-alpine with the script mounted.
"""
import html
import json
import os
import re
import sys
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("SINK_PORT", "8095"))
RUNBOOK_DIR = os.environ.get("RUNBOOK_DIR", "/runbooks")
PAYLOADS = deque(maxlen=200)
LOCK = threading.Lock()


def texts(payload):
    """Title and text of a Slack payload: top-level text and/or attachments (what Grafana and Alertmanager send)."""
    parts = []
    if payload.get("text"):
        parts.append(("", payload["text"]))
    for a in payload.get("attachments") or []:
        parts.append((a.get("title", ""), a.get("text", "") or a.get("fallback", "")))
    for b in payload.get("blocks") or []:
        t = (b.get("text") or {}).get("text")
        if t:
            parts.append(("", t))
    return parts


class Handler(BaseHTTPRequestHandler):
    server_version = "obsaga-slack-sink/1"

    def _send(self, status, body, content_type="text/plain; charset=utf-8"):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace")
        try:
            payload = json.loads(raw)
        except ValueError:
            self._send(400, "invalid_payload")
            return
        entry = {"received": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "path": self.path,
                 "payload": payload}
        with LOCK:
            PAYLOADS.appendleft(entry)
        titles = [t for t, _ in texts(payload) if t] or [payload.get("text", "")[:80]]
        print(json.dumps({"level": "INFO", "message": "slack message received", "path": self.path,
                          "titles": titles}), flush=True)
        self._send(200, "ok")

    def do_GET(self):
        if self.path == "/healthz":
            self._send(200, "ok")
        elif self.path == "/payloads":
            with LOCK:
                self._send(200, json.dumps(list(PAYLOADS), indent=2), "application/json")
        elif self.path.startswith("/runbooks/"):
            name = self.path[len("/runbooks/"):]
            if not re.fullmatch(r"[a-z0-9-]+\.md", name):
                self._send(404, "no such runbook")
                return
            try:
                with open(os.path.join(RUNBOOK_DIR, name), encoding="utf-8") as f:
                    self._send(200, f.read(), "text/markdown; charset=utf-8")
            except OSError:
                self._send(404, "no such runbook")
        elif self.path == "/":
            with LOCK:
                entries = list(PAYLOADS)
            rows = []
            for e in entries:
                for title, text in texts(e["payload"]):
                    linked = re.sub(r"(https?://[^\s<>|]+)", r'<a href="\1">\1</a>', html.escape(text))
                    rows.append(f"<div class=m><small>{e['received']}</small><h3>{html.escape(title)}</h3>"
                                f"<pre>{linked}</pre></div>")
            body = ("<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=10>"
                    "<title>obsaga alerts</title><style>body{font-family:sans-serif;margin:2em}"
                    ".m{border-bottom:1px solid #ccc;padding:.5em 0}pre{white-space:pre-wrap}</style>"
                    f"<h1>Alerts received ({len(entries)})</h1>" + ("".join(rows) or "<p>None yet.</p>"))
            self._send(200, body, "text/html; charset=utf-8")
        else:
            self._send(404, "not found")

    def log_message(self, fmt, *args):  # one JSON line per message is enough
        pass


if __name__ == "__main__":
    print(json.dumps({"level": "INFO", "message": f"slack sink listening on :{PORT}"}), flush=True)
    sys.stdout.flush()
    ThreadingHTTPServer(("0.0.0.0", PORT), Handler).serve_forever()
