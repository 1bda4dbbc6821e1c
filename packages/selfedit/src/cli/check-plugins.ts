import { checkPlugins } from "../check/check-plugins.ts";

// Usage: npm run plugins:check — exits 1 when a plugin holds what a self-edit would be refused for.
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(
    "usage: npm run plugins:check\n  runs the self-edit security scan over every file under packages/plugins",
  );
} else {
  const root = process.env.INIT_CWD ?? process.cwd();
  const findings = await checkPlugins(root);
  for (const finding of findings)
    console.error(`${finding.file}:${finding.line}  ${finding.rule}  ${finding.message}`);
  console.log(
    findings.length === 0
      ? "plugins:check: every plugin passes the self-edit security scan"
      : `plugins:check: ${findings.length} finding(s); a self-edit with this code would be rejected`,
  );
  process.exitCode = findings.length === 0 ? 0 : 1;
}
