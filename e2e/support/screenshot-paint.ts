/**
 * An independent reading of when a page first presented some text, for the
 * TTFT-to-first-paint truth test: Chromium's trace screenshots (one per frame
 * the compositor drew, category disabled-by-default-devtools.screenshot),
 * decoded by the browser and compared pixel by pixel where the text lands.
 * Nothing the library uses to time its paint (Element Timing, animation
 * frames) enters this reading.
 */
import type { Page } from '@playwright/test';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  args?: { snapshot?: string };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Pixels in `rect` (CSS px of a `viewport`-wide page) that differ from the same
 * pixels in `reference`, for each of `images` (base64 JPEG screenshots).
 * Decoded by the browser itself: a blank page draws each one to a canvas.
 */
async function inkCounts(decoder: Page, reference: string, images: string[], rect: Rect, viewport: number) {
  return decoder.evaluate(
    async ({ reference, images, rect, viewport }) => {
      const pixels = async (base64: string) => {
        const bitmap = await createImageBitmap(
          await (await fetch(`data:image/jpeg;base64,${base64}`)).blob(),
        );
        const scale = bitmap.width / viewport;
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(
          Math.floor(rect.x * scale),
          Math.floor(rect.y * scale),
          Math.max(1, Math.ceil(rect.width * scale)),
          Math.max(1, Math.ceil(rect.height * scale)),
        ).data;
      };
      const luminance = (data: Uint8ClampedArray, i: number) =>
        0.2126 * (data[i] ?? 0) + 0.7152 * (data[i + 1] ?? 0) + 0.0722 * (data[i + 2] ?? 0);
      const before = await pixels(reference);
      const counts: number[] = [];
      for (const image of images) {
        const after = await pixels(image);
        let ink = 0;
        // 64 of 255: glyph edges, not JPEG noise or a skeleton's shimmer.
        for (let i = 0; i < after.length; i += 4)
          if (Math.abs(luminance(after, i) - luminance(before, i)) > 64) ink++;
        counts.push(ink);
      }
      return counts;
    },
    { reference, images, rect, viewport },
  );
}

/**
 * Trace time (µs) of the first screenshot after `markTs` that shows the text
 * in `rect`: against the last frame before the mark, at least half as many
 * pixels changed there as in the last frame looked at (the text by then).
 */
export async function presentedAfter(
  decoder: Page,
  events: TraceEvent[],
  markTs: number,
  rect: Rect,
  viewport: number,
) {
  const shots = events
    .filter((e) => e.name === 'Screenshot' && e.args?.snapshot !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const reference = shots.filter((shot) => shot.ts < markTs).at(-1);
  const candidates = shots.filter((shot) => shot.ts >= markTs && shot.ts < markTs + 500_000);
  if (reference === undefined || candidates.length === 0) return undefined;
  const counts = await inkCounts(
    decoder,
    reference.args?.snapshot ?? '',
    candidates.map((shot) => shot.args?.snapshot ?? ''),
    rect,
    viewport,
  );
  const full = counts.at(-1) ?? 0;
  if (full < 8) return undefined;
  const first = counts.findIndex((count) => count >= full / 2);
  return candidates[first]?.ts;
}
