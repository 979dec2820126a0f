#!/usr/bin/env bash
# docs-browser-check.sh loads Rampart's docs pages (/docs, /redoc) in
# headless Chromium with no network beyond 127.0.0.1 and checks that Swagger
# UI and ReDoc actually render: it runs TestBrowserRendersDocs in
# internal/docsui with the browser check required, and keeps screenshots of
# both pages.
#
# Needs chromium (Debian: apt-get install -y chromium) and, unless
# RAMPART_REDOC_JS already names a redoc.standalone.js, npm: no Go module
# ships ReDoc, so the script fetches the release that internal/docsui pins
# from the npm registry, for this check only.
#
# Usage: scripts/docs-browser-check.sh
# Environment: RAMPART_SCREENSHOT_DIR (default: a new temporary folder),
# RAMPART_REDOC_JS (default: fetched as above).
set -euo pipefail

cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
	echo "docs-browser-check: chromium is not on PATH (Debian: apt-get install -y chromium)" >&2
	exit 1
fi

work=$(mktemp -d -t rampart-docs-check.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [[ -z "${RAMPART_REDOC_JS:-}" ]]; then
	version=$(sed -n 's/^const redocVersion = "\(.*\)"$/\1/p' internal/docsui/config.go)
	if [[ -z "$version" ]]; then
		echo "docs-browser-check: redocVersion not found in internal/docsui/config.go" >&2
		exit 1
	fi
	if ! command -v npm >/dev/null; then
		echo "docs-browser-check: npm is not on PATH; it is needed to fetch redoc@$version (or set RAMPART_REDOC_JS)" >&2
		exit 1
	fi
	echo "fetching redoc@$version from the npm registry"
	(cd "$work" && npm pack --silent "redoc@$version" >/dev/null &&
		tar -xzf "redoc-$version.tgz" package/bundles/redoc.standalone.js)
	export RAMPART_REDOC_JS="$work/package/bundles/redoc.standalone.js"
fi

if [[ -z "${RAMPART_SCREENSHOT_DIR:-}" ]]; then
	RAMPART_SCREENSHOT_DIR=$(mktemp -d -t rampart-docs-screenshots.XXXXXX)
fi
export RAMPART_SCREENSHOT_DIR
export RAMPART_BROWSER_TESTS=1

go test -count=1 -timeout 120s -run '^TestBrowserRendersDocs$' -v ./internal/docsui/

echo "screenshots: $RAMPART_SCREENSHOT_DIR/docs.png $RAMPART_SCREENSHOT_DIR/redoc.png"
