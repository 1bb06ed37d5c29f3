#!/usr/bin/env python3
"""CPU of each application JVM of the running local lab per checkout: reads every JVM's own counters
(/proc/PID/stat, utime + stime) before and after `./lab load --rate RATE --duration SECONDS` and divides
by the checkouts sent. Run from the repository root, on a lab started with ./lab up (docs/benchmarks.md,
"Where the CPU of a checkout goes"). Usage: load-tests/cpu-per-checkout.py [RATE [SECONDS [WINDOWS]]]"""
import os, subprocess, sys

SERVICES = ["gateway", "checkout-service", "inventory-service", "payment-service", "fraud-service"]
TICKS = os.sysconf("SC_CLK_TCK")


def pid_of(service):
    """The JVM that runs the service: its jar, its extracted jar or its folder on the command line."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        if args and args[0].endswith("java") and any(
                a.endswith(f"{service}.jar") or f"{service}-extracted" in a or f"/{service}/" in a for a in args):
            return pid
    sys.exit(f"no JVM of {service}: is the lab up (./lab up)?")


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICKS


rate = int(sys.argv[1]) if len(sys.argv) > 1 else 8
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
windows = int(sys.argv[3]) if len(sys.argv) > 3 else 1
pids = {service: pid_of(service) for service in SERVICES}
for window in range(1, windows + 1):
    before = {service: cpu_ms(pid) for service, pid in pids.items()}
    load = subprocess.run(["./lab", "load", "--rate", str(rate), "--duration", str(seconds)],
                          capture_output=True, text=True)
    if load.returncode != 0:
        sys.exit(f"./lab load failed:\n{load.stdout}{load.stderr}")
    checkouts = rate * seconds
    print(f"window {window}: {load.stdout.strip().splitlines()[-1]}")
    total = 0.0
    for service, pid in pids.items():
        spent = cpu_ms(pid) - before[service]
        total += spent
        print(f"  {service:<18} {spent / checkouts:6.1f} ms a checkout")
    print(f"  {'the five JVMs':<18} {total / checkouts:6.1f} ms a checkout")
