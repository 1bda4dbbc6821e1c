export * from "./channel-history.ts";
export * from "./channel-messages.ts";
export * from "./create-rest.ts";
export * from "./responder.ts";
export * from "./split-embeds.ts";
export * from "./split-message.ts";
export * from "./split-text.ts";
