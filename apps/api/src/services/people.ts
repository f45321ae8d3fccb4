// People: who may read whose profile, one's own profile and settings, avatars. Students are
// seen only by themselves, the secretariat and owners of offers they applied to; everyone
// else's answer is the same 404 as for an id that does not exist, so it reveals nothing.
import sharp from 'sharp';
import { avatarLimits, avatarSourceType } from '@twinning/core/people/avatar';
import { validateProfilePatch, type ProfilePatchInput } from '@twinning/core/people/profile';
import type { Repositories } from '@twinning/db/repositories';
import type { PersonProfile } from '@twinning/db/repositories/people';
import type { User } from '@twinning/db/repositories/users';
import { HttpError, invalidInput, notFound } from '../errors.ts';
import { isSecretariat, isStaff } from './guards.ts';

export interface PeopleServiceDeps {
  repositories: Pick<Repositories, 'users' | 'people'>;
  now: () => Date;
}

/** The profile as API.md shows it. */
export interface PublicProfile {
  id: string;
  name: string;
  title: string | null;
  bio: string | null;
  role: User['role'];
  institutionId: string | null;
  languages: { code: string; level: string }[];
  timeZone: string | null;
  avatarUrl: string | null;
}

/** The avatar's address, with its version so a browser may keep it for good. */
export function avatarUrlOf(userId: string, updatedAt: Date | null): string | null {
  return updatedAt
    ? `/api/users/${encodeURIComponent(userId)}/avatar?v=${updatedAt.getTime()}`
    : null;
}

function publicProfile(profile: PersonProfile): PublicProfile {
  return {
    id: profile.id,
    name: profile.name,
    title: profile.title,
    bio: profile.bio,
    role: profile.role,
    institutionId: profile.institutionId,
    languages: profile.languages,
    timeZone: profile.timeZone,
    avatarUrl: avatarUrlOf(profile.id, profile.avatarUpdatedAt),
  };
}

export function createPeopleService({ repositories, now }: PeopleServiceDeps) {
  const { users, people } = repositories;

  /** The person if `viewer` may see them (null: nobody signed in), else a 404. */
  async function visibleProfile(viewer: User | null, id: string): Promise<PersonProfile> {
    const profile = await people.findProfile(id);
    if (!profile) throw notFound('person');
    if (viewer && (viewer.id === id || isSecretariat(viewer))) return profile;
    if (profile.suspended) throw notFound('person');
    if (isStaff(profile)) return profile;
    if (
      profile.role === 'student' &&
      viewer &&
      isStaff(viewer) &&
      (await people.appliedToOfferOf(profile.id, viewer.id))
    )
      return profile;
    throw notFound('person');
  }

  return {
    async profile(viewer: User | null, id: string): Promise<PublicProfile> {
      return publicProfile(await visibleProfile(viewer, id));
    },

    /** What the /people/:id page shows beside the profile: fields taught, open offers, results. */
    async activity(viewer: User | null, id: string) {
      await visibleProfile(viewer, id);
      const [offers, finished] = await Promise.all([
        people.offersOf(id),
        people.finishedPartnershipsOf(id),
      ]);
      return {
        fields: [...new Set(offers.flatMap((offer) => offer.fields))].sort(),
        openOffers: offers.filter((offer) => offer.status === 'open'),
        finishedPartnerships: finished.map((p) => ({
          ...p,
          completedAt: p.completedAt?.toISOString() ?? null,
        })),
      };
    },

    async updateMe(user: User, input: ProfilePatchInput): Promise<User> {
      const result = validateProfilePatch(input);
      if (!result.ok) throw invalidInput(result.problems);
      const updated = await users.updateProfile(user.id, result.patch);
      if (!updated) throw notFound('user');
      return updated;
    },

    /**
     * Checks the upload is a JPEG, PNG or WebP by its bytes, decodes it (a file that only starts
     * like an image is refused here), turns it upright, crops it to a square of
     * `avatarLimits.size` px and stores it as WebP: re-encoding drops EXIF, GPS and every other
     * piece of metadata the camera wrote.
     */
    async setAvatar(user: User, upload: Buffer): Promise<PublicProfile> {
      if (upload.length > avatarLimits.maxBytes) {
        throw new HttpError(413, 'payload_too_large', 'The image must be at most 5 MB.');
      }
      if (upload.length === 0 || !avatarSourceType(upload)) {
        throw new HttpError(
          415,
          'unsupported_media_type',
          'The avatar must be a JPEG, PNG or WebP image.',
          [{ field: 'avatar', message: 'must be a JPEG, PNG or WebP image' }],
        );
      }
      let data: Buffer;
      try {
        data = await sharp(upload, { limitInputPixels: 50_000_000, failOn: 'error' })
          .rotate()
          .resize(avatarLimits.size, avatarLimits.size, { fit: 'cover', position: 'centre' })
          .webp({ quality: 82 })
          .toBuffer();
      } catch {
        throw invalidInput(
          [
            {
              field: 'avatar',
              message: 'could not be read as an image (damaged, or too many pixels)',
            },
          ],
          'The image could not be read: it may be damaged or too large in pixels.',
        );
      }
      await people.putAvatar(user.id, { contentType: 'image/webp', data, updatedAt: now() });
      return this.profile(user, user.id);
    },

    async deleteAvatar(user: User): Promise<void> {
      await people.deleteAvatar(user.id);
    },

    /** The avatar bytes, if `viewer` may see the person and they have one. */
    async avatar(viewer: User | null, id: string) {
      const profile = await visibleProfile(viewer, id);
      const avatar = await people.findAvatar(id);
      if (!avatar) throw notFound('avatar');
      return { ...avatar, public: isStaff(profile) && !profile.suspended };
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
