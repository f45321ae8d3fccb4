// People: public profiles and what a profile page shows, one's own profile and settings,
// avatars (`/api/users/:id`, `PATCH /api/me`, `/api/me/avatar`).
import type { MeReply } from '@twinning/contracts/accounts';
import type { PersonActivity, PublicProfile, UpdateMeBody } from '@twinning/contracts/people';
import { apiRequest, type Fetch } from './request';

export async function getProfile(fetch: Fetch, id: string): Promise<PublicProfile> {
  return (await apiRequest<PublicProfile>(fetch, `/api/users/${encodeURIComponent(id)}`)).body;
}

export async function getActivity(fetch: Fetch, id: string): Promise<PersonActivity> {
  return (await apiRequest<PersonActivity>(fetch, `/api/users/${encodeURIComponent(id)}/activity`))
    .body;
}

export async function updateMe(fetch: Fetch, body: UpdateMeBody): Promise<MeReply> {
  return (await apiRequest<MeReply>(fetch, '/api/me', { method: 'PATCH', body })).body;
}

export async function uploadAvatar(fetch: Fetch, image: Blob): Promise<PublicProfile> {
  const reply = await apiRequest<PublicProfile>(fetch, '/api/me/avatar', {
    method: 'PUT',
    upload: { bytes: image, contentType: image.type || 'application/octet-stream' },
  });
  return reply.body;
}

export async function deleteAvatar(fetch: Fetch): Promise<void> {
  await apiRequest<undefined>(fetch, '/api/me/avatar', { method: 'DELETE' });
}
