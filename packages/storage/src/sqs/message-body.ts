// SQS accepts #x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF in a body; some
// compatible servers (the local one among them) refuse everything past the Basic Multilingual
// Plane. Matched per UTF-16 code unit (no `u` flag), so an emoji's two surrogates are each escaped.
const UNSAFE = /[^\t\n\r -\uD7FF\uE000-\uFFFD]/g;

function unicodeEscape(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * A value as a JSON message body that every SQS implementation accepts: JSON with anything
 * outside the Basic Multilingual Plane (emoji, rare CJK) written as `\u` surrogate escapes.
 * `JSON.parse` reads it back unchanged, so consumers need nothing special.
 *
 * @example
 * encodeMessageBody({ text: "Party 🎉" }); // '{"text":"Party \\ud83c\\udf89"}'
 */
export function encodeMessageBody(value: unknown): string {
  // JSON.stringify already escapes control characters and lone surrogates; what is left to
  // escape can only sit inside a string literal, where a `\u` escape means the same text.
  return JSON.stringify(value).replace(UNSAFE, unicodeEscape);
}
