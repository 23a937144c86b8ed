#!/usr/bin/env bash
# Builds deploy/Containerfile with buildah (no Docker engine needed): the base comes from make-base.sh, the context
# is the files git knows (committed or not, never node_modules or data), so a build here matches a clean checkout.
# Usage: build.sh TAG
set -euo pipefail
tag="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
base=docker.io/library/node:24-bookworm-slim
"$root/deploy/image/make-base.sh" "$base"
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
(cd "$root" && git ls-files -co --exclude-standard -z | tar --null -T - --ignore-failed-read -c 2>/dev/null) | tar -C "$context" -x
buildah build --isolation chroot --pull=never --layers --format docker -f "$context/deploy/Containerfile" -t "$tag" "$context"
