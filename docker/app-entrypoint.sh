#!/bin/sh
# Starts one lab application in its container: the OpenTelemetry Java agent (configured through the
# OTEL_* environment), JAVA_OPTS (heap sizing) and the exploded Spring Boot application in /app.
# OTEL_JAVAAGENT_ENABLED=false (the toolkit: its calls are not the lab's traffic) leaves the agent out
# altogether, rather than loading it only for it to switch itself off.
# exec: the JVM becomes PID 1 and receives `docker stop`'s SIGTERM for a graceful shutdown.
set -eu
set -- -cp /app org.springframework.boot.loader.launch.JarLauncher "$@"
case "${OTEL_JAVAAGENT_ENABLED:-true}" in
  [Ff][Aa][Ll][Ss][Ee]) ;;
  *) set -- -javaagent:"${OTEL_JAVAAGENT_JAR}" "$@" ;;
esac
# JAVA_OPTS is split into words on purpose: it holds several options
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} "$@"
