// Conversations, messages and notifications (API.md, "Conversations and real time").
import { Type, type Static } from 'typebox';

export const Message = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  seq: Type.Integer({ description: '1, 2, 3 … within a conversation, no gaps' }),
  authorId: Type.String(),
  body: Type.String({ description: '1–4000 characters, plain text' }),
  clientMessageId: Type.String({
    description: 'The sender’s id for the message; a retry reuses it',
  }),
  createdAt: Type.String({ format: 'date-time' }),
});
/** One message: the same shape in history, in `message` and `ack` frames, and in events. */
export type Message = Static<typeof Message>;

export const ConversationMember = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  institutionId: Type.Union([Type.String(), Type.Null()]),
  institutionName: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
  lastReadSeq: Type.Integer({ description: 'The member’s read cursor' }),
});
export type ConversationMember = Static<typeof ConversationMember>;

export const Conversation = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('partnership'), Type.Literal('direct')]),
  title: Type.String(),
  lastSeq: Type.Integer(),
  members: Type.Array(ConversationMember),
  unread: Type.Integer({ description: 'Messages after the user’s read cursor' }),
  lastMessage: Type.Union([Message, Type.Null()]),
});
export type Conversation = Static<typeof Conversation>;

export const ConversationList = Type.Object({ items: Type.Array(Conversation) });
export type ConversationList = Static<typeof ConversationList>;

export const StartConversationBody = Type.Object({
  userId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const MessagesQuery = Type.Object({
  afterSeq: Type.Optional(Type.Integer({ minimum: 0 })),
  beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type MessagesQuery = Static<typeof MessagesQuery>;

export const MessageList = Type.Object({ items: Type.Array(Message) });
export type MessageList = Static<typeof MessageList>;

export const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String({
    description:
      'partnership_requested, partnership_decided, partnership_completed, application_received, application_decided, application_withdrawn, round_proposal …',
  }),
  payload: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Notification = Static<typeof Notification>;

export const NotificationList = Type.Object({
  items: Type.Array(Notification),
  unread: Type.Integer(),
});
export type NotificationList = Static<typeof NotificationList>;

export const NotificationsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
});

export const MarkNotificationsBody = Type.Object({
  ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 })),
});

export const NotificationsMarked = Type.Object({
  marked: Type.Integer({ description: 'How many notifications were unread and are read now' }),
});
export type NotificationsMarked = Static<typeof NotificationsMarked>;
