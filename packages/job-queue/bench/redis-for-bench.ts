import { requireSystemTool, startRedisServer, type PrivateRedis } from '@evalkit/test-harness';

/** A private redis-server for a benchmark script, or an exit naming the Debian package when there is none. */
export async function requireRedisForBench(): Promise<PrivateRedis> {
  const tools = requireSystemTool('redis-server');
  if (!tools.available) {
    process.stderr.write(`this benchmark needs redis-server: apt-get install ${tools.missingPackages.join(' ')}\n`);
    process.exit(1);
  }
  return startRedisServer(tools.paths['redis-server']);
}
