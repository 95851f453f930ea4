// CPU time of another process from /proc, for workerd, whose own clock cannot time CPU work.
import { readdirSync, readFileSync } from "node:fs";

/** The pids of the direct children of `parentPid` whose command name is `name`. */
export function childPids(parentPid, name) {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      if (ppid === parentPid && comm === name) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/**
 * CPU time of every thread of `pid`, in nanoseconds: the sum of the first field of each
 * /proc/<pid>/task/<tid>/schedstat (time spent running, at the scheduler's ns resolution).
 */
export function threadCpuNanos(pid) {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // The thread ended while we looked.
    }
  }
  return total;
}

/** utime + stime of the whole process (dead threads included), in clock ticks (1/100 s). */
export function processCpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}
