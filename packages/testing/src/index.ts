// Interactions as Discord sends them, signed with real Ed25519 keys (shared with the local simulator).
export * from "@megawatts/discord/simulate";
