#!/usr/bin/env python3
"""SSE fan-out: CONSUMERS clients follow GET /v1/events/stream?from=<head> while EVENTS events
are appended by batch import (POST /v1/events:batch, BATCH RegisterOrganization commands each,
from APPENDERS connections). Measures the time until every consumer has received every event,
and the append rate; first the same appends with no consumer attached, for comparison.

usage: sse_fanout.py PORT TOKEN [--consumers 100] [--events 20000] [--batch 1000]
                     [--appenders 4] [--tag TAG]

Standard library only. The consumers speak HTTP/1.0, so the stream is the raw body (no chunked
framing); each counts the lines starting with "id: " (one per event). Prints one line:
  SSE consumers=.. events=.. append_alone_eps=.. append_with_consumers_eps=..
      all_received_s=.. delivered_eps_total=.. delivered_eps_per_consumer=..
      first_consumer_done_s=.. median_consumer_done_s=..
"""
import argparse
import http.client
import json
import re
import socket
import sys
import threading
import time


def metric(port, name):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/metrics")
    text = c.getresponse().read().decode()
    c.close()
    m = re.search(r"^" + re.escape(name) + r"(?:\{\})? (\S+)$", text, re.M)
    return float(m.group(1)) if m else None


def append(port, token, tag, events, batch, appenders):
    """Appends `events` events in batches from `appenders` connections; returns seconds."""
    bodies = []
    for b in range(events // batch):
        commands = [{"command": "RegisterOrganization",
                     "body": {"id": f"s-{tag}-{b}-{i}", "name": f"Trung tâm Văn hóa {i}",
                              "kind": "department"}} for i in range(batch)]
        bodies.append(json.dumps({"commands": commands}, ensure_ascii=False).encode())
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    lock = threading.Lock()
    failures = []

    def worker():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not bodies:
                    break
                body = bodies.pop()
            c.request("POST", "/v1/events:batch", body=body, headers=headers)
            r = c.getresponse()
            answer = r.read()
            if r.status != 201:
                failures.append(f"{r.status} {answer[:200]!r}")
        c.close()

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(appenders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        sys.exit(f"sse_fanout: {len(failures)} batches refused, first: {failures[0]}")
    return time.monotonic() - start


class Consumer(threading.Thread):
    def __init__(self, port, token, start_at, expect):
        super().__init__(daemon=True)
        self.expect = expect
        self.count = 0
        self.done_at = None
        self.error = None
        self.ready = threading.Event()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.sock.sendall((f"GET /v1/events/stream?from={start_at} HTTP/1.0\r\n"
                           f"Host: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                           "Accept: text/event-stream\r\n\r\n").encode())

    def run(self):
        try:
            data = b""
            while b"\r\n\r\n" not in data:
                piece = self.sock.recv(65536)
                if not piece:
                    raise RuntimeError("closed before the headers")
                data += piece
            head, _, data = data.partition(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.") or head.split()[1] != b"200":
                raise RuntimeError(head.split(b"\r\n")[0].decode())
            self.ready.set()
            data = b"\n" + data  # the first message starts the body
            carry = b""
            while True:
                chunk = carry + data
                self.count += chunk.count(b"\nid: ")
                if self.count >= self.expect:
                    self.done_at = time.monotonic()
                    break
                carry = chunk[-4:]
                data = self.sock.recv(262144)
                if not data:
                    raise RuntimeError(f"closed after {self.count} events")
        except Exception as e:  # reported by the main thread
            self.error = str(e)
            self.ready.set()
        finally:
            self.sock.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("token")
    p.add_argument("--consumers", type=int, default=100)
    p.add_argument("--events", type=int, default=20000)
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--appenders", type=int, default=4)
    p.add_argument("--tag", default=str(int(time.time())))
    a = p.parse_args()

    alone = append(a.port, a.token, a.tag + "a", a.events, a.batch, a.appenders)
    time.sleep(1)  # let the projections catch up
    head = int(metric(a.port, "thidua_log_events"))
    consumers = [Consumer(a.port, a.token, head, a.events) for _ in range(a.consumers)]
    for c in consumers:
        c.start()
    for c in consumers:
        c.ready.wait(60)
    errors = [c.error for c in consumers if c.error]
    if errors:
        sys.exit(f"sse_fanout: {len(errors)} consumers failed, first: {errors[0]}")
    attached = metric(a.port, "thidua_sse_clients")
    start = time.monotonic()
    together = append(a.port, a.token, a.tag + "b", a.events, a.batch, a.appenders)
    for c in consumers:
        c.join(300)
    errors = [c.error or "timed out" for c in consumers if c.done_at is None]
    if errors:
        sys.exit(f"sse_fanout: {len(errors)} consumers did not get every event, first: "
                 f"{errors[0]}")
    finished = sorted(c.done_at - start for c in consumers)
    last = finished[-1]
    print(f"SSE consumers={a.consumers} attached={attached:.0f} events={a.events} "
          f"append_alone_eps={a.events / alone:.0f} "
          f"append_with_consumers_eps={a.events / together:.0f} "
          f"all_received_s={last:.3f} "
          f"delivered_eps_total={a.consumers * a.events / last:.0f} "
          f"delivered_eps_per_consumer={a.events / last:.0f} "
          f"first_consumer_done_s={finished[0]:.3f} "
          f"median_consumer_done_s={finished[len(finished) // 2]:.3f}")


if __name__ == "__main__":
    main()
