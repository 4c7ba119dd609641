#!/bin/sh
# Entry point of the codepulse images: fills in per-container settings that a replicated
# compose service cannot give each replica, then runs the codepulse command.
set -eu

# Other metrics-streams instances forward queries to this container by its host name.
: "${CODEPULSE_HTTP_ADVERTISED_HOST:=$(hostname)}"
export CODEPULSE_HTTP_ADVERTISED_HOST

# Worker replicas on one host get different sandbox uid ranges, derived from the container's
# host name, so their slots do not share uids (uids are host-wide without user namespaces).
if [ -z "${CODEPULSE_SANDBOX_UID_FIRST:-}" ]; then
  hash=$(hostname | cksum | cut -d' ' -f1)
  CODEPULSE_SANDBOX_UID_FIRST=$((100000 + (hash % 9000) * 100))
  export CODEPULSE_SANDBOX_UID_FIRST
fi
if [ -z "${CODEPULSE_SANDBOX_UID_COUNT:-}" ]; then
  CODEPULSE_SANDBOX_UID_COUNT=100
  export CODEPULSE_SANDBOX_UID_COUNT
fi

exec java ${JAVA_OPTS:-} -jar /opt/codepulse/codepulse.jar "$@"
