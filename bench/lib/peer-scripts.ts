// Scripts run by a fresh `node` for the `peers` section. They are plain JavaScript, so nothing
// but the bundles under test is loaded into the child. Results go as JSON to the file named by
// `PEER_RESULT`; stdout is left to the handlers' own log lines.

const WRITE_RESULT =
  "const writeResult = async (value) => (await import('node:fs')).writeFileSync(process.env.PEER_RESULT, JSON.stringify(value));";

// Calls a Lambda handler the way the Node runtime does: with a fresh context per invocation, and
// a promise or the callback it is given for the result.
const INVOKE = [
  "let invocations = 0;",
  "const lambdaContext = () => ({",
  "  awsRequestId: '00000000-0000-4000-8000-' + String(++invocations).padStart(12, '0'),",
  "  functionName: 'peer', functionVersion: '$LATEST', memoryLimitInMB: '512',",
  "  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:peer',",
  "  getRemainingTimeInMillis: () => 3000,",
  "});",
  "const invoke = (handler, event, context = lambdaContext()) => new Promise((resolve, reject) => {",
  "  const result = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));",
  "  if (result && typeof result.then === 'function') result.then(resolve, reject);",
  "});",
].join("\n");

/**
 * Cold start of one bundle: `import()` it, then call its handler once with the signed event in
 * `PEER_EVENT`. Prints the two times and the reply.
 */
export const COLD_PROBE = [
  INVOKE,
  WRITE_RESULT,
  "const event = JSON.parse(process.env.PEER_EVENT);",
  "const context = lambdaContext();",
  "let started = performance.now();",
  "const module = await import(process.argv[1]);",
  "const importMs = performance.now() - started;",
  "started = performance.now();",
  "const reply = await invoke(module.handler, event, context);",
  "const firstMs = performance.now() - started;",
  "await writeResult({ importMs, firstMs, statusCode: reply?.statusCode });",
].join("\n");

/**
 * Warm handlers: the bundles in `PEER_BUNDLES` (the section passes one) loaded in one process,
 * called in a rotating order on freshly signed copies of `PEER_PAYLOAD` (signing outside the
 * timed span), after asking each whether it accepts a stale timestamp, a bad signature or a
 * tampered body.
 */
export const WARM_PROBE = [
  "import { createPrivateKey, sign } from 'node:crypto';",
  INVOKE,
  WRITE_RESULT,
  "const key = createPrivateKey({ key: Buffer.from(process.env.PEER_KEY, 'hex'), format: 'der', type: 'pkcs8' });",
  "const template = JSON.parse(process.env.PEER_TEMPLATE);",
  "const payload = process.env.PEER_PAYLOAD;",
  "const [warmup, rounds] = JSON.parse(process.env.PEER_ROUNDS);",
  "const now = () => Math.floor(Date.now() / 1000);",
  "const signed = (body, seconds = now()) => {",
  "  const timestamp = String(seconds);",
  "  const signature = sign(null, Buffer.from(timestamp + body), key).toString('hex');",
  "  return { ...template, headers: { ...template.headers, 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp }, body };",
  "};",
  "const accepts = async (handler, event) => {",
  "  try {",
  "    const reply = await invoke(handler, event);",
  "    return reply?.statusCode === 200 && JSON.parse(reply.body).type === 1;",
  "  } catch {",
  "    return false;",
  "  }",
  "};",
  "const peers = [];",
  "for (const { name, url } of JSON.parse(process.env.PEER_BUNDLES)) {",
  "  const { handler } = await import(url);",
  "  if (!(await accepts(handler, signed(payload)))) throw new Error(name + ' does not answer a signed PING with PONG');",
  "  const badSignature = signed(payload);",
  "  const last = badSignature.headers['x-signature-ed25519'].at(-1);",
  "  badSignature.headers['x-signature-ed25519'] = badSignature.headers['x-signature-ed25519'].slice(0, -1) + (last === '0' ? '1' : '0');",
  "  const tampered = signed(payload);",
  "  tampered.body = '{ ' + payload.slice(1);",
  "  peers.push({",
  "    name,",
  "    handler,",
  "    accepts: {",
  "      stale: await accepts(handler, signed(payload, now() - 600)),",
  "      badSignature: await accepts(handler, badSignature),",
  "      tampered: await accepts(handler, tampered),",
  "    },",
  "    times: [],",
  "  });",
  "}",
  "for (let round = 0; round < warmup + rounds; round++) {",
  "  for (let k = 0; k < peers.length; k++) {",
  "    const peer = peers[(round + k) % peers.length];",
  "    const event = signed(payload);",
  "    const context = lambdaContext();",
  "    const started = performance.now();",
  "    await invoke(peer.handler, event, context);",
  "    const ms = performance.now() - started;",
  "    if (round >= warmup) peer.times.push(ms);",
  "  }",
  "}",
  "await writeResult(peers.map(({ name, accepts, times }) => ({ name, accepts, times })));",
].join("\n");
