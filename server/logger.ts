import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "trainyard" },
  redact: ["req.headers.authorization", "req.headers.cookie", "password", "token"],
});

export type Logger = typeof logger;
