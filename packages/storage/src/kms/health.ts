import { DescribeKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import type { HealthCheck } from "@megawatts/core";

/**
 * Probes the data key with `DescribeKey`; a key that exists but is not enabled is down.
 *
 * @example
 * const check = kmsKeyHealthCheck(new KMSClient({}), Resource.DataKey.arn);
 */
export function kmsKeyHealthCheck(client: KMSClient, keyId: string): HealthCheck {
  return {
    name: "data key (kms)",
    kind: "keys",
    async check(signal) {
      const { KeyMetadata: metadata } = await client.send(new DescribeKeyCommand({ KeyId: keyId }), {
        abortSignal: signal,
      });
      if (metadata?.KeyState !== "Enabled") throw new Error(`key state ${metadata?.KeyState ?? "unknown"}`);
      return {
        detail: `${metadata.KeyManager === "CUSTOMER" ? "customer-managed" : "aws-managed"}, enabled`,
      };
    },
  };
}
