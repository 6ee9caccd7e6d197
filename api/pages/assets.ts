import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/**
 * The pages' scripts and style sheet, plain files in web/ served as they are (no build step).
 * Read once into memory; browsers revalidate with the ETag, so a deploy is seen at once.
 */
export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const webDir = join(__dirname, 'web');
const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

let loaded: Map<string, Asset> | undefined;

export function assets(): Map<string, Asset> {
  if (!loaded) {
    loaded = new Map();
    for (const name of readdirSync(webDir)) {
      const contentType = contentTypes[extname(name)];
      if (!contentType) continue;
      const body = readFileSync(join(webDir, name));
      loaded.set(name, { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
    }
  }
  return loaded;
}

export const assetUrl = (name: string): string => `/assets/${name}`;
