// Next.js calls register() once when a server process starts: open the database and apply
// migrations then, so the first request does not pay for it and a broken database fails loudly.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runtime } = await import("./server/runtime");
  const { logger } = await import("./server/logger");
  await runtime().catch((error: unknown) => {
    logger.error({ err: error }, "could not open the database at start");
  });
}
