const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const hidden = (params: URLSearchParams) =>
  [...params]
    .filter(([name]) => name !== "user_id")
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");

/**
 * The local authorize page: one button per member of the modelled servers, posting back with the
 * request's parameters; or the reason the request is refused. No script and no inline style.
 */
export function authorizePage(input: {
  params?: URLSearchParams;
  people?: { id: string; username: string }[];
  error?: string;
}): string {
  const body = input.error
    ? `<p role="alert">${escapeHtml(input.error)}</p>`
    : `<p>An application asks to know who you are and which servers you are in (scopes ${escapeHtml(
        input.params?.get("scope") ?? "",
      )}). Log in as:</p>
<form method="post" action="/oauth2/authorize">${hidden(input.params ?? new URLSearchParams())}<ul>${(
        input.people ?? []
      )
        .map(
          (person) =>
            `<li><button type="submit" name="user_id" value="${escapeHtml(person.id)}">${escapeHtml(person.username)}</button></li>`,
        )
        .join("")}</ul></form>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Authorize — local Discord</title></head>
<body><main><h1>Local Discord: authorize</h1>${body}</main></body></html>`;
}
