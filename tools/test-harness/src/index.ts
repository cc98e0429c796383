export { assertClose, assertClosePaths, assertAllClose } from './assert-close';
export { requireSystemTool, debianPython } from './system-tools';
export { fixturePath, readJsonFixture, runReferenceScript, itReproducesFixture } from './reference-scripts';
export { startRedisServer, freeLoopbackPort } from './redis-server';
export type { PrivateRedis } from './redis-server';
export { testData } from './test-data';
export { useScratchDir } from './scratch-dir';
export { evalkitErrorOf, evalkitRejectionOf } from './evalkit-error-of';
export { turboVaedReference } from './reference-checkout';
