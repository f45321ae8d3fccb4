// The production shape through its front door: the real nginx, running the project's own deploy/
// files (deploy/nginx-locations.conf is what deploy/nginx.conf and deploy/nginx-compose.conf
// include; only the upstream servers and the listen port are this run's), in front of two real
// server processes with the pages (testing/platform-processes.ts) on one database and one
// redis-server. Every request and WebSocket goes through nginx. A test-only response header,
// X-Twinning-Upstream ($upstream_addr), says which process nginx handed each one to.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkNginxConfig,
  deployDir,
  nginxBinary,
  startNginx,
  type NginxService,
} from '../../../scripts/services/nginx.ts';
import { offerBody } from './testing/actors.ts';
import {
  Client,
  root,
  signUpLecturer,
  startPlatformProcesses,
  verifiedInstitutionIn,
  type PlatformProcesses,
} from './testing/platform-processes.ts';
import { TestSocket, type Frame } from './testing/ws-client.ts';

const rateLimitAuth = 8;
const secretariatAccount = {
  email: 'secretariat@asem.example',
  password: 'ledger of quiet harbours',
  name: 'Secretariat',
};
let platform: PlatformProcesses | undefined;
let nginx: NginxService | undefined;
/** The processes' host:port, as nginx's upstream names them. */
let processes: string[] = [];
const sockets: TestSocket[] = [];

beforeAll(async () => {
  // Fails here, naming the package, when nginx is not installed.
  nginxBinary();
  // The pages are served by the processes (as `pnpm start` does): build them if stale.
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-if-stale.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`the web build failed:\n${built.stdout}${built.stderr}`);

  platform = await startPlatformProcesses({
    SERVE_WEB: 'true',
    // nginx is on this machine: its X-Forwarded-For is believed. `loopback` trusts every
    // 127.x address, so a client's own X-Forwarded-For would win if nginx appended to it.
    TRUST_PROXY: 'loopback',
    RATE_LIMIT_AUTH: String(rateLimitAuth),
  });
  // The first alone: it migrates the new database.
  const baseA = await platform.start();
  const baseB = await platform.start();
  processes = [new URL(baseA).host, new URL(baseB).host];
  platform.createAdmin(secretariatAccount);
  nginx = await startNginx({
    upstreams: processes,
    serverDirectives: ['add_header X-Twinning-Upstream $upstream_addr always;'],
  });
}, 300_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await nginx?.close();
  await platform?.close();
}, 60_000);

/** The process that served a response, as nginx reports it. */
const servedBy = (headers: Headers) => headers.get('x-twinning-upstream');

async function open(client: Client): Promise<TestSocket> {
  const socket = await TestSocket.open(client.base, client.cookie);
  sockets.push(socket);
  return socket;
}

const notification = (kind: string) => (f: Frame) =>
  f.type === 'notification' && (f.notification as { kind: string }).kind === kind;
const messageSeq = (seq: number) => (f: Frame) =>
  f.type === 'message' && (f.message as { seq: number }).seq === seq;

/** A date `days` from today, as offers take it (the processes run on the real clock). */
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A POST to nginx from a given loopback address (127.0.0.2 …), as another machine would. */
function postFrom(
  localAddress: string,
  path: string,
  body: object,
  headers: Record<string, string>,
): Promise<{ status: number; servedBy: string }> {
  const url = new URL(path, nginx!.url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        localAddress,
        headers: {
          origin: nginx!.url,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(payload)),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            servedBy: String(res.headers['x-twinning-upstream']),
          }),
        );
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

