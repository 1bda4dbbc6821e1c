import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import {
  BlobArchivedError,
  type BlobInfo,
  type BlobStore,
  type Page,
  type StoredBlob,
} from "@megawatts/core";

export interface S3BlobStoreOptions {
  /** Path-style addressing (local servers need it) is the client's configuration. */
  client: S3Client;
  bucket: string;
}

const isNamed = (error: unknown, ...names: string[]) =>
  names.includes((error as { name?: string } | null)?.name ?? "");

/**
 * The cold tier on S3. Listing pages with `ListObjects` and `Marker` (the last key of the previous
 * page): S3 serves it like V2, and s3rver's V2 continuation tokens need a cipher OpenSSL 3 lacks.
 * Archived objects (Glacier) throw `BlobArchivedError`.
 *
 * @example
 * const blobs = new S3BlobStore({ client: new S3Client({}), bucket: Resource.Bucket.name });
 * await blobs.put("cold/x.jsonl.gz", bytes, { contentType: "application/x-ndjson", metadata: { items: "3" } });
 * const blob = await blobs.get("cold/x.jsonl.gz"); // { bytes, contentType, metadata }
 */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: S3BlobStoreOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
  }

  async put(
    key: string,
    bytes: Uint8Array,
    options: { contentType: string; metadata?: Record<string, string> },
  ): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: bytes,
        ContentType: options.contentType,
        ...(options.metadata ? { Metadata: options.metadata } : {}),
      }),
    );
  }

  async get(key: string): Promise<StoredBlob | undefined> {
    try {
      const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      const bytes = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      return {
        bytes,
        ...(object.ContentType ? { contentType: object.ContentType } : {}),
        metadata: object.Metadata ?? {},
      };
    } catch (error) {
      if (isNamed(error, "NoSuchKey", "NotFound")) return undefined;
      if (isNamed(error, "InvalidObjectState")) throw new BlobArchivedError(key, { cause: error });
      throw error;
    }
  }

  async list(prefix: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<BlobInfo>> {
    const listed = await this.#client.send(
      new ListObjectsCommand({
        Bucket: this.#bucket,
        Prefix: prefix,
        ...(options.limit ? { MaxKeys: options.limit } : {}),
        ...(options.cursor ? { Marker: options.cursor } : {}),
      }),
    );
    const items: BlobInfo[] = (listed.Contents ?? []).flatMap((object) =>
      object.Key
        ? [
            {
              key: object.Key,
              size: object.Size ?? 0,
              lastModified: object.LastModified?.getTime() ?? 0,
              ...(object.StorageClass ? { storageClass: object.StorageClass } : {}),
            },
          ]
        : [],
    );
    const last = items.at(-1)?.key;
    return { items, ...(listed.IsTruncated && last ? { cursor: last } : {}) };
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
  }
}
