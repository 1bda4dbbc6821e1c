import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { toApiGatewayEvent } from "./api-gateway-event.ts";

function request(method: string, url: string, headers: Record<string, string>) {
  const message = new IncomingMessage(new Socket());
  message.method = method;
  message.url = url;
  message.headers = headers;
  return message;
}

describe("toApiGatewayEvent", () => {
  it("carries the path, query string and signed body bytes unchanged", () => {
    const body = Buffer.from('{"type":1,"note":"é"}');

    const event = toApiGatewayEvent(
      request("POST", "/interactions?b=2&a=x%20y", { "x-signature-timestamp": "1" }),
      body,
    );

    expect(event.rawPath).toBe("/interactions");
    expect(event.requestContext.http).toMatchObject({ method: "POST", path: "/interactions" });
    expect(event.rawQueryString).toBe("b=2&a=x%20y");
    expect(event.queryStringParameters).toEqual({ a: "x y", b: "2" });
    expect(event.headers["x-signature-timestamp"]).toBe("1");
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? "", "base64").equals(body)).toBe(true);
  });

  it("stamps the request time as API Gateway writes it, in UTC", () => {
    const event = toApiGatewayEvent(request("GET", "/health", {}), Buffer.alloc(0));

    const { time, timeEpoch } = event.requestContext;
    const at = new Date(Math.floor(timeEpoch / 1000) * 1000);
    const [day, month, year] = at.toUTCString().split(" ").slice(1, 4);
    const clock = at.toISOString().slice(11, 19);
    expect(time).toBe(`${day}/${month}/${year}:${clock} +0000`);
  });

  it("leaves out the query parameters and cookies a request does not have", () => {
    const event = toApiGatewayEvent(request("GET", "/health?", {}), Buffer.alloc(0));

    expect(event.rawPath).toBe("/health");
    expect(event.rawQueryString).toBe("");
    expect(event).not.toHaveProperty("queryStringParameters");
    expect(event).not.toHaveProperty("cookies");
  });

  it("splits cookies out of the headers", () => {
    const event = toApiGatewayEvent(request("GET", "/api/me", { cookie: "a=1; b=2" }), Buffer.alloc(0));

    expect(event.cookies).toEqual(["a=1", "b=2"]);
    expect(event.headers).not.toHaveProperty("cookie");
  });
});
