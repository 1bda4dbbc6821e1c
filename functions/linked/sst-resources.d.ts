// The linked resources the Lambda wiring reads. SST generates the same shape into
// sst-env.d.ts on deploy; this copy lets the functions type-check without a deploy.
import "sst/resource";

type Secret = { type: "sst.sst.Secret"; value: string };
type Queue = { type: "sst.sst.Linkable"; url: string };
type Table = { type: "sst.sst.Linkable"; name: string };

declare module "sst/resource" {
  export interface Resource {
    DiscordPublicKey: Secret;
    DiscordBotToken: Secret;
    OpenAiApiKey: Secret;
    PineconeApiKey: Secret;
    PineconeIndex: Secret;
    UpstashRedisRestUrl: Secret;
    UpstashRedisRestToken: Secret;
    JobsQueueSender: Queue;
    JobsQueueConsumer: Queue;
    JobsQueueProbe: Queue;
    JobsDeadLetterSender: Queue;
    JobsDeadLetterProbe: Queue;
    TasksQueueConsumer: Queue;
    TasksQueueProbe: Queue;
    TasksDeadLetterSender: Queue;
    SelfEditQueueSender: Queue;
    SelfEditQueueConsumer: Queue;
    SelfEditDeadLetterSender: Queue;
    PluginStateReader: Table;
    JobKeyWriter: Table;
    TableItems: Table;
    Scheduler: { type: "sst.sst.Linkable"; groupName: string; roleArn: string; queueArn: string };
    Table: { type: "sst.aws.Dynamo"; name: string };
    KeyTable: { type: "sst.aws.Dynamo"; name: string };
    Bucket: { type: "sst.aws.Bucket"; name: string };
    DataKey: { type: "sst.sst.Linkable"; arn: string; id: string };
    GithubAppId: Secret;
    GithubAppPrivateKey: Secret;
    GithubInstallationId: Secret;
    GithubRepository: Secret;
    GithubWebhookSecret: Secret;
  }
}
