import { z } from "zod";
import type { AnyTool } from "./tool.ts";

/** A tool as a model's function: name, description (with its safety) and JSON schema parameters. */
export interface ToolFunction {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/**
 * The JSON schema of a tool's parameters, from the same zod schema the executor validates with.
 *
 * @example
 * toolFunction(roleCreate).parameters; // { type: "object", properties: { name: { type: "string", ... } }, ... }
 */
export function toolFunction(tool: AnyTool): ToolFunction {
  const { $schema: _schema, ...parameters } = z.toJSONSchema(tool.parameters, {
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return { name: tool.name, description: `${tool.description} (safety: ${tool.safety})`, parameters };
}
