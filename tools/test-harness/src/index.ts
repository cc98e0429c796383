export { assertClose, assertClosePaths, assertAllClose, atPath } from './assert-close';
export type { Tolerance } from './assert-close';
export { requireSystemTool, debianPython, REQUIRE_ENV, SKIP_MARKER } from './system-tools';
export type { RequiredTools } from './system-tools';
export { REPO_ROOT, fixturePath, readJsonFixture, runReferenceScript, itReproducesFixture } from './reference-scripts';
export type { ScriptFixture } from './reference-scripts';
export { startRedisServer, freeLoopbackPort } from './redis-server';
export type { PrivateRedis } from './redis-server';
export { testData } from './test-data';
