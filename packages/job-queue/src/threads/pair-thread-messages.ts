import type { PoolReply, PoolRequest } from '@evalkit/dataset';

/** What a pair thread is sent: a pair to evaluate, or stop the current one (the local pool's protocol). */
export type PairThreadRequest = PoolRequest;

/** What a pair thread answers: the pair's row as encodePairRow's JSON, or an error that is not the pair's input's fault. */
export type PairThreadReply = Exclude<PoolReply, { type: 'frame' }>;
