#!/bin/sh
# One-time setup for a new checkout: dependencies (without Electron's binary download, which
# these machines cannot reach) and the embedded catalogue.
set -e
cd "$(dirname "$0")/.."
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
npm run --silent catalogue:build
