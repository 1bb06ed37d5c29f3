#!/usr/bin/env python3
"""What a ./lab command costs: CPU (user + system, with its children) and wall time, as typed.

Usage: cli-cost.py [--runs N] [--before JAR]

Runs each command of COMMANDS N times (default 5) from the repository root through the real
./lab script and prints the median and the range of each. With --before, also runs the same
commands from another build of lab-runner's jar (e.g. one built from an older commit, as
`java -XX:TieredStopAtLevel=1 -jar JAR`, the way the script ran it before it extracted the jar)
for a side by side. Start a lab first (./lab up): most commands ask it. Flags are switched on
and off again, nothing else changes. docs/benchmarks.md ("The command line") has the figures.
"""
import argparse
import os
import resource
import statistics
import subprocess
import time

COMMANDS = [
    ["scenarios"],
    ["flags"],
    ["status"],
    ["reports"],
    ["flag", "checkout-resilience", "on"],
    ["flag", "checkout-resilience", "off"],
]


def measure(command, repository, runs):
    cpu, wall = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        subprocess.run(command, cwd=repository, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        wall.append(time.monotonic() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return "CPU %.2f s (%.2f-%.2f), wall %.2f s (%.2f-%.2f)" % (
        statistics.median(cpu), min(cpu), max(cpu), statistics.median(wall), min(wall), max(wall))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="another build of lab-runner.jar to compare with")
    args = parser.parse_args()
    repository = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    variants = {"./lab": ["./lab"]}
    if args.before:
        variants["before"] = ["java", "-XX:TieredStopAtLevel=1", "-Dlab.repository=" + repository, "-jar",
                              os.path.abspath(args.before)]
    for command in COMMANDS:
        figures = ["%s: %s" % (name, measure(prefix + command, repository, args.runs))
                   for name, prefix in variants.items()]
        print("./lab %s | %s" % (" ".join(command), " | ".join(figures)), flush=True)


if __name__ == "__main__":
    main()
