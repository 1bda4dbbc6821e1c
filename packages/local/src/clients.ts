import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { SDK_CLIENT_DEFAULTS } from "@megawatts/runtime/deployment";
import { S3RVER_CREDENTIALS } from "./stand-ins/s3.ts";

/** Where the local stand-ins listen. */
export interface StandInEndpoints {
  dynamodb: string;
  sqs: string;
  s3: string;
  /** The local KMS and the ARN of its one key. */
  kms: { endpoint: string; keyArn: string };
  /** The Upstash REST bridge in front of redis-server; absent when Redis is not installed. */
  upstash?: { url: string; token: string };
}

export interface LocalClients {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  s3: S3Client;
  kms: KMSClient;
  destroy(): void;
}

export const LOCAL_REGION = "us-east-1";
const DUMMY_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

/**
 * The real AWS SDK clients, pointed at the local stand-ins with dummy credentials, so no
 * request can reach an AWS account by accident.
 *
 * @example
 * const clients = createLocalClients(standIns.endpoints);
 */
export function createLocalClients(endpoints: StandInEndpoints): LocalClients {
  const common = { region: LOCAL_REGION, maxAttempts: 2 };
  const dynamodb = new DynamoDBClient({
    ...common,
    endpoint: endpoints.dynamodb,
    credentials: DUMMY_CREDENTIALS,
  });
  // fauxqs's queue URLs must not replace the endpoint (see LOCAL_STACK.md).
  const sqs = new SQSClient({
    ...common,
    ...SDK_CLIENT_DEFAULTS,
    endpoint: endpoints.sqs,
    credentials: DUMMY_CREDENTIALS,
    useQueueUrlAsEndpoint: false,
  });
  const s3 = new S3Client({
    ...common,
    endpoint: endpoints.s3,
    credentials: S3RVER_CREDENTIALS,
    forcePathStyle: true,
  });
  const kms = new KMSClient({
    ...common,
    ...SDK_CLIENT_DEFAULTS,
    endpoint: endpoints.kms.endpoint,
    credentials: DUMMY_CREDENTIALS,
  });
  return {
    dynamodb,
    sqs,
    s3,
    kms,
    destroy() {
      dynamodb.destroy();
      sqs.destroy();
      s3.destroy();
      kms.destroy();
    },
  };
}
