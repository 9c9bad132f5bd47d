import type { NextConfig } from "next";

const config: NextConfig = {
  // PGlite ships wasm and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "prom-client", "pg"],
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
};

export default config;