describe('nginx with deploy/ in front of two processes', () => {
  it('names the package to install when nginx is missing', () => {
    const given = process.env.NGINX_BIN;
    process.env.NGINX_BIN = join(tmpdir(), 'no-nginx-here', 'nginx');
    try {
      expect(() => nginxBinary()).toThrow('apt-get install -y nginx');
    } finally {
      if (given === undefined) delete process.env.NGINX_BIN;
      else process.env.NGINX_BIN = given;
    }
  });

  it('accepts deploy/nginx.conf (TLS, a throwaway certificate) and deploy/nginx-compose.conf as they are', () => {
    const certificates = mkdtempSync(join(tmpdir(), 'twinning-tls-'));
    try {
      const made = spawnSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=twinning.example',
          '-keyout',
          join(certificates, 'privkey.pem'),
          '-out',
          join(certificates, 'fullchain.pem'),
        ],
        { encoding: 'utf8' },
      );
      if (made.error || made.status !== 0) {
        throw new Error(
          `openssl could not make a test certificate (Debian: apt-get install -y openssl): ${made.stderr ?? made.error}`,
        );
      }
      // Only the certificate paths change: listen, includes, upstreams are the file's own
      // (`nginx -t` reads the files and the certificates, it binds no port).
      const tls = checkNginxConfig('include twinning/nginx.conf;', {
        'nginx.conf': (text) => {
          expect(text).toContain('/etc/ssl/twinning/fullchain.pem');
          return text.replaceAll('/etc/ssl/twinning/', `${certificates}/`);
        },
      });
      expect(tls.ok, tls.output).toBe(true);
    } finally {
      rmSync(certificates, { recursive: true, force: true });
    }

    // compose.yaml mounts deploy/ where the compose file's includes look (relative to
    // /etc/nginx, as here); nginx resolves upstream names as it reads them, and app1/app2 are
    // names only inside compose's network.
    const compose = readFileSync(join(root, 'compose.yaml'), 'utf8');
    expect(compose).toContain('./deploy/nginx-compose.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(compose).toContain('./deploy:/etc/nginx/twinning:ro');
    const composed = checkNginxConfig('include twinning/nginx-compose.conf;', {
      'nginx-compose.conf': (text) => text.replace(/server app\d+:3000/g, 'server 127.0.0.1:3000'),
    });
    expect(composed.ok, composed.output).toBe(true);
    expect(readFileSync(join(deployDir, 'nginx-compose.conf'), 'utf8')).toContain(
      'include twinning/nginx-locations.conf;',
    );
  });

  it('puts two members’ sockets on different processes (no sticky sessions); request → accept → chat → read receipts cross live', async () => {
    const secretariat = new Client(nginx!.url);
    const { email, password } = secretariatAccount;
    const login = await secretariat.call('POST', '/api/auth/login', { email, password });
    expect(login.status, JSON.stringify(login.body)).toBe(200);

    const lecturer = async (region: string, name: string) =>
      signUpLecturer(
        nginx!.url,
        await verifiedInstitutionIn(secretariat, region),
        name,
        platform!.databaseUrl,
      );
    const anna = await lecturer('europe', 'anna');
    const kenji = await lecturer('asia', 'kenji');

    // Both sockets through nginx's one address; least_conn gives the second to the process
    // without one. Each 101 answer names the process behind it.
    const a = await open(anna.client);
    const b = await open(kenji.client);
    const upstreams = [a, b].map((s) => s.upgradeHeaders['x-twinning-upstream']);
    expect(upstreams[0]).not.toBe(upstreams[1]);
    expect([...upstreams].sort()).toEqual([...processes].sort());

    const offer = async (who: Client, overrides: Record<string, unknown>) => {
      const res = await who.call(
        'POST',
        '/api/offers',
        offerBody({ startDate: inDays(30), endDate: inDays(100), ...overrides }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const annasOffer = await offer(anna.client, {});
    const kenjisOffer = await offer(kenji.client, { timeZone: 'Asia/Tokyo' });

    // Request: Kenji's socket hears it at once; accept: Anna's does.
    const requested = await anna.client.call('POST', '/api/partnerships', {
      offerId: annasOffer,
      partnerOfferId: kenjisOffer,
      message: 'Shall we run this together?',
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const partnership = requested.body as { id: string; conversationId: string };
    expect((await b.next(notification('partnership_requested'))).notification).toMatchObject({
      payload: { partnershipId: partnership.id },
    });
    const accepted = await kenji.client.call('POST', `/api/partnerships/${partnership.id}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect((await a.next(notification('partnership_decided'))).notification).toMatchObject({
      payload: { status: 'accepted' },
    });

    // Chat in the partnership's conversation: each socket's process hands the other's message
    // over Redis.
    const conversationId = partnership.conversationId;
    for (const s of [a, b]) {
      s.send({ type: 'subscribe', conversationId, afterSeq: 0 });
      await s.next((f) => f.type === 'subscribed');
    }
    const already = Math.max(
      0,
      ...a.ofType('message').map((f) => (f.message as { seq: number }).seq),
    );
    a.send({ type: 'send', conversationId, clientMessageId: 'a1', body: 'Hello from Berlin' });
    expect((await b.next(messageSeq(already + 1))).message).toMatchObject({
      body: 'Hello from Berlin',
      authorId: anna.id,
    });
    b.send({ type: 'send', conversationId, clientMessageId: 'b1', body: 'Hello from Kyoto' });
    expect((await a.next(messageSeq(already + 2))).message).toMatchObject({
      body: 'Hello from Kyoto',
      authorId: kenji.id,
    });

    // Read receipts, both ways.
    b.send({ type: 'read', conversationId, seq: already + 2 });
    expect(await a.next((f) => f.type === 'read' && f.userId === kenji.id)).toEqual({
      type: 'read',
      conversationId,
      userId: kenji.id,
      seq: already + 2,
    });
    a.send({ type: 'read', conversationId, seq: already + 2 });
    expect(await b.next((f) => f.type === 'read' && f.userId === anna.id)).toMatchObject({
      seq: already + 2,
    });
  }, 120_000);

  it('serves a page rendered on the server, and takes writes whose Origin is nginx’s own', async () => {
    const visitor = new Client(nginx!.url);
    const list = await visitor.call('GET', '/api/institutions?region=asia&limit=1');
    const [institution] = list.body.items as { name: string }[];
    const page = await fetch(
      `${nginx!.url}/institutions?q=${encodeURIComponent(institution!.name)}`,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('server')).toMatch(/^nginx/);
    expect(processes).toContain(servedBy(page.headers));
    // The directory's data is in the HTML: the page server called the API on the server.
    const html = await page.text();
    const escaped = institution!.name
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;');
    expect(html).toContain(escaped);
    expect(html).not.toContain('Something went wrong');

    // The API's origin check: nginx passed the Host the client used, port included.
    const credentials = { email: secretariatAccount.email, password: secretariatAccount.password };
    const own = await visitor.call('POST', '/api/auth/login', credentials);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const foreign = await visitor.call('POST', '/api/auth/login', credentials, {
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('forbidden');

    // The log-in form as a browser without JavaScript posts it: SvelteKit's own origin check
    // passes too, and the session cookie comes back through nginx.
    const form = (origin: string) =>
      fetch(`${nginx!.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          origin,
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ ...credentials, redirectTo: '/' }).toString(),
      });
    const posted = await form(nginx!.url);
    expect(posted.status).toBe(303);
    expect(posted.headers.getSetCookie().some((c) => c.startsWith('twinning_session='))).toBe(true);
    expect((await form('https://evil.example')).status).toBe(403);
  }, 60_000);

  it('sets X-Forwarded-For itself: the log-in limit counts each real client, whatever it claims, over both processes', async () => {
    const attempt = (from: string, n: number) =>
      postFrom(
        from,
        '/api/auth/login',
        { email: `nobody${n}@example.org`, password: 'a wrong password' },
        // What a client claims is replaced by nginx with the address it sees.
        { 'x-forwarded-for': `203.0.113.${n}` },
      );
    const fromOne: { status: number; servedBy: string }[] = [];
    for (let n = 0; n <= rateLimitAuth; n++) fromOne.push(await attempt('127.0.0.2', n));
    expect(fromOne.map((r) => r.status)).toEqual([...Array(rateLimitAuth).fill(401), 429]);
    // Counted together although both processes took attempts: the counter is in Redis.
    expect(new Set(fromOne.map((r) => r.servedBy))).toEqual(new Set(processes));
    // Another client is not limited by the first one's attempts.
    expect((await attempt('127.0.0.3', 0)).status).toBe(401);
  }, 60_000);
});
