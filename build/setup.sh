#!/bin/sh
# One-time setup for a new checkout: the Debian packages the kiosk and the tests need
# (build/debian-packages.txt; as root or with sudo, otherwise the one command to run is
# printed), the npm dependencies (without Electron's binary download, which these machines
# cannot reach) and the embedded catalogue.
set -e
cd "$(dirname "$0")/.."
. ./build/debian-packages.sh
packages=0
debian_install_missing || packages=1
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
npm run --silent catalogue:build
if [ "$packages" -ne 0 ]; then
  echo "Setup is not complete: install the Debian packages above (the command is printed there), then run npm run setup again." >&2
  exit 1
fi
echo "Setup complete: npm start runs the kiosk, npm test runs every test."
