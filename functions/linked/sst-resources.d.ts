// The linked resources the Lambda wiring reads. SST generates the same shape into
// sst-env.d.ts on deploy; this copy lets the functions type-check without a deploy.
import "sst/resource";

type Secret = { type: "sst.sst.Secret"; value: string };

declare module "sst/resource" {
  export interface Resource {
    DiscordPublicKey: Secret;
    DiscordBotToken: Secret;
    DiscordApplicationId: Secret;
    OpenAiApiKey: Secret;
    PineconeApiKey: Secret;
    PineconeIndex: Secret;
    UpstashRedisRestUrl: Secret;
    UpstashRedisRestToken: Secret;
    JobsQueueSender: { type: "sst.sst.Linkable"; url: string };
    JobsQueueConsumer: { type: "sst.sst.Linkable"; url: string };
    JobsQueueProbe: { type: "sst.sst.Linkable"; url: string };
    JobsDeadLetterSender: { type: "sst.sst.Linkable"; url: string };
    JobsDeadLetterProbe: { type: "sst.sst.Linkable"; url: string };
    TasksQueueConsumer: { type: "sst.sst.Linkable"; url: string };
    TasksQueueProbe: { type: "sst.sst.Linkable"; url: string };
    TasksDeadLetterSender: { type: "sst.sst.Linkable"; url: string };
    SelfEditQueueSender: { type: "sst.sst.Linkable"; url: string };
    SelfEditQueueConsumer: { type: "sst.sst.Linkable"; url: string };
    SelfEditDeadLetterSender: { type: "sst.sst.Linkable"; url: string };
    PluginStateReader: { type: "sst.sst.Linkable"; name: string };
    JobKeyWriter: { type: "sst.sst.Linkable"; name: string };
    TableItems: { type: "sst.sst.Linkable"; name: string };
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
    AlarmWebhookUrl: Secret;
    DashboardClientSecret: Secret;
    DashboardUrl: { type: "sst.sst.Linkable"; url: string };
    DashboardQueueProbe: {
      type: "sst.sst.Linkable";
      jobs: string;
      jobsDeadLetters: string;
      tasks: string;
      tasksDeadLetters: string;
    };
  }
}
