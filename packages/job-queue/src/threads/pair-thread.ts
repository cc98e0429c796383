import { parentPort } from 'node:worker_threads';
import { answerPairRequests } from '@evalkit/dataset';

// A thread of a queue worker: the same protocol as the local pool's threads, without frame messages.
answerPairRequests(parentPort, { frames: false });
