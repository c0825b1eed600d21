import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { ZipArchiveError } from './errors.js';

const SIGNATURE = { endOfCentralDirectory: 0x06054b50, centralEntry: 0x02014b50, localEntry: 0x04034b50 } as const;
const METHOD = { stored: 0, deflated: 8 } as const;

/**
 * Unpacks a zip as Lambda does with a function's deployment package (stored and deflated entries, the only
 * methods esbuild-era tooling writes), so the demo needs no `unzip` binary on the user's machine.
 */
const extractZip = async (zipPath: string, destination: string): Promise<string[]> => {
  const archive = await readFile(zipPath);
  const searchFrom = Math.max(0, archive.length - 65_557);
  let end = -1;
  for (let offset = archive.length - 22; offset >= searchFrom; offset--) {
    if (archive.readUInt32LE(offset) === SIGNATURE.endOfCentralDirectory) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new ZipArchiveError(`${zipPath} is not a zip archive (no end of central directory); rebuild it`);
  const entries = archive.readUInt16LE(end + 10);
  let cursor = archive.readUInt32LE(end + 16);
  const written: string[] = [];
  for (let index = 0; index < entries; index++) {
    if (archive.readUInt32LE(cursor) !== SIGNATURE.centralEntry) {
      throw new ZipArchiveError(`${zipPath}: corrupt central directory at entry ${index}; rebuild the archive`);
    }
    const method = archive.readUInt16LE(cursor + 10);
    const compressedSize = archive.readUInt32LE(cursor + 20);
    const nameLength = archive.readUInt16LE(cursor + 28);
    const extraLength = archive.readUInt16LE(cursor + 30);
    const commentLength = archive.readUInt16LE(cursor + 32);
    const localOffset = archive.readUInt32LE(cursor + 42);
    const name = archive.toString('utf8', cursor + 46, cursor + 46 + nameLength);
    cursor += 46 + nameLength + extraLength + commentLength;
    const target = path.resolve(destination, name);
    // A crafted entry such as ../../x must not write outside the destination ("zip slip").
    if (!target.startsWith(path.resolve(destination) + path.sep)) {
      throw new ZipArchiveError(`${zipPath}: entry "${name}" points outside the archive root`);
    }
    if (name.endsWith('/')) {
      await mkdir(target, { recursive: true });
      continue;
    }
    if (archive.readUInt32LE(localOffset) !== SIGNATURE.localEntry) {
      throw new ZipArchiveError(`${zipPath}: entry "${name}" has no local header; rebuild the archive`);
    }
    const dataStart =
      localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    if (method !== METHOD.stored && method !== METHOD.deflated) {
      throw new ZipArchiveError(`${zipPath}: entry "${name}" uses compression method ${method}; use stored or deflate`);
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, method === METHOD.stored ? data : inflateRawSync(data));
    written.push(name);
  }
  return written;
};

export { extractZip };
