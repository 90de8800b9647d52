// Reads an update feed folder (what the platform serves under /updates/<channel>/, or a USB stick's copy) for this
// platform and architecture.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ParsedFeed, feedFileName, parseLatestYml } from './latest-yml';

export async function readFeedFolder(dir: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): Promise<ParsedFeed> {
  const file = path.join(dir, feedFileName(platform, arch));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, reason: `${path.basename(file)}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}` };
  }
  return parseLatestYml(text);
}
