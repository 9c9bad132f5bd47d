import { serveDirect } from "./node-adapter";

/** Where scripts/serve.mjs finds the direct routes once Next.js has loaded instrumentation.ts. */
export const DIRECT_ROUTES_KEY = Symbol.for("trainyard.serveDirect");

export function installDirectRoutes() {
  (globalThis as Record<symbol, unknown>)[DIRECT_ROUTES_KEY] = serveDirect;
}
