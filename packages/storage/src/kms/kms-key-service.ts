import {
  DecryptCommand,
  GenerateDataKeyCommand,
  InvalidCiphertextException,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { type DataKey, DecryptionError, type EncryptionContext, type KeyService } from "@megawatts/core";

/**
 * Data keys from AWS KMS: `GenerateDataKey` (AES-256) and `Decrypt` under one symmetric key,
 * with `{ tenant, subject }` as the encryption context, so KMS refuses to unwrap a key for
 * anyone else (and CloudTrail logs who each key belongs to).
 *
 * @example
 * const keys = new KmsKeyService(new KMSClient({}), Resource.DataKey.arn);
 * const { plaintext, wrapped } = await keys.generateDataKey({ tenant: guildId, subject: userId });
 */
export class KmsKeyService implements KeyService {
  constructor(
    private readonly client: KMSClient,
    private readonly keyId: string,
  ) {}

  async generateDataKey(context: EncryptionContext): Promise<DataKey> {
    const output = await this.client.send(
      new GenerateDataKeyCommand({
        KeyId: this.keyId,
        KeySpec: "AES_256",
        EncryptionContext: toKmsContext(context),
      }),
    );
    if (!output.Plaintext || !output.CiphertextBlob) throw new Error("GenerateDataKey returned no key");
    return { plaintext: output.Plaintext, wrapped: output.CiphertextBlob };
  }

  async decrypt(wrapped: Uint8Array, context: EncryptionContext): Promise<Uint8Array> {
    try {
      const output = await this.client.send(
        new DecryptCommand({
          // Naming the key makes KMS refuse a ciphertext made under any other key.
          KeyId: this.keyId,
          CiphertextBlob: wrapped,
          EncryptionContext: toKmsContext(context),
        }),
      );
      if (!output.Plaintext) throw new Error("Decrypt returned no plaintext");
      return output.Plaintext;
    } catch (error) {
      if (error instanceof InvalidCiphertextException) {
        throw new DecryptionError("KMS refused to unwrap the data key for this context", { cause: error });
      }
      throw error;
    }
  }
}

// Exactly the two fields: a context with extra keys would not decrypt what this one wrapped.
function toKmsContext(context: EncryptionContext): Record<string, string> {
  return { tenant: context.tenant, subject: context.subject };
}
