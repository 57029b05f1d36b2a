/**
 * Where a function's code lives on disk. A `ZipFile` is unpacked into a fresh temp folder per
 * upload, so warm processes of the old code never see half-written files. `S3Bucket` set to
 * `hot-reload` or `__local__` (LocalStack's hot-reload convention) points at a local folder
 * named by `S3Key`, used in place: new processes load whatever is there.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { invalidParameter } from './errors.ts';

export const LOCAL_CODE_BUCKETS = ['hot-reload', '__local__'];

export interface CodeInput {
  ZipFile?: string;
  S3Bucket?: string;
  S3Key?: string;
  ImageUri?: string;
}

export interface CodeBundle {
  /** Folder the handler is resolved in (`LAMBDA_TASK_ROOT`). */
  dir: string;
  sha256Base64: string;
  sizeBytes: number;
  /** True when the folder is ours (an unpacked zip) and must be removed with the function. */
  owned: boolean;
  /** Where GetFunction says the code is. */
  location: string;
}

export function materializeCode(code: CodeInput | undefined, functionName: string): CodeBundle {
  if (code?.ZipFile) return unpackZip(Buffer.from(code.ZipFile, 'base64'), functionName);
  if (code?.S3Bucket && LOCAL_CODE_BUCKETS.includes(code.S3Bucket)) {
    return useLocalFolder(code.S3Key);
  }
  if (code?.ImageUri) {
    throw invalidParameter('Container images are not served by the local cloud; upload a ZipFile.');
  }
  throw invalidParameter(
    'Code must be a ZipFile, or S3Bucket "hot-reload" with S3Key an absolute local folder: ' +
      'the local cloud has no S3.',
  );
}

export function discardCode(bundle: CodeBundle): void {
  if (bundle.owned) rmSync(bundle.dir, { recursive: true, force: true });
}

function unpackZip(zip: Buffer, functionName: string): CodeBundle {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength));
  } catch (err) {
    throw invalidParameter(`Could not unzip uploaded file: ${(err as Error).message}.`);
  }
  const dir = mkdtempSync(join(tmpdir(), `novamart-lambda-${functionName}-`));
  for (const [entryPath, bytes] of Object.entries(entries)) {
    const target = resolve(dir, entryPath);
    // A zip entry like `../../etc/x` must not escape the function's folder.
    if (target !== dir && !target.startsWith(dir + sep)) {
      rmSync(dir, { recursive: true, force: true });
      throw invalidParameter(`Zip entry '${entryPath}' points outside the archive.`);
    }
    if (entryPath.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  return {
    dir,
    sha256Base64: createHash('sha256').update(zip).digest('base64'),
    sizeBytes: zip.length,
    owned: true,
    location: `file://${dir}`,
  };
}

function useLocalFolder(folder: string | undefined): CodeBundle {
  if (!folder || !isAbsolute(folder) || !existsSync(folder) || !statSync(folder).isDirectory()) {
    throw invalidParameter(
      `S3Key must be an absolute path to an existing folder for hot-reload code; got '${folder}'.`,
    );
  }
  return {
    dir: folder,
    sha256Base64: createHash('sha256').update(folder).digest('base64'),
    sizeBytes: 0,
    owned: false,
    location: `file://${folder}`,
  };
}
