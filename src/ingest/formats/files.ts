/**
 * What is known of a report file before reading it: the extensions a corpus is searched for, the
 * size limit, and why a path is no file to read. Apart from the readers (load.ts), so that a start
 * that only lists the corpus does not import them.
 */
import type { Stats } from 'node:fs';

/** Files larger than this are refused: no annual report comes near it. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Extensions a corpus folder is searched for, lower case with the dot. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(['.txt', '.md', '.html', '.htm', '.pdf', '.docx', '.doc']);

/**
 * Why a path is no file to read, or null for a regular file. Reading a named pipe would wait
 * forever for a writer: it is refused, as a folder or a device is.
 */
export function notRegularFile(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return '这是一个文件夹，不是文件';
  if (info.isFIFO()) return '这是一个命名管道，不是普通文件';
  return '这不是普通文件（设备或套接字）';
}

/** A file system error as a line a person can act on ("文件不存在：请检查路径"). */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return '文件不存在：请检查路径';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限：请检查文件权限';
  if (code === 'EISDIR') return '这是一个文件夹，不是文件';
  return `无法读取文件：${err instanceof Error ? err.message : String(err)}`;
}
