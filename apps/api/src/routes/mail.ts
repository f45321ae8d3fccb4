// One-click unsubscribe (RFC 8058). Notification mails carry
//   List-Unsubscribe: <ORIGIN/api/mail/unsubscribe?token=…>
//   List-Unsubscribe-Post: List-Unsubscribe=One-Click
// and a mail client unsubscribes with a POST of `List-Unsubscribe=One-Click` (form-encoded) to
// that URL, without cookies: the signed token says who. The user's emailNotifications becomes
// 'off'; security mails (verification, password reset) still come. The /unsubscribe page posts
// here too. A GET changes nothing (mail scanners follow links).
import { errorResponses } from '@twinning/contracts/common';
import { UnsubscribeQuery, Unsubscribed } from '@twinning/contracts/mail';
import { HttpError } from '../errors.ts';
import type { Api, RouteContext } from './types.ts';

export default function mailRoutes(app: Api, { services, unsubscribeTokens }: RouteContext) {
  void app.register(async (scope) => {
    // Mail clients post a form body; only this route reads one.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    (scope as Api).post(
      '/mail/unsubscribe',
      {
        schema: {
          tags: ['accounts'],
          summary: 'One-click unsubscribe from notification mail (RFC 8058)',
          description:
            'The URL of a notification mail’s List-Unsubscribe header. The body a mail client sends is `List-Unsubscribe=One-Click` (form-encoded); any body is accepted. Sets the user’s `emailNotifications` to `off`.',
          querystring: UnsubscribeQuery,
          response: { 200: Unsubscribed, ...errorResponses },
        },
      },
      async (request) => {
        const userId = await unsubscribeTokens.verify(request.query.token);
        const done =
          userId !== null &&
          (await services.repositories.users.setEmailNotifications(userId, 'off'));
        if (!done) {
          throw new HttpError(
            400,
            'invalid_token',
            'This unsubscribe link is not valid. Change your e-mail settings on Twinning instead.',
          );
        }
        return { emailNotifications: 'off' as const };
      },
    );
  });
}
