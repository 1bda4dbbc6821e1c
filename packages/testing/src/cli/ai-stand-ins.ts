// `npm run ai:stand-ins`: an OpenAI-compatible server and a Pinecone-protocol server on loopback,
// answering with the usage figures the real services report, for trying the bot (and
// `npm run cost`) with OpenAI and Pinecone without either.
import { startOpenAiTestServer } from "../openai-server.ts";
import { startPineconeTestServer } from "../pinecone-server.ts";

const ANSWER = "From the quotes: the upload limit is 25 MB on the free plan [1].";

const openai = await startOpenAiTestServer({ chat: () => ANSWER });
const pinecone = await startPineconeTestServer();
const env = {
  OPENAI_BASE_URL: openai.baseURL,
  OPENAI_API_KEY: openai.apiKey,
  PINECONE_HOST: pinecone.host,
  PINECONE_API_KEY: pinecone.apiKey,
  PINECONE_INDEX: "local",
};
// The first line is the environment as JSON, for a program that starts this one.
process.stdout.write(`${JSON.stringify(env)}\n`);
process.stdout.write(
  `\nOpenAI at ${openai.baseURL} (every chat answer: "${ANSWER}"), Pinecone at ${pinecone.host}.\n\n` +
    `  ${Object.entries(env)
      .map(([name, value]) => `${name}=${value}`)
      .join(" ")} npm run dev\n\nCtrl-C stops them.\n`,
);
