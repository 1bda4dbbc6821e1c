import { z } from "zod";

const named = z.object({ name: z.string().min(1) });
const secret = z.object({ value: z.string() });

/** The linked resources the privacy CLI needs, as `sst shell` passes them. */
export interface SstResources {
  tableName: string;
  bucketName: string;
  keyTableName: string;
  keyArn: string;
  upstash?: { url: string; token: string };
  /** The stage's Pinecone index, when both of its secrets are set. */
  pinecone?: { apiKey: string; index: string };
}

function resource<T extends z.ZodType>(
  env: Record<string, string | undefined>,
  name: string,
  schema: T,
): z.infer<T> {
  const raw = env[`SST_RESOURCE_${name}`];
  if (raw === undefined) throw new Error(`SST_RESOURCE_${name} is not set: is ${name} linked in this stage?`);
  const parsed = schema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`SST_RESOURCE_${name} is not what SST links for ${name}`);
  return parsed.data;
}

/**
 * Whether this process runs inside `sst shell`, which sets an `SST_RESOURCE_<Name>` variable
 * holding JSON for every linked resource.
 *
 * @example
 * if (insideSstShell(process.env)) services = awsServices(sstResources(process.env));
 */
export function insideSstShell(env: Record<string, string | undefined>): boolean {
  return env.SST_RESOURCE_Table !== undefined;
}

/**
 * The table, bucket, key table, KMS key and (when set) Upstash and Pinecone secrets of the stage.
 *
 * @example
 * sstResources({ SST_RESOURCE_Table: '{"name":"prod-Table"}', ... }).tableName // "prod-Table"
 */
export function sstResources(env: Record<string, string | undefined>): SstResources {
  const url = env.SST_RESOURCE_UpstashRedisRestUrl
    ? resource(env, "UpstashRedisRestUrl", secret).value.trim()
    : "";
  const upstash = url ? { url, token: resource(env, "UpstashRedisRestToken", secret).value } : undefined;
  const optional = (name: string) =>
    env[`SST_RESOURCE_${name}`] ? resource(env, name, secret).value.trim() : "";
  const [apiKey, index] = [optional("PineconeApiKey"), optional("PineconeIndex")];
  return {
    ...(apiKey && index ? { pinecone: { apiKey, index } } : {}),
    tableName: resource(env, "Table", named).name,
    bucketName: resource(env, "Bucket", named).name,
    keyTableName: resource(env, "KeyTable", named).name,
    keyArn: resource(env, "DataKey", z.object({ arn: z.string().min(1) })).arn,
    ...(upstash ? { upstash } : {}),
  };
}
