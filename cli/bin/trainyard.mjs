#!/usr/bin/env node
// Runs the bundled CLI (npm run build:cli) when there is one, else the TypeScript sources through tsx.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const bundle = fileURLToPath(new URL("../dist/trainyard.mjs", import.meta.url));

if (existsSync(bundle)) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../main.ts", import.meta.url).href);
}
