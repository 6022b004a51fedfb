/**
 * A worker thread of the workspace scanner (./pool.ts): lists folders, and takes files of a scan one at
 * a time from a counter it shares with the other workers, so both cores stay busy until the last file.
 */
import { parentPort } from 'node:worker_threads';
import { FileScanner } from './scanFile';
import { ResultPacker, type FromWorker, type PackedResults, type ToWorker } from './protocol';
import { walkFolder } from './walk';

const port = parentPort!;
const send = (m: FromWorker): void => port.postMessage(m);
/** Results: their two arrays are handed over, not copied (the packer made them for this message). */
const sendResults = (job: number, results: PackedResults): void =>
  port.postMessage({ type: 'results', job, results } satisfies FromWorker, [
    results.ids.buffer as ArrayBuffer,
    results.counts.buffer as ArrayBuffer,
  ]);
let scanner: FileScanner | undefined;

port.on('message', (m: ToWorker) => {
  const ctrl = new Int32Array(m.ctrl);
  const cancelled = (): boolean => Atomics.load(ctrl, 1) !== 0;
  try {
    if (m.type === 'walk') {
      for (const r of m.roots) {
        walkFolder(r.root, r, (files) => send({ type: 'files', job: m.job, files }), cancelled);
      }
      send({ type: 'walked', job: m.job });
      return;
    }
    if (scanner?.maxFileBytes !== m.maxFileBytes) scanner = new FileScanner(m.maxFileBytes);
    const batch = new ResultPacker();
    let last = Date.now();
    for (;;) {
      if (cancelled()) break;
      const i = Atomics.add(ctrl, 0, 1);
      if (i >= m.files.length) break;
      const r = scanner.scanPath(m.files[i]!, m.mode, m.only);
      // Files without a mention are reported only when skipped (a person is told why).
      if (r.counts.length || r.skipped) batch.add(r);
      // Results stream: at least every 50 ms, or every 256 files with mentions.
      if (batch.length >= 256 || (batch.length && Date.now() - last > 50)) {
        sendResults(m.job, batch.take());
        last = Date.now();
      }
    }
    if (batch.length) sendResults(m.job, batch.take());
    send({ type: 'scanned', job: m.job });
  } catch (err) {
    send({ type: 'failed', job: m.job, message: err instanceof Error ? err.message : String(err) });
  }
});
