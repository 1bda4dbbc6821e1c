export * from "./command-options.ts";
export * from "./interactions.ts";
export * from "./signer.ts";
export * from "./snowflakes.ts";
