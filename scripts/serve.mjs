// The production server (`npm start`, `npm run up`, the e2e and benchmark harnesses): Next.js's
// request handler behind Node's HTTP server, with the metric hot paths that instrumentation.ts
// installs answered before Next.js's router sees them (server/http/direct/). Without them, when
// instrumentation has not run, every request goes to Next.js and is answered the same way.
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p", default: process.env.PORT ?? "3000" },
    // Every interface when not given, as `next start` does.
    hostname: { type: "string", short: "H" },
  },
});
const port = Number(values.port);
const hostname = values.hostname;

// Set before Next.js and React load: they pick their production builds from it.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: path.join(import.meta.dirname, ".."), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
// instrumentation.ts installs them while Next.js starts, but prepare() does not wait for its
// register() to finish: looked up per request, and until then Next.js answers those routes.
const DIRECT = Symbol.for("trainyard.serveDirect");

// MLflow clients send search filters in GET URLs of ~15 KB: allow longer request heads than Node's 16 KB.
const server = http.createServer({ maxHeaderSize: 65536 }, (req, res) => {
  if (globalThis[DIRECT]?.(req, res)) return;
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Trainyard listening on http://${hostname ?? "localhost"}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    // Open keep-alive connections would hold close() open: exit anyway.
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
