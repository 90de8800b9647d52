// The route adapter on its own: what it does with answers that break the contract and with malformed input.
import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import type { Endpoint } from '../../contracts/sync-api';
import { type FreshStorage, openFreshStorage } from '../test-support/storage-backends';
import { OpsAccounts } from '../ops/ops-accounts';
import { OpsAuth } from '../ops/ops-auth';
import { TerminalAuth } from './terminal-auth';
import { type RouteReply, prepareApp, registerRoute } from './zod-route';

const app = Fastify();
let fresh: FreshStorage;
let url: string;

const echo = {
  method: 'POST',
  path: '/echo/{n}',
  auth: 'none',
  summary: 'test',
  params: z.object({ n: z.coerce.number().int() }),
  query: z.object({ mode: z.enum(['good', 'bad', 'raw-bad', 'undeclared']) }),
  body: { json: z.object({ a: z.number() }) },
  responses: { 200: z.object({ a: z.number() }) },
  errors: [400],
} as const satisfies Endpoint;

beforeAll(async () => {
  fresh = await openFreshStorage('pglite');
  prepareApp(app);
  const ops = new OpsAuth(new OpsAccounts(fresh.storage, () => new Date()), undefined);
  registerRoute(app, echo, { auth: new TerminalAuth(fresh.storage, () => new Date()), ops }, async ({ params, query, body }): Promise<RouteReply> => {
    if (query.mode === 'good') return { status: 200, body: { a: body.a + params.n }, headers: { 'x-extra': '1' } };
    if (query.mode === 'bad') return { status: 200, body: { a: 'not a number' }, headers: { 'x-extra': '1' } };
    if (query.mode === 'raw-bad') return { status: 200, raw: '{"a":' };
    return { status: 201, body: { a: 1 } };
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);

afterAll(async () => {
  await app.close();
  await fresh.close();
});

const post = (target: string, body: string, type = 'application/json') => fetch(`${url}${target}`, { method: 'POST', headers: { 'content-type': type }, body });

it('validates input and passes the parsed values on', async () => {
  const good = await post('/echo/2?mode=good', '{"a":1}');
  expect(good.status).toBe(200);
  expect(await good.json()).toEqual({ a: 3 });
  expect(good.headers.get('x-extra')).toBe('1');
  const bad = await post('/echo/x?mode=nope', '{"a":"1"}');
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('params.n') });
});

it('turns an answer that breaks the contract into a 500 without its headers, never sending it', async () => {
  for (const mode of ['bad', 'raw-bad', 'undeclared']) {
    const result = await post(`/echo/1?mode=${mode}`, '{"a":1}');
    expect(result.status).toBe(500);
    expect(result.headers.get('x-extra')).toBeNull();
    expect(await result.json()).toEqual({ code: 'internal', message: 'the platform produced an invalid answer' });
  }
});

it('answers body limits, unknown routes and NUL characters in the error format', async () => {
  const huge = await post('/echo/1?mode=good', JSON.stringify({ a: 1, pad: 'x'.repeat(5 * 1024 * 1024) }));
  expect(huge.status).toBe(413);
  expect(await huge.json()).toMatchObject({ code: 'tooLarge' });
  const nowhere = await post('/nowhere', '{}');
  expect(nowhere.status).toBe(404);
  expect(await nowhere.json()).toMatchObject({ code: 'notFound' });
  const nul = await post('/echo/1?mode=good', '{"a":1,"s":"\\u0000"}');
  expect(nul.status).toBe(400);
  expect(await nul.json()).toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('U+0000') });
});
