// Worker threads start without the parent's TypeScript hooks (tsx in the CLI, swc under jest):
// register tsx here, then load the TypeScript worker module from source.
require('tsx/cjs');
require('./pair-worker.ts');
