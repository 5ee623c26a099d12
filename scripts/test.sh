#!/usr/bin/env bash
# Runs CertManager's whole test suite on a Debian machine with the .NET 10 SDK.
# The tests talk to real programs (openssl, Chromium, scepserver, an SMTP server, pebble, PostgreSQL); the Debian packages that
# provide them are installed first when missing, and Debian 13's pebble (with ACME Renewal Information) is
# unpacked into .tools/pebble (scripts/fetch-pebble.sh). Ends with one summary line: "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(openssl chromium scep python3-aiosmtpd strace pebble curl jq prometheus bind9 bind9-dnsutils python3 wrk nginx postgresql)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

scripts/fetch-pebble.sh

configuration="${CONFIGURATION:-Release}"
dotnet build CertManager.sln -c "$configuration" -nologo -clp:NoSummary

log="$(mktemp)"
postgresql_log="$(mktemp)"
trap 'rm -f "$log" "$postgresql_log"' EXIT
status=0

# The storage and web tests once more with the store switched to PostgreSQL (CERTMANAGER_TEST_DATABASE, see
# tests/CertManager.Testing/TestDatabase.cs): one real PostgreSQL server per test process, a database per data directory.
# "Storage" is every Core feature whose services keep state in the database (the pure certificate work of Chain, Import,
# Details and the CSR rules has none); "web" is all of CertManager.Web.Tests. Tests of SQLite's own behaviour and of the
# files only a SQLite console keeps carry the trait Database=SqliteOnly and are left out here (they ran above).
# Runs beside the main run; its result lines are marked [PostgreSQL].
core_storage=(Accounts Alerts Certificates Csr.PendingRequestStore Events Expiry Export Fleet Install Storage Trust)
core_filter="$(printf 'FullyQualifiedName~CertManager.Core.Tests.%s|' "${core_storage[@]}")"
postgresql_run() {
  local result=0 project filter
  for project in tests/CertManager.Core.Tests tests/CertManager.Web.Tests; do
    filter="Database!=SqliteOnly"
    [ "$project" = tests/CertManager.Core.Tests ] && filter="$filter&(${core_filter%|})"
    CERTMANAGER_TEST_DATABASE=PostgreSql dotnet test "$project" -c "$configuration" --no-build -nologo --filter "$filter" 2>&1 \
      | sed -E 's/^((Passed|Failed)! +- +Failed:.*)$/\1 [PostgreSQL]/' || result=1
  done
  return "$result"
}
postgresql_run > "$postgresql_log" 2>&1 &
postgresql_pid=$!

dotnet test CertManager.sln -c "$configuration" --no-build -nologo 2>&1 | tee "$log" || status=$?
main_done=$SECONDS
wait "$postgresql_pid" || status=1
tee -a "$log" < "$postgresql_log"
echo "The PostgreSQL run ended $((SECONDS - main_done)) s after the main run."

# A tool's short mode, after the tests so that neither skews the other, counted as one test.
smoke() {
  local name="$1"
  shift
  if "$@" > "$log.smoke" 2>&1; then
    echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - $name" | tee -a "$log"
  else
    cat "$log.smoke"
    echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - $name" | tee -a "$log"
    status=1
  fi
  rm -f "$log.smoke"
}

# The load tool (tools/loadtest/load.py, docs/performance.md): the console, nginx and the empty app start, answer, and
# the table is written.
smoke "load tool smoke (tools/loadtest/load.py --smoke)" env CONFIGURATION="$configuration" /usr/bin/python3 tools/loadtest/load.py --smoke
# The fleet load tool (tools/loadtest/FleetLoad): an edge console and 20 simulated followers pair, long-poll and each
# verify the bundle of an install; fails when one does not.
smoke "fleet load smoke (tools/loadtest/FleetLoad --smoke)" dotnet "tools/loadtest/FleetLoad/bin/$configuration/net10.0/FleetLoad.dll" --smoke

# One closing line over all test projects, from each project's "Passed!/Failed! - Failed: F, Passed: P, Skipped: S" line.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
