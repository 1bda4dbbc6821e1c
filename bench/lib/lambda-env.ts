import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ingressEnvironment } from "@megawatts/runtime/links";
import { repoRoot } from "./paths.ts";

const RESOURCE = /^\s*(\w+):\s*(Secret|\{[^}]*\});/gm;
const FIELD = /(\w+):\s*string/g;

function dummy(resource: string, field: string): string {
  // Values whose shape is checked when a function is wired: Upstash wants HTTPS, the alarm
  // notifier a Discord webhook, the self-edit worker a repository's owner/name and the GitHub
  // App's RSA key.
  if (resource === "UpstashRedisRestUrl") return "https://127.0.0.1:1";
  if (resource === "AlarmWebhookUrl") return "https://127.0.0.1:1/api/webhooks/1/bench";
  if (resource === "GithubRepository") return "megawatts/bench";
  if (resource === "GithubAppPrivateKey")
    return generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs1", format: "pem" })
      .toString();
  if (field === "url") return `http://127.0.0.1:1/000000000000/${resource}`;
  if (field === "arn") return `arn:aws:kms:us-east-1:000000000000:key/${resource}`;
  return `bench-${resource}`;
}

/**
 * Every linked resource the functions declare (functions/linked/sst-resources.d.ts), by name,
 * with a dummy value for each field. Queue URLs point at a closed loopback port and are never
 * contacted.
 */
function linkedResources(publicKeyHex: string): Record<string, Record<string, string>> {
  const declared = readFileSync(join(repoRoot, "functions/linked/sst-resources.d.ts"), "utf8");
  const resources: Record<string, Record<string, string>> = {
    DiscordPublicKey: { value: publicKeyHex },
    JobsQueue: { url: dummy("JobsQueue", "url") },
  };
  for (const [, name = "", shape = ""] of declared.matchAll(RESOURCE)) {
    if (name in resources) continue;
    const fields = shape === "Secret" ? ["value"] : [...shape.matchAll(FIELD)].map(([, field = ""]) => field);
    resources[name] = Object.fromEntries(fields.map((field) => [field, dummy(name, field)]));
  }
  return resources;
}

/**
 * The environment of a fresh Lambda container: region, dummy credentials, every function's links
 * as the `SST_RESOURCE_<Name>` JSON variables `Resource` reads, so module-scope wiring runs
 * whatever it links, and the ingress's as the variables it reads.
 */
export function lambdaEnv(publicKeyHex: string): NodeJS.ProcessEnv {
  const resources = linkedResources(publicKeyHex);
  return {
    PATH: process.env.PATH ?? "",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ...Object.fromEntries(
      Object.entries(resources).map(([name, value]) => [`SST_RESOURCE_${name}`, JSON.stringify(value)]),
    ),
    // The ingress reads its links' values from the variables the stack sets (stacks/api.ts).
    ...Object.fromEntries(
      Object.entries(ingressEnvironment).map(([link, variable]) => {
        const [value = ""] = Object.values(resources[link] ?? {});
        return [variable, value];
      }),
    ),
  };
}
