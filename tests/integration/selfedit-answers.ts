// Scripted model answers for the self-edit tests, written against the fixture repository.
import { readFileSync } from "node:fs";
import { block } from "@megawatts/selfedit/testing";

export const FORMAT = "packages/plugins/greet/src/format.ts";

/** A good change from the labelled fixture answers: a warmer greeting, and its test updated. */
export const GOOD = readFileSync(
  new URL("../../packages/selfedit/fixtures/model-outputs/01-good-single.txt", import.meta.url),
  "utf8",
);

/** Compiles to a type error: a number where the function returns a string. */
export const TYPE_ERROR = `I'll greet strangers by how long their name is.\n\n${block(
  FORMAT,
  '    return "Hello, stranger!";\n',
  "    return trimmed.length;\n",
)}`;

/** SEARCH text that is not in the file. */
export const NO_MATCH = block(
  FORMAT,
  '    return "Hi, stranger!";\n',
  '    return "Hello there, stranger!";\n',
);
