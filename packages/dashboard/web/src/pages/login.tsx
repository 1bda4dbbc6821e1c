/** Shown without a session: one way in, through Discord. */
export function Login() {
  return (
    <main className="login">
      <h1>megawatts dashboard</h1>
      <p>
        Manage the bot in your servers: its plugins, knowledge, self-edits and audit log, and your own data.
      </p>
      <a className="button primary" href="/api/auth/login">
        Log in with Discord
      </a>
    </main>
  );
}
