#!/usr/bin/env python3
"""Steady authenticated read+write traffic for the rolling-upgrade test (scripts/upgrade-test.sh).

Each worker signs up its own user (through the load balancer), signs in, and loops until STOP_FILE exists: a write
(POST /api/v1/connections, a file connection with a unique alias) and two reads (GET /api/v1/connections,
GET /api/v1/users/me), paced to about PACE requests per second per worker. Every answer is recorded; at the end
each acknowledged write (201 with an id) is looked up in the user's connection list and the summary is printed as
JSON: requests, failures (any non-2xx or transport error, with details), writes acknowledged, writes found.
Exit 0 only when nothing failed and nothing was lost.
"""
import http.client
import json
import os
import ssl
import sys
import threading
import time
import uuid

HOST, PORT, CA, STOP_FILE = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
WORKERS = int(os.environ.get("UPGRADE_WORKERS", "4"))
PACE = float(os.environ.get("UPGRADE_PACE", "15"))
context = ssl.create_default_context(cafile=CA)
lock = threading.Lock()
stats = {"requests": 0, "failures": [], "writes": 0, "by_status": {}}
acknowledged = {}  # worker -> [(id, alias)]


def call(conn, method, path, body=None, token=None):
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = conn.getresponse()
        data = response.read()
        status = response.status
    except Exception as e:  # a transport error is a failed request
        with lock:
            stats["requests"] += 1
            stats["failures"].append(f"{method} {path}: {type(e).__name__}: {e}")
        conn.close()
        return None, None
    with lock:
        stats["requests"] += 1
        stats["by_status"][status] = stats["by_status"].get(status, 0) + 1
        if status >= 300:
            stats["failures"].append(f"{method} {path}: {status} {data[:200]!r}")
    return status, (json.loads(data) if data and data[:1] in (b"{", b"[") else None)


def worker(n):
    conn = http.client.HTTPSConnection(HOST, PORT, context=context, timeout=30)
    email = f"upgrade-{n}-{uuid.uuid4().hex[:8]}@example.org"
    password = "Upgrade-" + uuid.uuid4().hex
    call(conn, "POST", "/api/v1/users", {"email": email, "password": password, "name": f"Upgrade {n}"})
    status, session = call(conn, "POST", "/api/v1/sessions", {"email": email, "password": password})
    if status != 201:
        return
    token = session["accessToken"]
    mine = acknowledged.setdefault(n, [])
    i = 0
    while not os.path.exists(STOP_FILE):
        started = time.monotonic()
        alias = f"w{n}-{i}-{uuid.uuid4().hex[:6]}"
        status, created = call(conn, "POST", "/api/v1/connections", {"provider": "file", "alias": alias}, token)
        if status == 201:
            mine.append((created["id"], alias))
            with lock:
                stats["writes"] += 1
        call(conn, "GET", "/api/v1/connections", token=token)
        call(conn, "GET", "/api/v1/users/me", token=token)
        i += 1
        time.sleep(max(0.0, 3 / PACE - (time.monotonic() - started)))
    # Every acknowledged write is there (read through whatever replica serves now).
    status, listed = call(conn, "GET", "/api/v1/connections", token=token)
    ids = {c["id"] for c in (listed or [])}
    missing = [a for (i_, a) in mine if i_ not in ids]
    with lock:
        stats.setdefault("lost", []).extend(missing)
        stats["found"] = stats.get("found", 0) + (len(mine) - len(missing))
    conn.close()


threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
summary = {"requests": stats["requests"], "failed": len(stats["failures"]), "writes_acknowledged": stats["writes"],
           "writes_found": stats.get("found", 0), "lost": stats.get("lost", []), "by_status": stats["by_status"],
           "failures": stats["failures"][:20]}
print(json.dumps(summary))
sys.exit(0 if not stats["failures"] and not stats.get("lost") and stats["writes"] > 0 else 1)
