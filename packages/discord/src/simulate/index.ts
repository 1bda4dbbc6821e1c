// What Discord sends a bot, built and signed the way Discord does: for the local simulator
// (`npm run discord`) and for tests. Nothing here runs in a deployed function.
export * from "./command-options.ts";
export * from "./interactions.ts";
export * from "./signer.ts";
export * from "./snowflakes.ts";
