#!/usr/bin/env python3
"""Writes the read paths of tools/bench-http's part c, found on a running server:
  DIR/ranking.paths  /v1/clusters/{id}/years/{year}/ranking of up to MAX closed cluster-years
                     (from the ScoringClosed events of the log, vn.thidua.scoring_closed.v1)
  DIR/awards.paths   /v1/organizations/{id}/awards of up to MAX organizations that hold awards
                     (the recipients of decisions), those with the most decisions first
  DIR/ranking_as_of.paths  the same rankings ?as_of= the position of their close (recomputed
                     from the log as of then)
  DIR/awards_as_of.paths   the same award histories ?as_of= half the log's size
usage: read_paths.py PORT DIR [MAX=200]   (the admin token in THIDUA_ADMIN_TOKEN)
"""
import collections
import http.client
import os
import json
import re
import sys
import urllib.parse


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    most = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(path):
        c.request("GET", path, headers={
            "Authorization": "Bearer " + os.environ.get("THIDUA_ADMIN_TOKEN", "")})
        r = c.getresponse()
        body = r.read()
        if r.status != 200:
            sys.exit(f"read_paths: {path}: {r.status} {body[:200]!r}")
        return r, body

    rankings, closes = [], []
    path = "/v1/events?type=vn.thidua.scoring_closed.v1&limit=1000"
    while path and len(rankings) < most:
        r, body = get(path)
        for line in body.splitlines():
            event = json.loads(line)
            _, cluster, year = event["subject"].split("/")  # cluster/<id>/<year>
            rankings.append(f"/v1/clusters/{cluster}/years/{year}/ranking")
            closes.append(event["sequence"])
        link = re.match(r"<([^>]*)>", r.getheader("Link") or "")
        path = link.group(1) if link else None
    counts = collections.Counter()
    path = "/v1/decisions?limit=1000"
    while path and sum(1 for _ in counts) < 5 * most:
        r, body = get(path)
        for d in json.loads(body)["decisions"]:
            for recipient in d["recipients"]:
                if recipient.startswith("organization/"):
                    counts[recipient.split("/", 1)[1]] += 1
        link = re.match(r"<([^>]*)>", r.getheader("Link") or "")
        path = link.group(1) if link else None
    awards = [f"/v1/organizations/{urllib.parse.quote(o)}/awards"
              for o, _ in counts.most_common(most)]
    if not rankings or not awards:
        sys.exit(f"read_paths: found {len(rankings)} closed cluster-years and {len(awards)} "
                 "organizations with awards; a longer history has more (tools/bench-http "
                 "--history, at least 50000 events)")
    _, health = get("/healthz")
    half = json.loads(health)["head"] // 2
    ranking_as_of = [f"{p}?as_of={at}" for p, at in zip(rankings[:most], closes)]
    awards_as_of = [f"{p}?as_of={half}" for p in awards]
    for name, paths in (("ranking", rankings[:most]), ("awards", awards),
                        ("ranking_as_of", ranking_as_of), ("awards_as_of", awards_as_of)):
        with open(f"{out}/{name}.paths", "w") as f:
            f.write("\n".join(paths) + "\n")
    print(f"{len(rankings[:most])} rankings, {len(awards)} award histories")


if __name__ == "__main__":
    main()
