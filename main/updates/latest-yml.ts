// electron-updater's generic-provider feed file (`latest-linux.yml`, `latest-linux-arm64.yml`, `latest.yml`) as
// electron-builder writes it: top-level `key: value` lines and a `files:` list of small maps. Parsed here without a
// YAML library — the kiosk reads only this fixed shape — and checked with a schema.
import { z } from 'zod';

export const FeedFile = z.object({
  url: z.string().min(1),
  /** base64 SHA-512 of the file. */
  sha512: z.string().min(1),
  size: z.coerce.number().int().positive().optional(),
});

export const LatestYml = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'a semantic version'),
  files: z.array(FeedFile).min(1),
  path: z.string().optional(),
  sha512: z.string().optional(),
  releaseDate: z.string().optional(),
  /** Share of terminals (0–100) that take this release; absent: all. */
  stagingPercentage: z.coerce.number().min(0).max(100).optional(),
});
export type LatestYml = z.infer<typeof LatestYml>;

function scalar(raw: string): string {
  const value = raw.trim();
  if ((value.startsWith("'") && value.endsWith("'")) || (value.startsWith('"') && value.endsWith('"'))) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

export type ParsedFeed = { ok: true; feed: LatestYml } | { ok: false; reason: string };

export function parseLatestYml(text: string): ParsedFeed {
  const top: Record<string, unknown> = {};
  let list: Record<string, string>[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^\s+-\s+([A-Za-z0-9]+):\s*(.*)$/.exec(line);
    const nested = /^\s+([A-Za-z0-9]+):\s*(.*)$/.exec(line);
    const key = /^([A-Za-z0-9]+):\s*(.*)$/.exec(line);
    if (item && list) list.push({ [item[1] as string]: scalar(item[2] ?? '') });
    else if (nested && list && list.length > 0) (list.at(-1) as Record<string, string>)[nested[1] as string] = scalar(nested[2] ?? '');
    else if (key) {
      const [, name, value] = key as unknown as [string, string, string];
      if (value.trim() === '') top[name] = list = [];
      else {
        list = null;
        top[name] = scalar(value);
      }
    } else return { ok: false, reason: `unreadable line: ${line.slice(0, 80)}` };
  }
  const parsed = LatestYml.safeParse(top);
  return parsed.success ? { ok: true, feed: parsed.data } : { ok: false, reason: `the feed fails its schema at ${parsed.error.issues[0]?.path.join('.') || '(root)'}` };
}

/** The feed file electron-updater reads on this platform and architecture. */
export function feedFileName(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'win32') return 'latest.yml';
  if (platform === 'darwin') return 'latest-mac.yml';
  return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
}
