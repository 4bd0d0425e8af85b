// Worker-thread entry of writeCorpusParallel: registers tsx in this thread, then runs the
// TypeScript worker. (A worker does not inherit the main thread's loader.)
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
