// Child-process entry: runs one ZooDecodeJob (JSON in argv[2]) and prints its result as one JSON line
// prefixed with "@@result ", so that log lines before it do not matter.
import { runZooDecodeJob, type ZooDecodeJob } from './zoo-decode-job';

runZooDecodeJob(JSON.parse(process.argv[2]) as ZooDecodeJob)
  .then((result) => {
    process.stdout.write(`@@result ${JSON.stringify(result)}\n`);
  })
  .catch((error: Error) => {
    process.stdout.write(`@@error ${JSON.stringify({ message: error.message, code: (error as { code?: string }).code ?? null })}\n`);
    process.exitCode = 1;
  });
