// The user's notifications (`/api/notifications`); new ones also arrive over the WebSocket.
import type { NotificationList, NotificationsMarked } from '@twinning/contracts/conversations';
import { apiRequest, type Fetch } from './request';

export type { Notification, NotificationList } from '@twinning/contracts/conversations';

/** The newest notifications and how many are unread. */
export async function listNotifications(fetch: Fetch, limit = 20): Promise<NotificationList> {
  const reply = await apiRequest<NotificationList>(fetch, '/api/notifications', {
    query: { limit },
  });
  return reply.body;
}

/** Marks those notifications read, or all of them; returns how many changed. */
export async function markNotificationsRead(fetch: Fetch, ids?: string[]): Promise<number> {
  const reply = await apiRequest<NotificationsMarked>(fetch, '/api/notifications/read', {
    method: 'POST',
    body: ids ? { ids } : {},
  });
  return reply.body.marked;
}
