import { createConnection } from 'node:net';
import { requireSystemTool, startRedisServer } from '../src';

const redis = requireSystemTool('redis-server');

/** One RESP command over a raw socket, independent of the harness's own PING. */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`${line}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.endsWith('\r\n')) {
        socket.destroy();
        resolve(reply);
      }
    });
  });
}

redis.describe('startRedisServer', () => {
  it('serves a private redis on a loopback port that keeps nothing on disk, and stop() ends the process', async () => {
    const server = await startRedisServer(redis.paths['redis-server']);
    try {
      expect(server.url).toBe(`redis://127.0.0.1:${server.port}/0`);
      expect(await command(server.port, 'SET evalkit-harness 42')).toBe('+OK\r\n');
      expect(await command(server.port, 'GET evalkit-harness')).toBe('$2\r\n42\r\n');
      // Persistence off: a test's keys never reach a dump file.
      expect(await command(server.port, 'CONFIG GET save')).toBe('*2\r\n$4\r\nsave\r\n$0\r\n\r\n');
    } finally {
      await server.stop();
    }
    expect(server.process.exitCode !== null || server.process.signalCode !== null).toBe(true);
    await expect(command(server.port, 'PING')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('gives two servers started together two different ports', async () => {
    const [a, b] = await Promise.all([startRedisServer(redis.paths['redis-server']), startRedisServer(redis.paths['redis-server'])]);
    try {
      expect(a.port).not.toBe(b.port);
      await command(a.port, 'SET only-in-a 1');
      expect(await command(b.port, 'EXISTS only-in-a')).toBe(':0\r\n');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
