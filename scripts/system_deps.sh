#!/usr/bin/env bash
# Install the Debian packages in requirements/apt.txt that are missing (needs root or sudo).
# Without apt or root it names what is missing and carries on: the tests that need a
# missing package then skip with that reason (CI, with REQUIRE_SERVICES=1, fails instead).
set -u
cd "$(dirname "$0")/.."
mapfile -t wanted < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' requirements/apt.txt | tr -d ' ')
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system packages missing (no apt-get here): ${missing[*]}; install them with your package manager" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "system packages missing: ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
    exit 0
  fi
fi
echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "could not install: ${missing[*]} (see apt-get's output above)" >&2
exit 0
