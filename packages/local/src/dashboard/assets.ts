import type { IncomingMessage, ServerResponse } from "node:http";
import sirv from "sirv";

/** The page's policy as a header too, with what a `<meta>` policy cannot say (framing). */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https://cdn.discordapp.com; " +
  "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Paths the bot itself answers; everything else GET is the dashboard's app.
const BOT_PATHS = /^\/(api|interactions|github|health|_local)(\/|$)/;

/**
 * Serves the built dashboard as CloudFront does for the deployed stage: hashed assets cached for
 * good, `index.html` for every other path (the app routes itself), under a strict CSP.
 * Resolves whether it answered.
 *
 * @example
 * if (!(await assets(request, response))) handleApi(request, response);
 */
export function dashboardAssets(dir: string) {
  const serve = sirv(dir, {
    single: true,
    etag: true,
    setHeaders(response, path) {
      response.setHeader("content-security-policy", DASHBOARD_CSP);
      response.setHeader("x-content-type-options", "nosniff");
      response.setHeader("referrer-policy", "no-referrer");
      response.setHeader(
        "cache-control",
        path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  return (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = new URL(request.url ?? "/", "http://local").pathname;
    if ((request.method !== "GET" && request.method !== "HEAD") || BOT_PATHS.test(path))
      return Promise.resolve(false);
    return new Promise((resolve) => {
      serve(request, response, () => resolve(false));
      response.once("finish", () => resolve(true));
    });
  };
}
