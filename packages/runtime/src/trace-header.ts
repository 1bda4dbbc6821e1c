// A module of its own so that the ingress's queue chunk, which stamps each job with the header,
// shares no module with the entry's logger: the logger stays in the entry file instead of a
// chunk of its own that a cold start would resolve and load besides.

/**
 * The current invocation's X-Ray trace header in Lambda (set for each invocation under active
 * tracing), to carry across a queue.
 */
export const lambdaTraceHeader = (): string | undefined => process.env._X_AMZN_TRACE_ID;
