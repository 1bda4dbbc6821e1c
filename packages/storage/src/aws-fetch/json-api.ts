import { AwsClient } from "aws4fetch";

/** An AWS JSON-protocol API answered with an error: its type (`ResourceNotFoundException`…) and message. */
export class AwsApiError extends Error {
  override name = "AwsApiError";
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(`${type} (HTTP ${status}): ${message}`);
  }
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The function's own credentials and region, as Lambda puts them in the environment (the AWS
 * SDK's default provider reads the same variables there).
 *
 * @example
 * const client = signingClient("sqs", lambdaCredentials(), process.env.AWS_REGION ?? "us-east-1");
 */
export function lambdaCredentials(env: Record<string, string | undefined> = process.env): AwsCredentials {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!accessKeyId || !secretAccessKey)
    throw new Error(
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (Lambda sets them for the function's role)",
    );
  const sessionToken = env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/**
 * A SigV4-signing `fetch` for one service and region, retrying throttling and server errors
 * twice with backoff (three tries in all, as the AWS SDK does).
 *
 * @example
 * const dynamodb = signingClient("dynamodb", lambdaCredentials(), "eu-west-1");
 */
export function signingClient(service: "sqs" | "dynamodb", credentials: AwsCredentials, region: string) {
  return new AwsClient({ ...credentials, service, region, retries: 2, initRetryMs: 50 });
}

/**
 * Calls one action of an AWS JSON 1.0 API (SQS, DynamoDB) and returns its answer; an error
 * answer throws an `AwsApiError` with AWS's error type.
 *
 * @example
 * await callJsonApi(client, "https://sqs.eu-west-1.amazonaws.com/", "AmazonSQS.SendMessage", input);
 */
export async function callJsonApi<T>(client: AwsClient, endpoint: string, target: string, input: unknown) {
  const response = await client.fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": target },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  const answer = (text ? JSON.parse(text) : {}) as T & {
    __type?: string;
    message?: string;
    Message?: string;
  };
  if (response.ok) return answer as T;
  const type = answer.__type?.split("#").pop() ?? "UnknownError";
  throw new AwsApiError(type, response.status, answer.message ?? answer.Message ?? response.statusText);
}
