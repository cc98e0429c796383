import { parentPort } from 'node:worker_threads';
import { isEvalkitError } from '@evalkit/core';
import { evaluatePair } from '../evaluate-pair';
import { encodePairRow } from '../rows';
import type { PoolReply, PoolRequest } from './pool-messages';

// One pair at a time: the pool sends a worker its next pair after the row of the last one.
let controller = new AbortController();
const post = (reply: PoolReply) => parentPort?.postMessage(reply);

parentPort?.on('message', (request: PoolRequest) => {
  if (request.type === 'abort') {
    controller.abort();
    return;
  }
  controller = new AbortController();
  const { seq } = request;
  evaluatePair(request.pair, request.config, controller.signal, { ffmpeg: request.ffmpeg, onFrame: () => post({ type: 'frame', seq }) }).then(
    (row) => post({ type: 'row', seq, row: encodePairRow(row) }),
    (error: Error) => post({ type: 'error', seq, name: error.name, code: isEvalkitError(error) ? error.code : undefined, message: error.message }),
  );
});
