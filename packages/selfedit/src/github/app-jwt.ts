import { createPrivateKey, createSign, type KeyObject } from "node:crypto";

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/**
 * Reads a GitHub App private key: PKCS#1 (`BEGIN RSA PRIVATE KEY`, as GitHub hands it out) or
 * PKCS#8 PEM, also when a secret store kept its line breaks as literal `\n`.
 *
 * @example
 * const key = parseAppPrivateKey(Resource.GithubAppPrivateKey.value);
 */
export function parseAppPrivateKey(pem: string): KeyObject {
  const text = pem.includes("\\n") ? pem.replace(/\\n/g, "\n") : pem;
  return createPrivateKey({ key: text.trim(), format: "pem" });
}

/**
 * The JSON Web Token a GitHub App authenticates as itself with: RS256, issued a minute in
 * the past (clock drift) and valid for nine minutes (GitHub allows ten).
 *
 * @example
 * const jwt = appJwt("123456", parseAppPrivateKey(pem), Date.now());
 * await fetch(`https://api.github.com/app/installations/${id}/access_tokens`, { method: "POST",
 *   headers: { authorization: `Bearer ${jwt}` } });
 */
export function appJwt(appId: string, key: KeyObject, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const payload = base64url(JSON.stringify({ iat: now - 60, exp: now + 9 * 60, iss: appId }));
  const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(key);
  return `${header}.${payload}.${base64url(signature)}`;
}
