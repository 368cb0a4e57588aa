import { createReadStream } from 'node:fs';

/** Counts the lines of a file by scanning for newlines (for a progress bar: about 1 GB/s, no decoding). */
export async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    let index = bytes.indexOf(0x0a);
    while (index !== -1) {
      lines++;
      index = bytes.indexOf(0x0a, index + 1);
    }
    if (bytes.length > 0) last = bytes[bytes.length - 1] ?? last;
  }
  // A last line without a newline still counts.
  return last === 0x0a ? lines : lines + 1;
}
