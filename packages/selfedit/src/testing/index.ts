export { block, harmlessPluginEdit } from "./edits.ts";
export { createFixtureRepo, type FixtureRepo } from "./fixture-repo.ts";
export { createMemoryWriter, type MemoryWriter } from "./memory-writer.ts";
export { classifyAnswer, loadModelOutputs, type ModelOutput } from "./model-outputs.ts";
