/**
 * The worker thread's loop: lints the tasks the main thread sends, one at a
 * time in arrival order, and posts each outcome back.
 */
import { parentPort } from 'node:worker_threads';
import { processTask, type Task } from './workers.js';

const port = parentPort;
if (port) {
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (task: Task) => {
    chain = chain.then(async () => {
      port.postMessage(await processTask(task));
    });
  });
  port.postMessage({ ready: true });
}
