import { isEvalkitError } from '@evalkit/core';
import { forwardableArgs, parseQueueUrl } from '../src';

describe('parseQueueUrl', () => {
  it('reads host, port and database number, with Redis defaults where the URL leaves them out', () => {
    expect(parseQueueUrl('redis://10.0.0.5:6380/3')).toEqual({ connection: { host: '10.0.0.5', port: 6380, db: 3 }, display: 'redis://10.0.0.5:6380/3' });
    expect(parseQueueUrl('redis://queue.lab').connection).toEqual({ host: 'queue.lab', port: 6379, db: 0 });
    expect(parseQueueUrl('redis://[::1]:7000/1').connection).toEqual({ host: '::1', port: 7000, db: 1 });
  });

  it('takes user and password and never shows the password', () => {
    const { connection, display } = parseQueueUrl('rediss://ci:s%40cret@host:6379/2');
    expect(connection).toEqual({ host: 'host', port: 6379, db: 2, username: 'ci', password: 's@cret', tls: {} });
    expect(display).toBe('rediss://ci:***@host:6379/2');
  });

  it.each([
    ['http://host:6379/0', /unknown scheme "http:"/],
    ['redis://host:6379/queue', /database number/],
    ['redis://host:6379/0?x=1', /query strings/],
    ['host:6379', /unknown scheme|not a URL/],
    ['', /not a URL/],
  ])('refuses %j as a usage error naming --queue', (url, message) => {
    let error: unknown;
    try {
      parseQueueUrl(url);
    } catch (e) {
      error = e;
    }
    expect(isEvalkitError(error, 'EVK_INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message).toMatch(/field "--queue"/);
    expect((error as Error).message).toMatch(message);
  });

  it('masks the password in the error message of a bad URL', () => {
    expect(() => parseQueueUrl('redis://u:topsecret@host:1/x')).toThrow(/u:\*\*\*@host/);
    expect(() => parseQueueUrl('redis://u:topsecret@host:1/x')).not.toThrow(/topsecret/);
  });
});

describe('forwardableArgs', () => {
  it('drops where to queue and where to write, in both flag forms, and keeps every other flag as given', () => {
    expect(forwardableArgs(['--variants', '1,6', '--queue', 'redis://h/0', '--device=gpu', '--shape', '4,2,4,6', '--out', 'k.json', '--json', '--threads=1'])).toEqual(['--variants', '1,6', '--shape', '4,2,4,6', '--threads=1']);
  });
});
