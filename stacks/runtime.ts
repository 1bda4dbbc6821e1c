/**
 * The Lambda runtime every function runs on. Node.js 20 reached end of life in April 2026 and
 * Lambda deprecates a runtime after its end of life (new functions on it become impossible to
 * create). Node.js 22 ends in April 2027; Node.js 24 is supported until April 2028 and is SST's
 * own default, so the bot deploys on `nodejs24.x`. Every handler is an async function, which is
 * all `nodejs24.x` accepts.
 *
 * The code itself keeps running on Node.js 20.19 and newer (`engines` in package.json): the
 * local runtime and CI run on Node 20, and nothing in the code needs a newer Node.
 */
export const LAMBDA_RUNTIME = "nodejs24.x" as const;

/**
 * How a function's code is bundled: minified, for the runtime's Node version, with the ESM
 * builds of packages preferred (it shrinks the AWS SDK clients by about a third).
 * `splitting` moves what is imported on demand into its own chunk (the ingress loads its SQS
 * client only on its first deferral).
 */
export function bundleFor(options: { splitting?: boolean } = {}) {
  return {
    minify: true,
    ...(options.splitting ? { splitting: true } : {}),
    esbuild: { target: "node24", mainFields: ["module", "main"] },
  };
}
