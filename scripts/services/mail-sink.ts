// A mail server for the browser tests: SMTP on MAIL_SINK_SMTP_PORT receives what the platform
// sends (apps/api/src/testing/smtp.ts), and HTTP on MAIL_SINK_HTTP_PORT hands it to the tests:
//   GET /next?to=ADDRESS  → the next mail to ADDRESS not handed out before, as JSON; it waits
//                           for one to arrive (up to `wait` seconds, 30 unless given, at most
//                           120; then 404, and a mail arriving later waits for the next call)
//   GET /health           → 200 once both listen
// Run: MAIL_SINK_SMTP_PORT=3103 MAIL_SINK_HTTP_PORT=3102 npx tsx scripts/services/mail-sink.ts
import { createServer } from 'node:http';
import { startTestSmtp, type ReceivedMail } from '../../apps/api/src/testing/smtp.ts';

function port(name: string): number {
  const value = Number(process.env[name]);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${name} must be a port number, not "${process.env[name] ?? ''}"`);
  }
  return value;
}

const smtp = await startTestSmtp(port('MAIL_SINK_SMTP_PORT'));
const asJson = (mail: ReceivedMail) => ({
  to: mail.to,
  from: mail.from,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  links: mail.links,
  listUnsubscribe: mail.header('List-Unsubscribe'),
});

const http = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://sink');
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (url.pathname === '/health') return send(200, { status: 'ok', smtp: smtp.url });
  const to = url.searchParams.get('to')?.toLowerCase();
  if (url.pathname !== '/next' || !to) return send(404, { error: 'GET /next?to=ADDRESS' });
  const wait = Math.min(Number(url.searchParams.get('wait') ?? 30) || 30, 120);
  // A call that gave up takes no mail: the next call gets it.
  let gaveUp = false;
  const timer = setTimeout(() => {
    gaveUp = true;
    send(404, { error: `no mail to ${to} within ${wait} s` });
  }, wait * 1000);
  void smtp
    .next((mail) => !gaveUp && mail.to.toLowerCase() === to)
    .then((mail) => {
      clearTimeout(timer);
      if (!response.headersSent) send(200, asJson(mail));
    });
});
http.listen(port('MAIL_SINK_HTTP_PORT'), '127.0.0.1', () => {
  console.log(`mail sink: ${smtp.url}, mails at http://127.0.0.1:${port('MAIL_SINK_HTTP_PORT')}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    http.close();
    void smtp.close().then(() => process.exit(0));
  });
}
