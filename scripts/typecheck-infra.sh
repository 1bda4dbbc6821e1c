#!/usr/bin/env bash
# Type-checks sst.config.ts and stacks/ without AWS credentials.
# `sst install` writes the platform types (.sst/platform/config.d.ts) and installs the providers
# through npm; it runs only when they are missing. Pass --reinstall to force it.
set -euo pipefail

cd "$(dirname "$0")/.."

# SST would otherwise download Pulumi and bun from GitHub first and send telemetry.
export SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1

stage="${SST_STAGE:-ci}"

if [[ "${1:-}" == "--reinstall" || ! -f .sst/platform/config.d.ts ]]; then
  echo "typecheck:infra: installing SST platform and providers (stage ${stage})"
  npx --no-install sst install --stage "${stage}"
fi

npx --no-install tsc -p tsconfig.infra.json
echo "typecheck:infra: sst.config.ts and stacks/ type-check"
