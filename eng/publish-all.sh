#!/usr/bin/env bash
# Publishes the AppHost and every example (the k8s and compose environments, and Aspire's manifest) into OUT,
# for comparing published trees before and after a change:
#   eng/publish-all.sh /tmp/before            # on the old commit
#   eng/publish-all.sh /tmp/after /tmp/before # on the new one, reusing the old run's generated secrets
#   diff -r /tmp/before /tmp/after
# Secrets files (secrets.env, .env) of SECRETS_FROM are copied in first, so generated values match.
# Each publish's output goes to OUT.logs/<project>.log.
set -euo pipefail
out=${1:?usage: eng/publish-all.sh OUT [SECRETS_FROM]}
secrets_from=${2:-}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$out" "$out.logs"; out=$(cd "$out" && pwd)
[[ -n $secrets_from ]] && secrets_from=$(cd "$secrets_from" && pwd)

for project in AppHost examples/*/; do
  project=${project%/}
  name=$(basename "$project")
  dest="$out/$name"
  rm -rf "$dest"; mkdir -p "$dest"
  if [[ -n $secrets_from ]]; then
    for f in k8s/secrets.env compose/.env; do
      if [[ -f $secrets_from/$name/$f ]]; then
        mkdir -p "$dest/$(dirname "$f")"; cp -p "$secrets_from/$name/$f" "$dest/$f"
      fi
    done
  fi
  echo "publish-all: $project -> $dest"
  dotnet run --project "$root/$project" -- --operation publish --step publish --output-path "$dest" >"$out.logs/$name.log" 2>&1 \
    || { cat "$out.logs/$name.log"; exit 1; }
  dotnet run --no-build --project "$root/$project" -- --publisher manifest --output-path "$dest/aspire-manifest.json" >>"$out.logs/$name.log" 2>&1 \
    || { cat "$out.logs/$name.log"; exit 1; }
done
