// The user's notifications (`/api/notifications`); new ones also arrive over the WebSocket.
import { apiRequest, type Fetch } from './request';

/** `kind` names what happened; `payload` carries its ids and names (API.md). */
export interface Notification {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
}

/** The newest notifications and how many are unread. */
export async function listNotifications(fetch: Fetch, limit = 20): Promise<NotificationList> {
  const reply = await apiRequest<NotificationList>(fetch, '/api/notifications', {
    query: { limit },
  });
  return reply.body;
}

/** Marks those notifications read, or all of them; returns how many changed. */
export async function markNotificationsRead(fetch: Fetch, ids?: string[]): Promise<number> {
  const reply = await apiRequest<{ marked: number }>(fetch, '/api/notifications/read', {
    method: 'POST',
    body: ids ? { ids } : {},
  });
  return reply.body.marked;
}
