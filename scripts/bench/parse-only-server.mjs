// The transport ceiling for bench:ingest: Node's HTTP server reading each metric batch and parsing
// its JSON, then answering as the real endpoint does, with no auth, validation or database. What
// the real server reaches is bounded by this on the same machine.
import http from "node:http";

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const { points } = JSON.parse(Buffer.concat(chunks).toString());
    const body = JSON.stringify({ accepted: points.length, rejected: [], duplicate: false });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.on("SIGTERM", () => process.exit(0));
