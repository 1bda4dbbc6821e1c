import type { KnowledgeMessage } from "@megawatts/core";
import { seededRandom } from "./vector-data.ts";

const COMMON = (
  "i you we it this that the a to is was be have do not but so just like think know get got make " +
  "time today yesterday tomorrow week still again maybe really thanks anyone everyone here there " +
  "what why how when which does did can could would should works working broken fixed problem " +
  "issue help idea question answer try tried same other new old first last good bad better " +
  "setting settings version update change changed looks seems sure yes no ok right wrong"
).split(" ");
const SYLLABLES = (
  "ka ro mi tel van dor sei lu pra gen tor bil xe qua fen dro ly mos tra vik nel sto pha rin gu " +
  "zo ber cal dem fi hul jor kes mar nop rus sil tam ul vor wex yen zan"
).split(" ");

export interface ServerText {
  /** Messages per channel in time order, channels one after another (the order a backfill reads them). */
  messages: KnowledgeMessage[];
  /** Keyword queries of one to three words, as members type them. */
  queries: string[];
}

export interface ServerShape {
  count: number;
  channels: number;
  topics: number;
  authors: number;
  seed?: number;
}

/**
 * A deterministic server of `count` chat messages: each channel talks about a few of `topics`
 * topics (80 words each, drawn with a Zipf-like skew), mixed with common chat words; lengths
 * from a few words to a few hundred (about 1 in 40 long enough for several chunks); one in
 * six a reply to a recent message of its channel. Words are made of syllables, so the
 * vocabulary is large and every topic has its own words.
 *
 * @example
 * const { messages, queries } = makeServerText({ count: 100_000, channels: 40, topics: 120, authors: 2_000 });
 */
export function makeServerText(shape: ServerShape): ServerText {
  const random = seededRandom(shape.seed ?? 7);
  const uniform = () => random() + 0.5;
  const pick = <T>(list: readonly T[]) => list[Math.floor(uniform() * list.length)] as T;
  const skewed = <T>(list: readonly T[]) => list[Math.floor(uniform() ** 2.5 * list.length)] as T;
  const word = (size: number) => Array.from({ length: size }, () => pick(SYLLABLES)).join("");
  const topics = Array.from({ length: shape.topics }, () => Array.from({ length: 80 }, () => word(3)));
  const base = 1_400_000_000_000_000_000n;
  const perChannel = Math.ceil(shape.count / shape.channels);
  const t0 = Date.parse("2025-01-01T00:00:00Z");
  const messages: KnowledgeMessage[] = [];
  for (let c = 0; c < shape.channels && messages.length < shape.count; c++) {
    const channelId = String(1_500_000_000_000_000_000n + BigInt(c));
    const own = Array.from({ length: 3 }, () => pick(topics));
    const start = messages.length;
    let at = t0 + c * 3_600_000;
    for (let i = 0; i < perChannel && messages.length < shape.count; i++) {
      at += Math.floor(uniform() * 600_000); // a message every 5 minutes on average
      const topic = uniform() < 0.9 ? pick(own) : pick(topics);
      const length =
        uniform() < 0.025 ? 160 + Math.floor(uniform() * 240) : 3 + Math.floor(uniform() ** 2 * 45);
      const words = Array.from({ length }, () =>
        uniform() < 0.55 ? skewed(COMMON) : uniform() < 0.97 ? skewed(topic) : word(4),
      );
      const recent = messages.length - start;
      const replyTo =
        recent > 0 && uniform() < 1 / 6
          ? messages[messages.length - 1 - Math.floor(uniform() * Math.min(recent, 20))]
          : undefined;
      messages.push({
        id: String(base + BigInt(messages.length)),
        channelId,
        authorId: String(1_600_000_000_000_000_000n + BigInt(Math.floor(uniform() ** 2 * shape.authors))),
        createdAt: at,
        content: words.join(" "),
        ...(replyTo ? { replyToId: replyTo.id } : {}),
      });
    }
  }
  const queries = Array.from({ length: 200 }, (_, i) => {
    const topic = pick(topics);
    const size = 1 + (i % 3);
    return Array.from({ length: size }, (_, n) => (n === 2 ? pick(COMMON) : skewed(topic))).join(" ");
  });
  return { messages, queries };
}
