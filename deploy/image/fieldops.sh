#!/bin/sh
# The `fieldops` command inside the image: the CLI's TypeScript sources run through tsx.
exec node --import /app/node_modules/tsx/dist/loader.mjs /app/apps/cli/src/main.ts "$@"
