// Conversations and notifications over HTTP (API.md, "Conversations and real time"): lists and
// history for pages; live delivery is the WebSocket's (realtime.ts).
import { errorResponses, IdParams } from '@twinning/contracts/common';
import {
  Conversation,
  ConversationList,
  MarkNotificationsBody,
  MessageList,
  MessagesQuery,
  NotificationList,
  NotificationsMarked,
  NotificationsQuery,
  StartConversationBody,
} from '@twinning/contracts/conversations';
import type { ConversationSummary } from '@twinning/db/repositories/conversations';
import { requireUser } from '../plugins/sessions.ts';
import { messageView } from '../services/conversations.ts';
import type { Api, RouteContext } from './types.ts';

function conversationView(c: ConversationSummary) {
  return { ...c, lastMessage: c.lastMessage && messageView(c.lastMessage) };
}

export default function conversationRoutes(app: Api, { services }: RouteContext) {
  app.get(
    '/conversations',
    {
      schema: {
        tags: ['real time'],
        summary: 'The user’s conversations, latest message first, with unread counts',
        response: { 200: ConversationList, ...errorResponses },
      },
    },
    async (request) => ({
      items: (await services.conversations.list(requireUser(request))).map(conversationView),
    }),
  );

  app.post(
    '/conversations',
    {
      schema: {
        tags: ['real time'],
        summary: 'A direct conversation with a user: the existing one (200) or a new one (201)',
        description:
          'Open between verified lecturers and admins (verified affiliation, verified institution), between a student and the owner of an offer the student applied to, and with the secretariat; 403 otherwise.',
        body: StartConversationBody,
        response: { 200: Conversation, 201: Conversation, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { conversation, created } = await services.conversations.startDirect(
        requireUser(request),
        request.body.userId,
      );
      return reply.code(created ? 201 : 200).send(conversationView(conversation));
    },
  );

  app.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags: ['real time'],
        summary: 'History in ascending seq: after `afterSeq`, or the newest before `beforeSeq`',
        description: 'Members only. Without either, the newest `limit` messages.',
        params: IdParams,
        querystring: MessagesQuery,
        response: { 200: MessageList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await services.conversations.history(requireUser(request), request.params.id, {
        afterSeq: request.query.afterSeq,
        beforeSeq: request.query.beforeSeq,
        limit: request.query.limit ?? 50,
      }),
    }),
  );

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
    async (request) =>
      services.conversations.notifications(requireUser(request), request.query.limit ?? 30),
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
      marked: await services.conversations.markNotificationsRead(
        requireUser(request),
        request.body.ids,
      ),
    }),
  );
}
