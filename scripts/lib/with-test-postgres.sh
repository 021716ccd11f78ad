#!/usr/bin/env bash
# Runs a command with a private PostgreSQL cluster of its own: a throw-away folder, a free port
# on 127.0.0.1, TLS with a certificate made for this run by a throw-away CA, and password
# (SCRAM) sign-in. The cluster is stopped and its folder removed when the command ends, so
# tests never touch a PostgreSQL the developer runs. `initdb` refuses root: as root, the server
# runs as the `postgres` user Debian's package makes.
# Usage: scripts/lib/with-test-postgres.sh COMMAND...
# The command sees:
#   CP_TEST_POSTGRES_URL    postgres://postgres:PASSWORD@localhost:PORT/postgres
#   CP_TEST_POSTGRES_CA     the CA that signed the server's certificate (PEM)
#   CP_TEST_POSTGRES_OTHER_CA  a CA that did not (a certificate that does not match)
#   CP_TEST_POSTGRES_CTL    a program that stops the server at once, as a crash would
#                           (`stop`), or starts it again on the same port (`start`), for the
#                           fault tests
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || {
  echo "error: PostgreSQL's server is not installed (Debian package postgresql)" >&2
  exit 1
}

dir=$(mktemp -d -t cp-test-postgres-XXXXXX)
chmod 0755 "$dir"
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  as_server=(runuser -u postgres --)
  chown postgres: "$dir"
fi
run() { "${as_server[@]}" "$@"; }

stop() {
  run "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

# A throw-away CA, a server certificate for localhost and 127.0.0.1 signed by it, and a second
# CA that signed nothing.
(
  cd "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=CP Tracker test CA" \
    -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Some other CA" \
    -keyout other-ca.key -out other-ca.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
    -extfile san.ext -out server.crt 2>/dev/null
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > password
  chmod 0600 server.key ca.key other-ca.key
)
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"/server.key "$dir"/server.crt "$dir"/password
password=$(cat "$dir/password")

# A free port: a random one nothing answers on (bash's /dev/tcp connects, or fails).
while :; do
  port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done

run "$bindir/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/password" \
  --encoding=UTF8 --locale=C.UTF-8 >/dev/null
start_options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=$dir/server.crt \
  -c ssl_key_file=$dir/server.key -c max_connections=200"
run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$start_options" start >/dev/null || {
  cat "$dir/server.log" >&2
  exit 1
}

# Stopped immediately (no checkpoint, connections cut, as a crash or a pulled cable would);
# started again with the same settings.
cat > "$dir/ctl" <<CTL
#!/usr/bin/env bash
set -euo pipefail
case "\${1:-}" in
  stop) ${as_server[*]} "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null ;;
  start) ${as_server[*]} "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$start_options" start >/dev/null ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CTL
chmod 0755 "$dir/ctl"

export CP_TEST_POSTGRES_URL="postgres://postgres:${password}@localhost:${port}/postgres"
export CP_TEST_POSTGRES_CA="$dir/ca.crt"
export CP_TEST_POSTGRES_OTHER_CA="$dir/other-ca.crt"
export CP_TEST_POSTGRES_CTL="$dir/ctl"
# Not exec: the trap stops the server when the command ends.
"$@"
