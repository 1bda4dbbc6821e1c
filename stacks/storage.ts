// Warm (DynamoDB), cold and archive (S3 with lifecycle rules) tiers, and the customer-managed
// KMS key that encrypts both at rest and wraps the per-user data keys (envelope encryption).

const isProduction = $app.stage === "production";

export const dataKeyKms = new aws.kms.Key("DataKeyKms", {
  description: `${$app.name} ${$app.stage}: data at rest and envelope data keys`,
  enableKeyRotation: true,
  deletionWindowInDays: 30,
});

export const dataKeyAlias = new aws.kms.Alias("DataKeyAlias", {
  name: `alias/${$app.name}-${$app.stage}`,
  targetKeyId: dataKeyKms.keyId,
});

// Links grant DynamoDB, S3 and SQS actions but never KMS, so the key is linked on its own.
export const dataKey = new sst.Linkable("DataKey", {
  properties: { arn: dataKeyKms.arn, id: dataKeyKms.keyId },
  include: [
    sst.aws.permission({
      actions: ["kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt", "kms:DescribeKey"],
      resources: [dataKeyKms.arn],
    }),
  ],
});

export const table = new sst.aws.Dynamo("Table", {
  fields: {
    pk: "string",
    sk: "string",
    gsi1pk: "string",
    gsi1sk: "string",
  },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" },
  },
  ttl: "expiresAt",
  stream: "new-and-old-images",
  deletionProtection: isProduction,
  transform: {
    table: {
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: dataKeyKms.arn },
    },
  },
});

// Wrapped per-subject data keys (envelope encryption), apart from the application table on
// purpose: this table has NO point-in-time recovery and no backups. Deleting a subject's key
// item is what makes its data unreadable everywhere (crypto-shredding); a restorable copy of
// this table would bring erased data back, from the application table's backups or Glacier.
export const keyTable = new sst.aws.Dynamo("KeyTable", {
  fields: { pk: "string", sk: "string" },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  // Keys of sealed job payloads expire a day after the dead-letter queue's 14 days.
  ttl: "expiresAt",
  deletionProtection: isProduction,
  transform: {
    table: {
      pointInTimeRecovery: { enabled: false },
      serverSideEncryption: { enabled: true, kmsKeyArn: dataKeyKms.arn },
    },
  },
});

export const bucket = new sst.aws.Bucket("Bucket", {
  versioning: true,
  transform: {
    // Keep objects when a production stage is removed; other stages clean up after themselves.
    bucket: { forceDestroy: !isProduction },
    publicAccessBlock: {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
  },
});

export const bucketEncryption = new aws.s3.BucketServerSideEncryptionConfiguration("BucketEncryption", {
  bucket: bucket.name,
  rules: [
    {
      applyServerSideEncryptionByDefault: {
        sseAlgorithm: "aws:kms",
        kmsMasterKeyId: dataKeyKms.arn,
      },
      // One data key per bucket instead of one KMS call per object.
      bucketKeyEnabled: true,
    },
  ],
});

// The Bucket component's own lifecycle option only expires objects; transitions to
// Standard-IA and Glacier, and version clean-up, need the raw resource.
export const bucketLifecycle = new aws.s3.BucketLifecycleConfiguration("BucketLifecycle", {
  bucket: bucket.name,
  rules: [
    {
      id: "cold-to-archive",
      status: "Enabled",
      filter: { prefix: "cold/" },
      transitions: [
        { days: 30, storageClass: "STANDARD_IA" },
        { days: 90, storageClass: "GLACIER" },
      ],
    },
    {
      // Ticket transcripts stay readable for staff (never Glacier) and go with their record.
      id: "ticket-transcripts",
      status: "Enabled",
      filter: { prefix: "tickets/" },
      transitions: [{ days: 30, storageClass: "STANDARD_IA" }],
      expiration: { days: 731 },
    },
    {
      id: "expire-noncurrent-versions",
      status: "Enabled",
      filter: {},
      noncurrentVersionExpiration: { noncurrentDays: 400 },
    },
    {
      id: "abort-incomplete-multipart",
      status: "Enabled",
      filter: {},
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
  ],
});
