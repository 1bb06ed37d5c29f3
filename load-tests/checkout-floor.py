#!/usr/bin/env python3
"""Counts what one checkout does, from Zipkin: the PostgreSQL round trips and HTTP hops of each
checkout trace of the last minutes, and their time. Usage: load-tests/checkout-floor.py ZIPKIN_URL LOOKBACK_MS (docs/benchmarks.md, "The checkout's floor")"""
import json, sys, statistics, urllib.request, collections
zipkin, lookback = sys.argv[1], int(sys.argv[2])
url = f"{zipkin}/api/v2/traces?serviceName=gateway&lookback={lookback}&limit=1000"
traces = json.load(urllib.request.urlopen(url, timeout=60))
rows = []
for trace in traces:
    root = [s for s in trace if 'parentId' not in s]
    if not root or root[0].get('localEndpoint', {}).get('serviceName') != 'gateway':
        continue
    r = root[0]
    if 'checkout' not in r.get('name', '') or not r.get('tags', {}).get('http.response.status_code', '').startswith('2'):
        continue
    db = [s for s in trace if s.get('kind') == 'CLIENT' and ('db.system' in s.get('tags', {}) or 'db.system.name' in s.get('tags', {}))]
    http = [s for s in trace if s.get('kind') == 'CLIENT' and s not in db]
    servers = [s for s in trace if s.get('kind') == 'SERVER']
    per_service = collections.Counter(s['localEndpoint']['serviceName'] for s in db)
    rows.append(dict(total=r['duration'] / 1000, db=len(db), db_ms=sum(s.get('duration', 0) for s in db) / 1000,
                     http=len(http), servers=len(servers), per_service=per_service,
                     statements=collections.Counter((s['localEndpoint']['serviceName'], s.get('name')) for s in db)))
if not rows:
    sys.exit("no checkout traces")
def med(key):
    return statistics.median(r[key] for r in rows)
print(f"checkout traces: {len(rows)}")
print(f"median checkout (gateway's server span): {med('total'):.1f} ms")
print(f"PostgreSQL round trips per checkout: median {med('db')}, their time {med('db_ms'):.1f} ms (median of sums)")
print(f"HTTP calls per checkout (client spans): median {med('http')}; server spans {med('servers')}")
services = collections.Counter()
for r in rows:
    services.update(r['per_service'])
for name, n in services.most_common():
    print(f"  {name}: {n / len(rows):.1f} statements per checkout")
statements = collections.Counter()
for r in rows:
    statements.update(r['statements'])
for (service, name), n in statements.most_common(30):
    print(f"    {n / len(rows):5.2f}  {service}  {name}")
