// The WebSocket's frames (API.md, "Conversations and real time"): JSON objects told apart by
// `type`. The server checks every client frame against these schemas (compiled once); the
// browser's client takes its frame types from them.
import { Type, type Static } from 'typebox';
import { Message, Notification } from './conversations.ts';

const ConversationId = Type.String({ minLength: 1, maxLength: 64 });
const Seq = Type.Integer({ minimum: 0 });

// ---------------------------------------------------------------- client → server

export const SubscribeFrame = Type.Object(
  {
    type: Type.Literal('subscribe'),
    conversationId: ConversationId,
    afterSeq: Type.Optional(
      Type.Integer({ minimum: 0, description: 'The last seq the client holds (default 0)' }),
    ),
  },
  {
    description:
      'Every message with seq > afterSeq in order as `message` frames, then `subscribed`, then live messages (members only)',
  },
);

export const SendFrame = Type.Object(
  {
    type: Type.Literal('send'),
    conversationId: ConversationId,
    clientMessageId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The sender’s id for the message; a retry reuses it and stores nothing new',
    }),
    body: Type.String({
      minLength: 1,
      maxLength: 4000,
      pattern: '\\S',
      description: '1–4000 characters of plain text, not only spaces',
    }),
  },
  { description: '`ack` to the sender, `message` to every subscribed socket of every member' },
);

export const TypingFrame = Type.Object(
  { type: Type.Literal('typing'), conversationId: ConversationId },
  { description: '`typing` to the other members' },
);

export const ReadFrame = Type.Object(
  {
    type: Type.Literal('read'),
    conversationId: ConversationId,
    seq: Type.Integer({
      minimum: 0,
      description: 'Read up to here; the cursor only moves forward',
    }),
  },
  { description: '`read` to the other members and the reader’s other sockets' },
);

export const PingFrame = Type.Object({ type: Type.Literal('ping') }, { description: '`pong`' });

/** The schema of each client frame, by its `type`. */
export const clientFrames = {
  subscribe: SubscribeFrame,
  send: SendFrame,
  typing: TypingFrame,
  read: ReadFrame,
  ping: PingFrame,
};

export const ClientFrame = Type.Union(
  [SubscribeFrame, SendFrame, TypingFrame, ReadFrame, PingFrame],
  { description: 'A frame the client sends over `/api/ws`' },
);
export type ClientFrame = Static<typeof ClientFrame>;
export type ClientFrameType = keyof typeof clientFrames;

// ---------------------------------------------------------------- server → client

export const MessageFrame = Type.Object({ type: Type.Literal('message'), message: Message });

export const SubscribedFrame = Type.Object({
  type: Type.Literal('subscribed'),
  conversationId: Type.String(),
  lastSeq: Type.Integer({ description: 'The last seq replayed: the socket is live from here' }),
});

export const AckFrame = Type.Object({
  type: Type.Literal('ack'),
  clientMessageId: Type.String(),
  message: Message,
});

export const MemberTypingFrame = Type.Object({
  type: Type.Literal('typing'),
  conversationId: Type.String(),
  userId: Type.String(),
});

export const MemberReadFrame = Type.Object({
  type: Type.Literal('read'),
  conversationId: Type.String(),
  userId: Type.String(),
  seq: Seq,
});

export const PongFrame = Type.Object({ type: Type.Literal('pong') });

export const NotificationFrame = Type.Object({
  type: Type.Literal('notification'),
  notification: Notification,
});

export const ErrorFrame = Type.Object({
  type: Type.Literal('error'),
  code: Type.String({
    description:
      'invalid_frame, invalid_input, unknown_type, too_large, rate_limited, forbidden, not_found …',
  }),
  message: Type.String({ description: 'What is wrong, naming the field' }),
  ref: Type.Optional(
    Type.String({ description: 'The clientMessageId or conversationId of the frame refused' }),
  ),
});

export const ServerFrame = Type.Union(
  [
    MessageFrame,
    SubscribedFrame,
    AckFrame,
    MemberTypingFrame,
    MemberReadFrame,
    PongFrame,
    NotificationFrame,
    ErrorFrame,
  ],
  { description: 'A frame the server sends over `/api/ws`' },
);
export type ServerFrame = Static<typeof ServerFrame>;
export type ErrorFrame = Static<typeof ErrorFrame>;
