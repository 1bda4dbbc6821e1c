import type {
  AgentMessage,
  ChatCompletion,
  ChatMessage,
  ChatModel,
  ChatOptions,
  ToolCallingChat,
  ToolCallingCompletion,
  ToolFunction,
} from "@megawatts/core";
import type OpenAI from "openai";
import { recordUsage } from "../usage.ts";
import { createOpenAiClient } from "./client.ts";
import { openAiFailure } from "./errors.ts";

export interface OpenAiChatOptions {
  /** Built from the environment (`OPENAI_API_KEY`, `OPENAI_BASE_URL`) when omitted. */
  client?: OpenAI;
  /** Default `gpt-4o-mini`. */
  model?: string;
  /**
   * How the answer's length limit is sent: OpenAI's current `max_completion_tokens` (default,
   * required by reasoning models) or the older `max_tokens` some compatible servers expect.
   */
  maxTokensField?: "max_completion_tokens" | "max_tokens";
  /** Overrides the client's retry count for these calls. */
  maxRetries?: number;
}

/**
 * A `ChatModel` on the OpenAI chat completions API (or any compatible server), non-streaming;
 * the SDK retries rate limits and server errors itself.
 *
 * @example
 * const chat = createOpenAiChat({ client });
 * const { text, tokens } = await chat.complete([{ role: "user", content: "Say hi" }], { maxTokens: 50 });
 */
export function createOpenAiChat(options: OpenAiChatOptions = {}): ChatModel & ToolCallingChat {
  const model = options.model ?? "gpt-4o-mini";
  const client = options.client ?? createOpenAiClient();
  const maxTokensField = options.maxTokensField ?? "max_completion_tokens";
  const settingsOf = (settings: ChatOptions) => ({
    ...(settings.maxTokens !== undefined ? { [maxTokensField]: settings.maxTokens } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
  });
  const requestOptions = (settings: ChatOptions) => ({
    ...(settings.signal ? { signal: settings.signal } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  });
  // The tokens the API reported, also added to the current span for `npm run cost`.
  const tokensOf = (response: OpenAI.Chat.Completions.ChatCompletion) => {
    const tokens = {
      prompt: response.usage?.prompt_tokens ?? 0,
      completion: response.usage?.completion_tokens ?? 0,
    };
    recordUsage({
      name: "openai.usage",
      attributes: { model, inputTokens: tokens.prompt, outputTokens: tokens.completion },
    });
    return tokens;
  };
  return {
    id: `openai:${model}`,
    async completeWithTools(
      messages: AgentMessage[],
      tools: ToolFunction[],
      settings: ChatOptions = {},
    ): Promise<ToolCallingCompletion> {
      try {
        const response = await client.chat.completions.create(
          {
            model,
            messages: messages.map(toOpenAiMessage),
            ...(tools.length > 0
              ? { tools: tools.map((tool) => ({ type: "function" as const, function: tool })) }
              : {}),
            ...settingsOf(settings),
          },
          requestOptions(settings),
        );
        const message = response.choices[0]?.message;
        const toolCalls = (message?.tool_calls ?? []).flatMap((call) =>
          call.type === "function"
            ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }]
            : [],
        );
        return {
          text: message?.content ?? message?.refusal ?? "",
          toolCalls,
          tokens: tokensOf(response),
        };
      } catch (error) {
        throw openAiFailure("chat", error);
      }
    },
    async complete(messages: ChatMessage[], settings: ChatOptions = {}): Promise<ChatCompletion> {
      try {
        const response = await client.chat.completions.create(
          {
            model,
            messages: messages.map(({ role, content }) => ({ role, content })),
            ...(settings.maxTokens !== undefined ? { [maxTokensField]: settings.maxTokens } : {}),
            ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
          },
          {
            ...(settings.signal ? { signal: settings.signal } : {}),
            ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
          },
        );
        const message = response.choices[0]?.message;
        return {
          text: message?.content ?? message?.refusal ?? "",
          tokens: tokensOf(response),
        };
      } catch (error) {
        throw openAiFailure("chat", error);
      }
    },
  };
}

function toOpenAiMessage(message: AgentMessage): OpenAI.Chat.Completions.ChatCompletionMessageParam {
  if (message.role === "tool")
    return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  if (message.role === "assistant")
    return {
      role: "assistant",
      content: message.content,
      ...(message.toolCalls?.length
        ? {
            tool_calls: message.toolCalls.map((call) => ({
              id: call.id,
              type: "function" as const,
              function: { name: call.name, arguments: call.arguments },
            })),
          }
        : {}),
    };
  return { role: message.role, content: message.content };
}
