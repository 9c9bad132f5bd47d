export * from "./audit";
export * from "./auth";
export * from "./enums";
export * from "./projects";
export * from "./teams";
export * from "./tokens";
