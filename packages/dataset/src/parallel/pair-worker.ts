import { parentPort } from 'node:worker_threads';
import { answerPairRequests } from './answer-pair-requests';

// A thread of the local pool: its progress bar counts frames.
answerPairRequests(parentPort, { frames: true });
