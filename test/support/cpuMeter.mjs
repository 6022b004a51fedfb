// CPU seconds per job of `npm test`, every process a job starts included (an editor window is a
// browser, code-server, an extension host and their helpers). Where the kernel's CPU accounting can be
// used (a cgroup v1 cpuacct hierarchy this user may write, as on the project's machines), each job
// runs in a group of its own and the kernel counts exactly. Elsewhere the processes are sampled from
// /proc twice a second, each counted under the job it descends from (a process that lives less than
// half a second is missed: the figure is then a lower bound, and says so).
import fs from 'node:fs';
import path from 'node:path';

const CPUACCT = '/sys/fs/cgroup/cpuacct';
const TICKS_PER_SECOND = 100; // USER_HZ, the unit of /proc/<pid>/stat's times on Linux

export class CpuMeter {
  /** @param {string} name a name for this run's group, unique on the machine */
  constructor(name) {
    this.dir = path.join(CPUACCT, name);
    this.groups = new Map();
    try {
      fs.mkdirSync(this.dir);
      this.mode = 'cgroup';
    } catch {
      this.mode = fs.existsSync('/proc/self/stat') ? 'proc' : 'none';
    }
    /** job -> pids the runner started for it */
    this.roots = new Map();
    /** `${pid}/${start}` -> { job, ticks } */
    this.seen = new Map();
    if (this.mode === 'proc') {
      this.timer = setInterval(() => this.sample(), 500);
      this.timer.unref();
    }
  }

  /** How the figures are obtained, for the runner's first line. */
  get how() {
    return { cgroup: 'counted by the kernel (cpuacct)', proc: 'sampled from /proc (a lower bound)', none: 'not measured here' }[this.mode];
  }

  /** The command to spawn for `job`: in cgroup mode, a shell that joins the job's group, then runs it. */
  wrap(job, cmd, args) {
    const env = { CARECYCLE_JOB: job };
    if (this.mode !== 'cgroup') return { cmd, args, env };
    let dir = this.groups.get(job);
    if (!dir) {
      dir = path.join(this.dir, job.replace(/[^\w.-]+/g, '_'));
      fs.mkdirSync(dir, { recursive: true });
      this.groups.set(job, dir);
    }
    return { cmd: '/bin/sh', args: ['-c', 'echo $$ > "$0" && exec "$@"', path.join(dir, 'cgroup.procs'), cmd, ...args], env };
  }

  started(job, pid) {
    if (pid === undefined) return;
    const pids = this.roots.get(job) ?? new Set();
    pids.add(pid);
    this.roots.set(job, pids);
  }

  /** CPU seconds of `job` so far (undefined when not measured). */
  seconds(job) {
    if (this.mode === 'cgroup') {
      const dir = this.groups.get(job);
      if (!dir) return undefined;
      try {
        return Number(fs.readFileSync(path.join(dir, 'cpuacct.usage'), 'utf8')) / 1e9;
      } catch {
        return undefined;
      }
    }
    if (this.mode === 'proc') {
      this.sample();
      let ticks = 0;
      for (const v of this.seen.values()) if (v.job === job) ticks += v.ticks;
      return ticks / TICKS_PER_SECOND;
    }
    return undefined;
  }

  sample() {
    const procs = new Map();
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
        // pid (comm) state ppid … : comm may hold spaces and parentheses, so split after its last ')'.
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        procs.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), start: f[19] });
      } catch {
        // gone meanwhile
      }
    }
    const jobOf = new Map();
    for (const [job, pids] of this.roots) for (const pid of pids) jobOf.set(pid, job);
    const find = (pid, depth = 0) => {
      if (jobOf.has(pid)) return jobOf.get(pid);
      const p = procs.get(pid);
      if (!p || depth > 64) return undefined;
      const key = `${pid}/${p.start}`;
      const job = this.seen.get(key)?.job ?? find(p.ppid, depth + 1);
      jobOf.set(pid, job);
      return job;
    };
    for (const [pid, p] of procs) {
      const job = find(pid);
      if (job === undefined) continue;
      const key = `${pid}/${p.start}`;
      const prev = this.seen.get(key);
      this.seen.set(key, { job, ticks: Math.max(prev?.ticks ?? 0, p.ticks) });
    }
  }

  /** Removes this run's groups (a group still holding a process, one left running, stays). */
  close() {
    clearInterval(this.timer);
    if (this.mode !== 'cgroup') return;
    for (const dir of [...this.groups.values(), this.dir]) {
      try {
        fs.rmdirSync(dir);
      } catch {
        // not empty: a process of it is still running
      }
    }
  }
}
