import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
const TICKS_PER_SECOND = 100;

/** A process's parent and CPU seconds so far (user + system), from the text of its `/proc/<pid>/stat`. */
export function parseStat(text: string): { ppid: number; cpuSeconds: number } {
  // Fields after the command (which may hold spaces) in parentheses: state ppid … utime stime.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
}

/** CPU seconds (user + system) a running process has used so far; Linux only. */
export function cpuSecondsOf(pid: number): number {
  return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).cpuSeconds;
}
