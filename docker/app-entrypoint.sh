#!/bin/sh
# Starts one lab application in its container: the OpenTelemetry Java agent (configured through the
# OTEL_* environment), JAVA_OPTS (heap sizing) and the exploded Spring Boot application in /app.
# exec: the JVM becomes PID 1 and receives `docker stop`'s SIGTERM for a graceful shutdown.
set -eu
# JAVA_OPTS is split into words on purpose: it holds several options
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -javaagent:"${OTEL_JAVAAGENT_JAR}" \
  -cp /app org.springframework.boot.loader.launch.JarLauncher "$@"
