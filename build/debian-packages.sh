# Sourced by build/setup.sh and .ci/run (POSIX sh): the Debian packages of
# build/debian-packages.txt that are missing on this machine, and their installation.

# (both cd to the repository root first)
DEBIAN_PACKAGES_FILE="${DEBIAN_PACKAGES_FILE:-build/debian-packages.txt}"

# The packages whose file (second column) is not on this machine, on one line.
debian_missing() {
  out=""
  while read -r pkg probe _rest; do
    case "$pkg" in '' | '#'*) continue ;; esac
    [ -e "$probe" ] || out="$out${out:+ }$pkg"
  done < "$DEBIAN_PACKAGES_FILE"
  printf '%s' "$out"
}

# The one command an operator runs to install the given packages.
debian_install_command() {
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $*"
  if command -v sudo >/dev/null 2>&1; then printf "sudo sh -c '%s'" "$cmd"; else printf "su -c '%s'" "$cmd"; fi
}

# Installs the missing packages as root, or with sudo; otherwise (or when that fails) prints
# the one command to run and returns 1.
debian_install_missing() {
  missing="$(debian_missing)"
  [ -z "$missing" ] && return 0
  echo "Debian packages to install: $missing"
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing"
  if [ "$(id -u)" -eq 0 ]; then
    sh -c "$cmd" && return 0
  elif command -v sudo >/dev/null 2>&1; then
    # a terminal may be asked for a password; without one, sudo must not wait for it
    if [ -t 0 ]; then sudo sh -c "$cmd" && return 0; else sudo -n sh -c "$cmd" && return 0; fi
  fi
  echo "The Debian packages $missing are not installed. Run this once (as a user who may install packages), then start again:" >&2
  echo "  $(debian_install_command $missing)" >&2
  return 1
}
