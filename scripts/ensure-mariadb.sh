#!/usr/bin/env bash
# Starts the local MariaDB when it does not answer, and waits until it accepts connections.
set -euo pipefail

ping_db() { mysqladmin --protocol=tcp -h 127.0.0.1 -P 3306 -u root ping >/dev/null 2>&1; }

if ! ping_db; then
  echo "==> starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 60); do
    ping_db && break
    sleep 1
  done
fi
ping_db || { echo "MariaDB did not start on 127.0.0.1:3306" >&2; exit 1; }
echo "==> MariaDB answers on 127.0.0.1:3306"
