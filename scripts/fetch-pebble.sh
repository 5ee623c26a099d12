#!/usr/bin/env bash
# Unpacks Debian 13's pebble (2.6, with ACME Renewal Information, RFC 9773) into .tools/pebble for the ACME tests.
# Debian 12 ships pebble 2.4, which has no renewalInfo; the 2.6 binaries need only libc and run on Debian 12.
# The package is fetched with `apt-get download` through a private sources list, package lists and cache under
# .tools/apt: the system's apt configuration and package database are not touched, and nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

target=".tools/pebble"
if [ -x "$target/usr/bin/pebble" ]; then
  exit 0
fi

apt_dir="$PWD/.tools/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/deb"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
echo "deb [signed-by=$keyring] http://deb.debian.org/debian trixie main" > "$apt_dir/sources.list"
apt_options=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::State::status=/dev/null"
  -o "Dir::Cache=$apt_dir/cache"
)
# As root apt drops to the _apt user for downloads, which cannot write into this folder; downloads are verified
# against the Debian archive keyring either way.
[ "$(id -u)" -ne 0 ] || apt_options+=(-o "APT::Sandbox::User=root")
echo "Fetching Debian 13's pebble (ACME Renewal Information) into $target"
apt-get "${apt_options[@]}" -qq update
(cd "$apt_dir/deb" && apt-get "${apt_options[@]}" -qq download pebble)
rm -rf "$target.partial"
dpkg-deb -x "$(ls "$apt_dir"/deb/pebble_*.deb | head -n 1)" "$target.partial"
"$target.partial/usr/bin/pebble" -version
mv "$target.partial" "$target"
