#!/usr/bin/env python3
"""Where a service's CPU goes, from async-profiler's collapsed stacks of a cpu capture.

Usage: cpu-breakdown.py CPU_MS_PER_CHECKOUT FILE.collapsed [CPU_MS_PER_CHECKOUT FILE.collapsed ...]

Two views. What the thread was there for: each sample goes to the outermost frame that says
(serving a request, the HTTP client's selector, a poller, the JVM's own threads). Which code spent
it: each sample goes to the innermost frame that belongs to a known library (walking from the leaf
towards the root), so a socket write of the PostgreSQL driver counts as the kernel's or the JDK's
I/O when that is where the CPU was spent, and a HashMap lookup inside Jackson counts as Jackson's.
Threads the JVM runs for itself (compilers, collectors) are told apart by their native frames.
Prints, per file, each category's share of the samples and that share of the CPU time per checkout
given before it (measured separately, e.g. from /proc over the same load), then the same summed
over every file. docs/benchmarks.md ("Where the CPU of a checkout goes") says how it was used.
"""
import re
import sys
from collections import Counter

# innermost match wins; the order only matters for a frame that fits two rules
CATEGORIES = [
    ("JIT compiler", re.compile(r"CompileBroker|Compilation::|Compiler::|C2Compiler|ciEnv")),
    ("garbage collector", re.compile(r"GCTaskThread|G1|GenCollect|SerialHeap|DefNewGeneration|"
                                     r"MarkSweep|ParallelScavenge|VM_GC|CollectedHeap")),
    ("kernel (syscalls, network, scheduler)", re.compile(r"_\[k\]$")),
    ("PostgreSQL driver", re.compile(r"^org/postgresql/")),
    ("HikariCP", re.compile(r"^com/zaxxer/hikari/")),
    ("Jackson (JSON)", re.compile(r"^(com/fasterxml/jackson|tools/jackson)/")),
    ("Tomcat (HTTP server)", re.compile(r"^org/apache/(catalina|coyote|tomcat)/")),
    ("JDK HTTP client", re.compile(r"^(jdk/internal/net/http|java/net/http)/")),
    ("Resilience4j", re.compile(r"^io/github/resilience4j/")),
    ("Micrometer, Prometheus", re.compile(r"^(io/micrometer|io/prometheus)/")),
    ("logging", re.compile(r"^(ch/qos/logback|org/slf4j|org/apache/logging)/")),
    ("OpenFeature, flagd", re.compile(r"^dev/openfeature/")),
    ("Bean Validation", re.compile(r"^(org/hibernate/validator|jakarta/validation)/")),
    ("Spring JDBC, transactions", re.compile(r"^org/springframework/(jdbc|transaction|dao)/")),
    ("Spring web (MVC, filters)", re.compile(r"^org/springframework/(web|http)/")),
    ("Spring (other)", re.compile(r"^org/springframework/")),
    ("the lab's own code", re.compile(r"^dev/latencylab/")),
    ("JDK I/O (sockets, NIO)", re.compile(r"^(sun/nio|java/nio|java/net|sun/net|java/io|sun/security)/")),
    ("JDK (collections, strings, reflection, ...)", re.compile(r"^(java|javax|jdk|sun)/")),
    ("JVM runtime (interpreter, stubs, locks)", re.compile(r".")),
]


# what the thread was there for: the outermost match wins
TASKS = [
    ("serving requests (Tomcat's workers)", re.compile(r"^org/apache/(coyote|tomcat/util/threads)/")),
    ("Tomcat's poller and acceptor", re.compile(r"NioEndpoint\$Poller|Acceptor\.run")),
    ("the HTTP client's selector", re.compile(r"HttpClientImpl\$SelectorManager")),
    ("the HTTP client's pipeline (its executor's tasks)", re.compile(r"^jdk/internal/net/http/")),
    ("thread pools parking and waking", re.compile(r"^jdk/internal/misc/Unsafe\.park")),
    ("the lab's own threads (checkout's calls, hiccup meter, refreshes)", re.compile(r"^dev/latencylab/")),
    ("flag file polling", re.compile(r"^dev/openfeature/")),
    ("connection pool upkeep", re.compile(r"^com/zaxxer/hikari/")),
    ("metrics upkeep", re.compile(r"^(io/micrometer|io/prometheus)/")),
    ("JVM threads (compiler, collector, VM)", re.compile(r"^(clone3|thread_native_entry|start_thread)$")),
]


# a thread pool's or a future's own frames say nothing of the task they run
GENERIC = re.compile(r"^(java/lang/Thread\.run|java/util/concurrent/)")


def task(stack):
    for frame in stack.split(";"):
        if GENERIC.search(frame):
            continue
        for name, pattern in TASKS:
            if pattern.search(frame):
                return name
    return "other Java threads"


def category(stack):
    frames = stack.split(";")
    for frame in reversed(frames):
        for name, pattern in CATEGORIES:
            if pattern.search(frame):
                return name
    return "JVM runtime (interpreter, stubs, locks)"


def breakdown(path, classify):
    counts = Counter()
    with open(path) as lines:
        for line in lines:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if stack:
                counts[classify(stack)] += int(count)
    return counts


def show(title, counts, cpu_ms):
    total = sum(counts.values())
    print(f"{title}: {total} samples, {cpu_ms:.1f} ms of CPU a checkout")
    for name, count in counts.most_common():
        share = count / total
        print(f"  {share * 100:5.1f} %  {share * cpu_ms:5.1f} ms  {name}")


def main(args):
    if len(args) < 2 or len(args) % 2:
        sys.exit(__doc__)
    for title, classify in (("what the threads were there for", task), ("which code spent it", category)):
        print(f"== {title}")
        overall = Counter()
        overall_cpu = 0.0
        for cpu, path in zip(args[0::2], args[1::2]):
            cpu_ms = float(cpu)
            counts = breakdown(path, classify)
            show(path, counts, cpu_ms)
            total = sum(counts.values())
            for name, count in counts.items():
                overall[name] += count / total * cpu_ms
            overall_cpu += cpu_ms
        print(f"all of them: {overall_cpu:.1f} ms of CPU a checkout")
        for name, ms in overall.most_common():
            print(f"  {ms / overall_cpu * 100:5.1f} %  {ms:5.1f} ms  {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
