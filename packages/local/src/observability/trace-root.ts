/**
 * The X-Ray root (`1-…-…`) of an `x-amzn-trace-id` header, as the local bot sends it back with
 * each answer; `GET /_local/traces/{root}` serves that trace's spans.
 *
 * @example
 * traceRootOf("Root=1-6759c0de-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1");
 */
export function traceRootOf(header: string | string[] | null | undefined): string | undefined {
  return /Root=([0-9a-f-]+)/.exec(String(header ?? ""))?.[1];
}
