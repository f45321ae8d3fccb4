// Notifications over HTTP (API.md, "Conversations and real time"): the list the bell opens and
// marking them read; new ones also arrive over the WebSocket (realtime.ts).
import { errorResponses } from '@twinning/contracts/common';
import {
  MarkNotificationsBody,
  NotificationList,
  NotificationsMarked,
  NotificationsQuery,
} from '@twinning/contracts/conversations';
import { requireUser } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

export default function notificationRoutes(app: Api, { services }: RouteContext) {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['real time'],
        summary: 'The user’s notifications, newest first, and how many are unread',
        querystring: NotificationsQuery,
        response: { 200: NotificationList, ...errorResponses },
      },
    },
    async (request) => services.notifications.list(requireUser(request), request.query.limit ?? 30),
  );

  app.post(
    '/notifications/read',
    {
      schema: {
        tags: ['real time'],
        summary: 'Mark notifications read: those `ids`, or all',
        body: MarkNotificationsBody,
        response: { 200: NotificationsMarked, ...errorResponses },
      },
    },
    async (request) => ({
      marked: await services.notifications.markRead(requireUser(request), request.body.ids),
    }),
  );
}
