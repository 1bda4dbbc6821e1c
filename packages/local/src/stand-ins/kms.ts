import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { KmsProtocolError, loadMasterKey } from "./kms-keyring.ts";
import { type LocalKey, operations } from "./kms-operations.ts";

export interface LocalKmsOptions {
  /** Keep the master key in `<dataDir>/kms/master-key.json` (mode 0600); omitted, it lives in memory. */
  dataDir?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface LocalKms {
  endpoint: string;
  /** The key's id (a UUID); its ARN and the alias `alias/megawatts-local` name it too. */
  keyId: string;
  keyArn: string;
  close(): Promise<void>;
}

const REGION = "us-east-1";
const ACCOUNT = "000000000000";
const MAX_BODY_BYTES = 64 * 1024;

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new KmsProtocolError("ValidationException", "request too large");
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks).toString("utf8");
  let parsed: unknown;
  try {
    parsed = body === "" ? {} : JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new KmsProtocolError("SerializationException", "request body is not a JSON object");
  }
  return parsed as Record<string, unknown>;
}

function reply(response: ServerResponse, status: number, payload: unknown, errorType?: string) {
  response.writeHead(status, {
    "content-type": "application/x-amz-json-1.1",
    "x-amzn-requestid": randomUUID(),
    ...(errorType ? { "x-amzn-errortype": errorType } : {}),
  });
  response.end(JSON.stringify(payload));
}

async function handle(key: LocalKey, request: IncomingMessage, response: ServerResponse) {
  try {
    const target = String(request.headers["x-amz-target"] ?? "");
    const operation = target.startsWith("TrentService.") ? operations[target.slice(13)] : undefined;
    if (request.method !== "POST" || !operation) {
      throw new KmsProtocolError("UnknownOperationException", `unsupported operation '${target}'`);
    }
    reply(response, 200, operation(key, await readBody(request)));
  } catch (error) {
    const known = error instanceof KmsProtocolError;
    const type = known ? error.type : "KMSInternalException";
    const message = known ? error.message : "internal error in the local KMS";
    reply(response, known ? error.status : 500, { __type: type, message }, type);
  }
}

/**
 * Starts a local KMS speaking the real JSON 1.1 protocol (`X-Amz-Target: TrentService.<Op>`)
 * for GenerateDataKey, Encrypt, Decrypt and DescribeKey, with one symmetric key. Ciphertexts
 * are AES-256-GCM under the master key with the encryption context bound as additional data,
 * so `@aws-sdk/client-kms` runs unchanged against it (endpoint override, dummy credentials).
 * It does not verify SigV4 signatures, grants or key policies: it is for local use only.
 *
 * @example
 * const kms = await startLocalKms({ dataDir: ".data" });
 * const client = new KMSClient({ endpoint: kms.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
 * await client.send(new GenerateDataKeyCommand({ KeyId: kms.keyArn, KeySpec: "AES_256" }));
 * await kms.close();
 */
export async function startLocalKms(options: LocalKmsOptions = {}): Promise<LocalKms> {
  const master = await loadMasterKey(options.dataDir);
  const prefix = `arn:aws:kms:${REGION}:${ACCOUNT}`;
  const key: LocalKey = {
    master,
    arn: `${prefix}:key/${master.keyId}`,
    alias: "alias/megawatts-local",
    aliasArn: `${prefix}:alias/megawatts-local`,
  };
  const server = createServer((request, response) => void handle(key, request, response));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    keyId: master.keyId,
    keyArn: key.arn,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
