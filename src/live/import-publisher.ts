import type { ImportOptions } from '../import/run.js';
import type { LivePublisher } from './hub.js';

/**
 * An import's callbacks that tell subscribers: the events and casualties of each committed batch
 * (one message per kind per batch, however many rows), and progress with its rate.
 */
export function importPublisher(live: LivePublisher): Required<Pick<ImportOptions, 'onBatchCommitted' | 'onProgress'>> {
  const started = performance.now();
  return {
    onBatchCommitted(written) {
      live.publishChange('CREATED', 'Event', written.createdEvents);
      live.publishChange('UPDATED', 'Event', written.updatedEvents);
      live.publishChange('REPORTED', 'Casualty', written.casualties);
    },
    onProgress(rows, _bytes, _total, { rejected, datasetId, finished }) {
      const seconds = Math.max((performance.now() - started) / 1000, 0.001);
      live.publishImportProgress({ datasetId, rows, rejected, rowsPerSecond: Math.round(rows / seconds), finished });
    },
  };
}
