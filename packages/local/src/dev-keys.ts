import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createSigner } from "@megawatts/discord/simulate";
import { z } from "zod";

/** The Ed25519 key pair a local bot verifies with and the simulator signs with. */
export interface DevKeys {
  publicKey: string;
  privateKey: string;
}

const DevKeysSchema = z.object({
  publicKey: z.string().regex(/^[0-9a-f]{64}$/),
  privateKey: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * Where the dev key pair lives inside a data directory.
 *
 * @example
 * devKeysPath(".data") // ".data/dev-keys.json"
 */
export function devKeysPath(dataDir: string): string {
  return join(dataDir, "dev-keys.json");
}

/**
 * Reads the stored dev key pair, or `undefined` when there is none yet.
 *
 * @example
 * const keys = await readDevKeys(".data");
 */
export async function readDevKeys(dataDir: string): Promise<DevKeys | undefined> {
  let text: string;
  try {
    text = await readFile(devKeysPath(dataDir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = DevKeysSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${devKeysPath(dataDir)} is not a dev key pair; delete it to make a new one`);
  return parsed.data;
}

/**
 * Returns the stored dev key pair, making and storing one (mode 0600) on first use, so the
 * simulator and later starts use the same keys.
 *
 * @example
 * const { publicKey } = await loadOrCreateDevKeys(".data");
 */
export async function loadOrCreateDevKeys(dataDir: string): Promise<DevKeys & { created: boolean }> {
  const existing = await readDevKeys(dataDir);
  if (existing) return { ...existing, created: false };
  const { publicKey, privateKey } = createSigner();
  await mkdir(dataDir, { recursive: true });
  const path = devKeysPath(dataDir);
  try {
    await writeFile(path, `${JSON.stringify({ publicKey, privateKey }, null, 2)}\n`, {
      mode: 0o600,
      flag: "wx",
    });
  } catch (error) {
    // Another start made them first: use those.
    const made = (error as NodeJS.ErrnoException).code === "EEXIST" ? await readDevKeys(dataDir) : undefined;
    if (made) return { ...made, created: false };
    throw error;
  }
  await chmod(path, 0o600);
  return { publicKey, privateKey, created: true };
}
