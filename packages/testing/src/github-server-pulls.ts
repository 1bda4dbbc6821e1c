// The pull request and label routes of the GitHub test server.
import { pullBody, type RepoContext } from "./github-server-routes.ts";
import { fixture, ProtocolReplyError, type RecordedRequest, type Reply } from "./protocol-server.ts";

type Json = Record<string, unknown>;

/** `GET`/`POST /pulls` (one open pull request per head branch) and `POST /issues/{n}/labels`. */
export function pullsRoute(ctx: RepoContext, request: RecordedRequest, rest: string): Reply | undefined {
  const body = (request.body ?? {}) as Json;
  const { store } = ctx;
  if (rest === "/pulls" && request.method === "GET") {
    const head = request.query.head?.split(":")[1];
    const state = request.query.state ?? "open";
    const found = store.pulls.filter(
      (pull) => (!head || pull.head === head) && (state === "all" || pull.state === state),
    );
    return { status: 200, body: found.map((pull) => pullBody(ctx, pull.number)) };
  }
  if (rest === "/pulls" && request.method === "POST") {
    const head = String(body.head);
    if (!store.refs.has(`heads/${head}`))
      throw new ProtocolReplyError({
        status: 422,
        body: { message: "Validation Failed", errors: [{ field: "head", code: "invalid" }] },
      });
    if (store.pulls.some((pull) => pull.head === head && pull.state === "open")) {
      const shape = fixture<Json>("github/error-validation-failed.json");
      throw new ProtocolReplyError({ status: 422, body: shape });
    }
    const number = store.pulls.length + 1;
    store.pulls.push({
      number,
      title: String(body.title),
      body: String(body.body ?? ""),
      head,
      base: String(body.base),
      state: "open",
      labels: [],
    });
    return { status: 201, body: pullBody(ctx, number) };
  }
  const labels = /^\/issues\/(\d+)\/labels$/.exec(rest);
  if (labels && request.method === "POST") {
    const pull = store.pulls.find((candidate) => candidate.number === Number(labels[1]));
    if (!pull) throw new ProtocolReplyError({ status: 404, body: fixture("github/error-not-found.json") });
    pull.labels = [...new Set([...pull.labels, ...((body.labels as string[] | undefined) ?? [])])];
    return {
      status: 200,
      body: pull.labels.map((name) => ({ ...fixture<Json>("github/label.json"), name })),
    };
  }
  return undefined;
}
