// Next.js calls register() once when a server process starts: open the database and apply
// migrations then, so the first request does not pay for it and a broken database fails loudly.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runtime } = await import("./server/runtime");
  const { logger } = await import("./server/logger");
  // The metric hot paths, served by scripts/serve.mjs without Next.js's router (see direct/routes.ts).
  const { installDirectRoutes } = await import("./server/http/direct/install");
  installDirectRoutes();
  await runtime().catch((error: unknown) => {
    logger.error({ err: error }, "could not open the database at start");
  });
}
