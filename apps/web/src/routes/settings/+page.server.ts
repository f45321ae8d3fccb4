// Settings: the profile others see (name, title, bio, languages, picture), the language of pages
// and mails, the time zone and the e-mail preference. Each section is its own form, so saving
// one never sends (or loses) what is typed in another.
import { fail } from '@sveltejs/kit';
import { cefrLevels } from '@twinning/core/vocabulary/themes';
import { supportedLocales } from '@twinning/core/people/profile';
import { deleteAvatar, getProfile, updateMe, uploadAvatar } from '$lib/api/people';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { failFromApiError, formErrorMessage } from '$lib/server/form-failure';
import { languageOptions, timeZoneGroups } from '$lib/server/offer-authoring';
import { signedInUser } from '$lib/server/page-access';
import type { Actions, PageServerLoad } from './$types';

export interface ProfileValues {
  name: string;
  title: string;
  bio: string;
  languages: { code: string; level: string }[];
}

/** Names of the supported locales, each in its own language (how people look for theirs). */
function localeOptions(): { code: string; name: string }[] {
  return supportedLocales.map((code) => ({
    code,
    name: new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code,
  }));
}

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  const locale = getLocale();
  const avatarUrl = await getProfile(fetch, user.id).then(
    (profile) => profile.avatarUrl,
    (cause: unknown) => {
      if (!(cause instanceof ApiError)) throw cause;
      return null;
    },
  );
  return {
    userId: user.id,
    avatarUrl,
    profile: {
      name: user.name,
      title: user.title ?? '',
      bio: user.bio ?? '',
      languages: user.languages.map((l) => ({ code: l.code, level: l.level })),
    } satisfies ProfileValues,
    locale: user.locale ?? '',
    timeZone: user.timeZone ?? '',
    emailNotifications: user.emailNotifications,
    languageOptions: languageOptions(locale),
    levels: cefrLevels,
    localeOptions: localeOptions(),
    timeZoneGroups: timeZoneGroups(locale),
  };
};

function readProfile(form: FormData): ProfileValues {
  const text = (name: string) => String(form.get(name) ?? '');
  const languages: ProfileValues['languages'] = [];
  for (let i = 0; form.has(`languages.${i}.code`); i++) {
    languages.push({ code: text(`languages.${i}.code`), level: text(`languages.${i}.level`) });
  }
  return { name: text('name'), title: text('title'), bio: text('bio'), languages };
}

/** A setting of one field: saved, or the API's word on it beside that field. */
async function saveOne(
  fetch: typeof globalThis.fetch,
  section: 'locale' | 'timeZone' | 'emailNotifications',
  value: string,
) {
  try {
    await updateMe(fetch, { [section]: value === '' ? null : value });
    return { section, saved: true as const };
  } catch (cause) {
    const failure = failFromApiError(cause, { [section]: value }, [section]);
    return fail(failure.status, { section, ...failure.data });
  }
}

export const actions: Actions = {
  profile: async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    const values = readProfile(await request.formData());
    // Empty rows are ignored; the numbering of the rows sent is kept for the errors.
    const kept = values.languages
      .map((row, index) => ({ ...row, index }))
      .filter((row) => row.code.trim() !== '' || row.level.trim() !== '');
    try {
      await updateMe(fetch, {
        name: values.name,
        title: values.title,
        bio: values.bio,
        languages: kept.map(({ code, level }) => ({ code, level })),
      });
    } catch (caught) {
      let cause = caught;
      if (cause instanceof ApiError && cause.status === 400) {
        // The API numbers the languages it was sent; the form numbers its rows.
        const renumbered = cause.details.map((detail) => {
          const match = /^languages\.(\d+)\.(.+)$/.exec(detail.field);
          const row = match ? kept[Number(match[1])] : undefined;
          return row && match ? { ...detail, field: `languages.${row.index}.${match[2]}` } : detail;
        });
        cause = new ApiError(cause.status, cause.code, cause.message, renumbered);
      }
      const fields = [
        'name',
        'title',
        'bio',
        'languages',
        ...values.languages.flatMap((_, i) => [`languages.${i}.code`, `languages.${i}.level`]),
      ];
      const failure = failFromApiError(cause, values, fields);
      return fail(failure.status, { section: 'profile' as const, ...failure.data });
    }
    return { section: 'profile' as const, saved: true as const };
  },

  avatar: async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    const image = (await request.formData()).get('avatar');
    if (!(image instanceof File) || image.size === 0) {
      return fail(400, { section: 'avatar' as const, avatarError: m.settings_avatar_missing() });
    }
    try {
      await uploadAvatar(fetch, image);
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      const avatarError =
        cause.status === 413
          ? m.settings_avatar_too_large()
          : cause.status === 415
            ? m.settings_avatar_wrong_type()
            : cause.status === 400
              ? m.settings_avatar_unreadable()
              : formErrorMessage(cause);
      return fail(cause.status, { section: 'avatar' as const, avatarError });
    }
    return { section: 'avatar' as const, saved: true as const };
  },

  removeAvatar: async ({ fetch, locals, url }) => {
    signedInUser(locals, url);
    try {
      await deleteAvatar(fetch);
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      return fail(cause.status, {
        section: 'avatar' as const,
        avatarError: formErrorMessage(cause),
      });
    }
    return { section: 'avatar' as const, saved: true as const };
  },

  locale: async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    return saveOne(fetch, 'locale', String((await request.formData()).get('locale') ?? ''));
  },

  timeZone: async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    return saveOne(fetch, 'timeZone', String((await request.formData()).get('timeZone') ?? ''));
  },

  email: async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    const choice = String((await request.formData()).get('emailNotifications') ?? '');
    return saveOne(fetch, 'emailNotifications', choice);
  },
};
