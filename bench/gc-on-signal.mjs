// Preloaded into bench:live's servers (with --expose-gc): on SIGUSR2, collect garbage twice and
// write process.memoryUsage() to BENCH_MEMORY_FILE, so memory is read without the garbage of
// whatever ran before (RSS alone moved by more than the sockets' own memory between readings).
import { writeFileSync } from 'node:fs';

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  writeFileSync(process.env.BENCH_MEMORY_FILE, JSON.stringify(process.memoryUsage()));
});
