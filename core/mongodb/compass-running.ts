import { execFile } from 'node:child_process';
import path from 'node:path';

/** Linux keeps the first 15 characters of a program's name as its process name (TASK_COMM_LEN - 1). */
const linuxNameLength = 15;

/** The process name the OS lists for this Compass executable. */
function processNameOf(compassPath: string, platform: NodeJS.Platform): string {
  const name = (platform === 'win32' ? path.win32 : path.posix).basename(compassPath);
  return platform === 'linux' ? name.slice(0, linuxNameLength) : name;
}

/** The process name on one line of the list; undefined for a zombie (it ended: only its parent has not noticed). */
function listedName(line: string, platform: NodeJS.Platform): string | undefined {
  if (platform === 'win32') return /^"([^"]*)"/.exec(line)?.[1];
  const match = /^\s*(\S+)\s+(.+)$/.exec(line);
  if (!match || match[1]?.startsWith('Z')) return undefined;
  return path.posix.basename(match[2]?.trim() ?? '');
}

/**
 * True when the process list names this Compass: `ps -A -o stat=,comm=` lines (macOS gives whole paths), or
 * `tasklist /FO CSV /NH` lines on Windows.
 */
export function listsCompass(processList: string, compassPath: string, platform: NodeJS.Platform): boolean {
  const wanted = processNameOf(compassPath, platform).toLowerCase();
  return processList.split(/\r?\n/).some((line) => listedName(line, platform)?.toLowerCase() === wanted);
}

const listDeadlineMs = 5000;

/** The OS's process list, or undefined when it cannot be read in time (then nobody can tell). */
async function processList(platform: NodeJS.Platform): Promise<string | undefined> {
  const [command, args] = platform === 'win32' ? ['tasklist', ['/FO', 'CSV', '/NH']] : ['ps', ['-A', '-o', 'stat=,comm=']];
  return await new Promise((resolve) => {
    execFile(command, args, { timeout: listDeadlineMs, windowsHide: true, maxBuffer: 8 * 1024 * 1024 }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

/** Whether this Compass runs already (a second start would hand the connection to it, without the keys). */
export async function isCompassRunning(compassPath: string, platform: NodeJS.Platform): Promise<boolean> {
  const list = await processList(platform);
  return list !== undefined && listsCompass(list, compassPath, platform);
}
