import { parentPort } from 'node:worker_threads';
import { isEvalkitError } from '@evalkit/core';
import { encodePairRow, evaluatePair } from '@evalkit/dataset';
import type { PairThreadReply, PairThreadRequest } from './pair-thread-messages';

// One pair at a time: the queue worker sends the next pair after this one's row.
let controller = new AbortController();
const post = (reply: PairThreadReply) => parentPort?.postMessage(reply);

parentPort?.on('message', (request: PairThreadRequest) => {
  if (request.type === 'abort') {
    controller.abort();
    return;
  }
  controller = new AbortController();
  const { seq } = request;
  evaluatePair(request.pair, request.config, controller.signal, { ffmpeg: request.ffmpeg }).then(
    (row) => post({ type: 'row', seq, row: encodePairRow(row) }),
    (error: Error) => post({ type: 'error', seq, name: error.name, code: isEvalkitError(error) ? error.code : undefined, message: error.message }),
  );
});
