import { fixture, type RecordedRequest, type Reply, startProtocolServer } from "../protocol-server.ts";
import { atTime, fail, SchedulerStore, type StoredSchedule } from "./store.ts";

export type { RecordedRequest } from "../protocol-server.ts";
export type { StoredSchedule } from "./store.ts";

export interface SchedulerTestServerOptions {
  /** Schedule groups that exist besides `default`. */
  groups?: string[];
}

/** What a due one-time schedule delivered to its target. */
export interface Invocation {
  name: string;
  group: string;
  targetArn: string;
  roleArn: string;
  input: string | undefined;
}

export interface SchedulerTestServer {
  /** `http://127.0.0.1:<port>`: pass it as the client's `endpoint`. */
  url: string;
  requests: RecordedRequest[];
  /** Every schedule, keyed `<group>/<name>`. */
  schedules: Map<string, StoredSchedule>;
  /**
   * Invokes the one-time schedules due by `now` (epoch ms), as the service would, and deletes
   * those created with `ActionAfterCompletion: DELETE`.
   */
  fire(now: number): Invocation[];
  close(): Promise<void>;
}

/**
 * Starts a server speaking EventBridge Scheduler's REST-JSON API as `@aws-sdk/client-scheduler`
 * calls it: `POST`, `GET` and `DELETE /schedules/{Name}` and `GET /schedules` (group, name
 * prefix, pages), with the service's error replies (`x-amzn-errortype`, `{ Message }`) and a
 * check that requests are SigV4-signed. Schedules are evaluated in UTC only.
 *
 * @example
 * const server = await startSchedulerTestServer({ groups: ["megawatts-schedules"] });
 * const client = new SchedulerClient({ endpoint: server.url, region: "us-east-1", credentials });
 */
export async function startSchedulerTestServer(
  options: SchedulerTestServerOptions = {},
): Promise<SchedulerTestServer> {
  const store = new SchedulerStore(new Set(["default", ...(options.groups ?? [])]));
  const server = await startProtocolServer((request) => {
    if (!String(request.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 ")) {
      return {
        status: 403,
        body: { Message: "Missing Authentication Token" },
        headers: { "x-amzn-errortype": "AccessDeniedException" },
      };
    }
    return route(store, request);
  });
  return {
    url: server.url,
    requests: server.requests,
    schedules: store.schedules,
    fire: (now) => fire(store, now),
    close: server.close,
  };
}

function route(store: SchedulerStore, request: RecordedRequest): Reply {
  const arn = (schedule: StoredSchedule) =>
    `arn:aws:scheduler:us-east-1:123456789012:schedule/${schedule.GroupName}/${schedule.Name}`;
  if (request.method === "GET" && request.path === "/schedules") return list(store, request, arn);
  const match = /^\/schedules\/([^/]+)$/.exec(request.path);
  if (!match?.[1]) fail("ResourceNotFoundException", `No route for ${request.method} ${request.path}.`);
  const name = decodeURIComponent(match[1]);
  const group = request.query.groupName ?? "default";
  switch (request.method) {
    case "POST": {
      const created = store.create(name, (request.body ?? {}) as Record<string, unknown>);
      return {
        status: 200,
        body: { ...fixture<object>("scheduler/create-schedule.json"), ScheduleArn: arn(created) },
      };
    }
    case "GET": {
      const schedule = store.get(group, name);
      const shape = fixture<{ Target: object }>("scheduler/get-schedule.json");
      return {
        status: 200,
        body: { ...shape, ...schedule, Arn: arn(schedule), Target: { ...shape.Target, ...schedule.Target } },
      };
    }
    case "DELETE":
      store.delete(group, name);
      return { status: 200, body: {} };
    default:
      return fail("ValidationException", `Unsupported method ${request.method}.`);
  }
}

function list(
  store: SchedulerStore,
  request: RecordedRequest,
  arn: (schedule: StoredSchedule) => string,
): Reply {
  const limit = Number(request.query.MaxResults ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    fail("ValidationException", "MaxResults must be 1 to 100.");
  const all = store.list(request.query.ScheduleGroup ?? "default", request.query.NamePrefix ?? "");
  const start = request.query.NextToken
    ? Number(Buffer.from(request.query.NextToken, "base64url").toString())
    : 0;
  const page = all.slice(start, start + limit);
  const next =
    start + limit < all.length ? Buffer.from(String(start + limit)).toString("base64url") : undefined;
  const [shape] = fixture<{ Schedules: object[] }>("scheduler/list-schedules.json").Schedules;
  return {
    status: 200,
    body: {
      Schedules: page.map((schedule) => ({
        ...shape,
        Arn: arn(schedule),
        CreationDate: schedule.CreationDate,
        GroupName: schedule.GroupName,
        LastModificationDate: schedule.LastModificationDate,
        Name: schedule.Name,
        State: schedule.State,
        Target: { Arn: schedule.Target.Arn },
      })),
      ...(next ? { NextToken: next } : {}),
    },
  };
}

function fire(store: SchedulerStore, now: number): Invocation[] {
  const invoked: Invocation[] = [];
  for (const [key, schedule] of store.schedules) {
    const due = atTime(schedule);
    if (due === undefined || due > now || schedule.State !== "ENABLED") continue;
    invoked.push({
      name: schedule.Name,
      group: schedule.GroupName,
      targetArn: schedule.Target.Arn,
      roleArn: schedule.Target.RoleArn,
      input: schedule.Target.Input,
    });
    if (schedule.ActionAfterCompletion === "DELETE") store.schedules.delete(key);
    else schedule.State = "DISABLED";
  }
  return invoked;
}
