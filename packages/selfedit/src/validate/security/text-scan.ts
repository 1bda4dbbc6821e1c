import type { Violation } from "../types.ts";
import { lineOf } from "../violations.ts";

const SECRETS: [RegExp, string][] = [
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, "an AWS access key id"],
  [/aws.{0,20}?['"`][0-9a-zA-Z/+]{40}['"`]/gi, "an AWS secret access key"],
  [/\bghp_[A-Za-z0-9]{36}\b/g, "a GitHub personal access token (ghp_…)"],
  [/\bgh[ousr]_[A-Za-z0-9]{36,}\b/g, "a GitHub token"],
  [/\bgithub_pat_[A-Za-z0-9_]{22,}\b/g, "a GitHub fine-grained token (github_pat_…)"],
  [/\b[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,40}\b/g, "a Discord bot token"],
  [/\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}\b/g, "an OpenAI API key (sk-…)"],
  [/\bsk_live_[A-Za-z0-9]{20,}\b/g, "a Stripe secret key"],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, "a Slack token"],
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g, "a private key block"],
];

const INVISIBLE: Record<number, string> = {
  8234: "LEFT-TO-RIGHT EMBEDDING",
  8235: "RIGHT-TO-LEFT EMBEDDING",
  8236: "POP DIRECTIONAL FORMATTING",
  8237: "LEFT-TO-RIGHT OVERRIDE",
  8238: "RIGHT-TO-LEFT OVERRIDE",
  8294: "LEFT-TO-RIGHT ISOLATE",
  8295: "RIGHT-TO-LEFT ISOLATE",
  8296: "FIRST STRONG ISOLATE",
  8297: "POP DIRECTIONAL ISOLATE",
  8203: "ZERO WIDTH SPACE",
  8204: "ZERO WIDTH NON-JOINER",
  8205: "ZERO WIDTH JOINER",
  8206: "LEFT-TO-RIGHT MARK",
  8207: "RIGHT-TO-LEFT MARK",
  8288: "WORD JOINER",
  65279: "ZERO WIDTH NO-BREAK SPACE",
};

/** Secrets written into a file, by pattern; the message never repeats the secret. */
export function secretViolations(path: string, text: string): Violation[] {
  const found: Violation[] = [];
  for (const [pattern, what] of SECRETS) {
    for (const match of text.matchAll(pattern))
      found.push({
        rule: "security/secret",
        file: path,
        line: lineOf(text, match.index),
        severity: "error",
        message: `${what} is written in the code; secrets come from configuration, never from code`,
      });
  }
  return found;
}

/** Whether a string matches one of the known secret formats. */
export function isKnownSecret(text: string): boolean {
  return SECRETS.some(([pattern]) => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  });
}

/** Bidirectional and invisible characters that can make code read differently than it runs. */
export function unicodeViolations(path: string, text: string): Violation[] {
  const found: Violation[] = [];
  for (let i = 0; i < text.length; i++) {
    const name = INVISIBLE[text.charCodeAt(i)];
    if (!name || (i === 0 && text.charCodeAt(i) === 0xfeff)) continue;
    const code = text.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
    found.push({
      rule: "security/invisible-unicode",
      file: path,
      line: lineOf(text, i),
      severity: "error",
      message: `U+${code} (${name}) can make the code read differently than it runs (Trojan Source); remove it or write it as an escape`,
    });
  }
  return found;
}

/** Bits per character of a string's character distribution. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Whether a string literal looks like a random key: long, no spaces, letters and digits mixed, high entropy. */
export function looksRandom(value: string): boolean {
  if (!/\d/.test(value) || !/[a-zA-Z]/.test(value)) return false;
  if (/^[0-9a-f]{40,}$/i.test(value)) return entropy(value) >= 3.5;
  return value.length >= 32 && /^[A-Za-z0-9+/=_-]+$/.test(value) && entropy(value) >= 4.2;
}
