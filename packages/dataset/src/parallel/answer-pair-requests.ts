import type { MessagePort } from 'node:worker_threads';
import { isEvalkitError } from '@evalkit/core';
import { evaluatePair } from '../evaluate-pair';
import { encodePairRow } from '../rows';
import type { PoolReply, PoolRequest } from './pool-messages';

/**
 * Serves pair requests on a worker thread, one pair at a time (the sender sends the next pair after
 * the row of the last): each pair's row, or an error that is not its input's fault; a frame message
 * per frame when `frames` is set (the local pool's progress; a queue worker needs none); an abort
 * stops the pair in hand.
 */
export function answerPairRequests(port: MessagePort | null, options: { frames: boolean }): void {
  let controller = new AbortController();
  const post = (reply: PoolReply) => port?.postMessage(reply);
  port?.on('message', (request: PoolRequest) => {
    if (request.type === 'abort') {
      controller.abort();
      return;
    }
    controller = new AbortController();
    const { seq } = request;
    const onFrame = options.frames ? () => post({ type: 'frame', seq }) : undefined;
    evaluatePair(request.pair, request.config, controller.signal, { ffmpeg: request.ffmpeg, onFrame }).then(
      (row) => post({ type: 'row', seq, row: encodePairRow(row) }),
      (error: Error) => post({ type: 'error', seq, name: error.name, code: isEvalkitError(error) ? error.code : undefined, message: error.message }),
    );
  });
}
