/** The few log calls the CLI makes; an interface so tests and embedders can pass their own. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

function line(level: string, message: string): string {
  return `${new Date().toISOString()} ${level.padEnd(5)} ${message}\n`;
}

/** Plain timestamped lines on stderr: readable on a terminal and in journald alike. */
export const stderrLogger: Logger = {
  info: (m) => process.stderr.write(line("info", m)),
  warn: (m) => process.stderr.write(line("warn", m)),
  error: (m) => process.stderr.write(line("error", m)),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
