// A synthetic history for the bench and the webview test: `count` entries over the last weeks, two
// models, prompts from a small vocabulary, each pointing at its own image file. The files are hard
// links to a few real JPEGs (made with sharp), so 10,000 of them cost seconds, not gigabytes; each
// link has its own URI, hence its own thumbnail.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { HistoryEntry } from '../../src/history/history';

const SUBJECTS = ['lighthouse', 'owl', 'fox', 'harbour', 'forest', 'robot', 'teapot', 'mountain', 'city', 'koi'];
const STYLES = ['gouache', 'watercolour', 'photograph', 'ink', 'oil painting', 'pixel art'];
const MODELS = ['stable-diffusion-3.5-large-txt2img', 'stable-diffusion-3-medium-txt2img'];

/** Writes `distinct` source JPEGs of `size` px: coloured gradients with a shape, all different. */
export async function makeSourceImages(dir: string, distinct: number, size: number): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  return Promise.all(
    Array.from({ length: distinct }, async (_, i) => {
      const hue = Math.round((i * 360) / distinct);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,60%)"/><stop offset="1" stop-color="hsl(${(hue + 140) % 360},60%,25%)"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/><circle cx="${size * (0.3 + (i % 5) * 0.1)}" cy="${size * 0.45}" r="${size * 0.18}" fill="hsl(${(hue + 60) % 360},80%,75%)" opacity="0.85"/>
<rect x="0" y="${size * 0.72}" width="100%" height="${size * 0.28}" fill="hsl(${(hue + 200) % 360},40%,20%)" opacity="0.7"/></svg>`;
      const file = path.join(dir, `source-${i}.jpg`);
      await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(file);
      return file;
    }),
  );
}

/** `count` history entries, newest first, their files hard-linked from `sources` into `dir/<folder>/`. */
export function syntheticHistory(dir: string, sources: readonly string[], count: number, now = Date.now()): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    const folder = i % 3 === 0 ? 'assets/generated/covers' : 'assets/generated';
    const file = path.join(dir, folder, `image-${i}.jpg`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file)) fs.linkSync(sources[i % sources.length] as string, file);
    const subject = SUBJECTS[i % SUBJECTS.length] as string;
    const style = STYLES[(i >> 2) % STYLES.length] as string;
    const model = MODELS[i % 2] as string;
    entries.push({
      id: `bench-${i}`,
      // About 40 a day, newest first.
      createdAt: now - i * 36 * 60_000,
      uri: pathToFileURL(file).toString(),
      path: `${folder}/image-${i}.jpg`,
      model,
      prompt: `A ${subject} at dusk, ${style}, number ${i}`,
      params: { negative_prompt: i % 4 === 0 ? 'blurry, watermark' : '', num_inference_steps: 20 + (i % 30), guidance_scale: 3 + (i % 5), seed: 1000 + i },
      seed: 1000 + i,
      // Learned costs, except every tenth (as history from before costs were tracked).
      ...(i % 10 === 9 ? {} : { credits: i % 2 ? 0.08 : 0.05 }),
    });
  }
  return entries;
}
