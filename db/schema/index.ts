export * from "./audit";
export * from "./auth";
export * from "./enums";
export * from "./metrics";
export * from "./projects";
export * from "./runs";
export * from "./teams";
export * from "./tokens";
