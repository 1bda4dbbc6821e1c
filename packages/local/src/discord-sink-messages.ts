/** Discord's error body for a request it refuses. */
export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: Record<string, unknown>;
}

interface FieldError {
  code: string;
  message: string;
}

// Discord's documented limits, written out here on purpose: the sink checks the bot's splitter,
// so it must not borrow the splitter's constants.
const LIMITS = { content: 2000, embeds: 10, total: 6000, fields: 25 };
const EMBED_TEXT: [string, number][] = [
  ["title", 256],
  ["description", 4096],
];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;
const text = (value: unknown) => (typeof value === "string" ? value : "");

function maxLength(max: number): FieldError {
  return { code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` };
}

/** Puts an error at a path of Discord's nested `errors` object: `{ embeds: { 0: { title: { _errors } } } }`. */
function addError(errors: Json, path: (string | number)[], error: FieldError) {
  let node = errors;
  for (const key of path) {
    const next = node[String(key)];
    const child: Json = isObject(next) ? next : {};
    node[String(key)] = child;
    node = child;
  }
  node._errors = [...((node._errors as FieldError[] | undefined) ?? []), error];
}

function embedErrors(errors: Json, embed: Json, index: number): number {
  const fields = Array.isArray(embed.fields) ? (embed.fields as unknown[]).filter(isObject) : [];
  const footer = isObject(embed.footer) ? text(embed.footer.text) : "";
  const author = isObject(embed.author) ? text(embed.author.name) : "";
  for (const [key, max] of EMBED_TEXT) {
    if (text(embed[key]).length > max) addError(errors, ["embeds", index, key], maxLength(max));
  }
  if (fields.length > LIMITS.fields) addError(errors, ["embeds", index, "fields"], maxLength(LIMITS.fields));
  fields.forEach((field, position) => {
    if (text(field.name).length > 256)
      addError(errors, ["embeds", index, "fields", position, "name"], maxLength(256));
    if (text(field.value).length > 1024)
      addError(errors, ["embeds", index, "fields", position, "value"], maxLength(1024));
  });
  if (footer.length > 2048) addError(errors, ["embeds", index, "footer", "text"], maxLength(2048));
  if (author.length > 256) addError(errors, ["embeds", index, "author", "name"], maxLength(256));
  const fieldChars = fields.reduce(
    (sum, field) => sum + text(field.name).length + text(field.value).length,
    0,
  );
  return (
    text(embed.title).length + text(embed.description).length + fieldChars + footer.length + author.length
  );
}

/**
 * Checks a message body the way Discord does for webhook messages and returns Discord's error
 * body, or undefined when the message is acceptable. `create` also refuses an empty message.
 */
export function messageError(body: unknown, create: boolean): DiscordErrorBody | undefined {
  if (!isObject(body)) return { message: "Invalid Form Body", code: 50035, errors: {} };
  const errors: Json = {};
  if (text(body.content).length > LIMITS.content) addError(errors, ["content"], maxLength(LIMITS.content));
  const embeds = Array.isArray(body.embeds) ? (body.embeds as unknown[]) : [];
  if (embeds.length > LIMITS.embeds) addError(errors, ["embeds"], maxLength(LIMITS.embeds));
  const total = embeds.reduce<number>(
    (sum, embed, index) => sum + (isObject(embed) ? embedErrors(errors, embed, index) : 0),
    0,
  );
  if (total > LIMITS.total)
    addError(errors, ["embeds"], {
      code: "MAX_EMBED_SIZE_EXCEEDED",
      message: "Embed size exceeds maximum size of 6000",
    });
  if (Object.keys(errors).length > 0) return { message: "Invalid Form Body", code: 50035, errors };
  const components = Array.isArray(body.components) ? body.components.length : 0;
  if (
    create &&
    text(body.content).trim() === "" &&
    embeds.length === 0 &&
    components === 0 &&
    !body.attachments
  )
    return { message: "Cannot send an empty message", code: 50006 };
  return undefined;
}

/**
 * The body of the last message the bot sent or edited successfully (through an interaction
 * webhook) that holds a component with `customId`, or `undefined`.
 *
 * @example
 * lastMessageWith(sink.events(), "knowledge:page:eyJvIjo1fQ")?.content // "🔎 **1–5 of 7** for “deploy” …"
 */
export function lastMessageWith(
  events: readonly { method: string; status: number; body: unknown; token?: string }[],
  customId: string,
): Json | undefined {
  if (!customId) return undefined;
  const holds = (body: Json) => JSON.stringify(body.components ?? []).includes(JSON.stringify(customId));
  for (const event of [...events].reverse()) {
    const sent = (event.method === "PATCH" || event.method === "POST") && event.token !== undefined;
    if (sent && event.status < 300 && isObject(event.body) && holds(event.body)) return event.body;
  }
  return undefined;
}
