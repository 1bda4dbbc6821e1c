import type { ChatOptions } from "../knowledge/ports.ts";
import type { ToolFunction } from "./json-schema.ts";

/** A function call the model asks for; `arguments` is JSON text, as the model wrote it. */
export interface ToolCallRequest {
  id: string;
  name: string;
  arguments: string;
}

export type AgentMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; toolCalls?: ToolCallRequest[] }
  | { role: "tool"; toolCallId: string; content: string };

export interface ToolCallingCompletion {
  text: string;
  toolCalls: ToolCallRequest[];
  tokens: { prompt: number; completion: number };
}

/**
 * A chat model that can call functions (OpenAI's tool calling). The OpenAI chat adapter
 * implements it beside `complete`.
 *
 * @example
 * const { toolCalls } = await chat.completeWithTools(messages, [toolFunction(serverInfo)], { maxTokens: 500 });
 */
export interface ToolCallingChat {
  readonly id: string;
  completeWithTools(
    messages: AgentMessage[],
    tools: ToolFunction[],
    options?: ChatOptions,
  ): Promise<ToolCallingCompletion>;
}
