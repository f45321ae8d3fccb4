import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lecturerAt, postOffer, secretariat, signUp } from '../testing/actors.ts';
import { appForEachTest } from '../testing/app-for-each-test.ts';
import type { TestApp, TestClock } from '../testing/test-app.ts';
import { api, fieldsNamed } from '../testing/api-request.ts';

let t: TestApp;
let clock: TestClock;
appForEachTest((fresh) => ({ t, clock } = fresh));

function putAvatar(cookie: string, body: Buffer, contentType = 'image/png') {
  return t.app.inject({
    method: 'PUT',
    url: '/api/me/avatar',
    headers: { cookie, 'content-type': contentType },
    payload: body,
  });
}

/** A photo as a camera writes it: not square, with EXIF naming its owner. */
function cameraPhoto(format: 'png' | 'jpeg' | 'webp' = 'jpeg') {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#3366cc' } })
    .withExif({ IFD0: { Copyright: 'Secret Owner', Artist: 'Secret Owner' } })
    .toFormat(format)
    .toBuffer();
}

describe('PATCH /api/me', () => {
  it('changes only the fields given and GET /api/me shows them', async () => {
    const me = await lecturerAt(t, 'inst-tum');
    const res = await api(t, 'PATCH', '/api/me', {
      cookie: me.cookie,
      payload: {
        name: '  Anna Weber ',
        title: 'Prof. Dr.',
        bio: 'Teaches software engineering with partners in Asia.',
        languages: [
          { code: 'de', level: 'native' },
          { code: 'EN', level: 'C1' },
        ],
        timeZone: 'Europe/Berlin',
        locale: 'de',
        emailNotifications: 'daily',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({
      id: me.id,
      name: 'Anna Weber',
      title: 'Prof. Dr.',
      bio: 'Teaches software engineering with partners in Asia.',
      languages: [
        { code: 'de', level: 'native' },
        { code: 'en', level: 'C1' },
      ],
      timeZone: 'Europe/Berlin',
      locale: 'de',
      emailNotifications: 'daily',
    });
    expect(res.json().affiliation).toMatchObject({ institutionId: 'inst-tum', status: 'verified' });

    const partial = await api(t, 'PATCH', '/api/me', {
      cookie: me.cookie,
      payload: { title: '', emailNotifications: 'off' },
    });
    expect(partial.json().user).toMatchObject({
      name: 'Anna Weber',
      title: null,
      locale: 'de',
      emailNotifications: 'off',
    });
    const read = await api(t, 'GET', '/api/me', { cookie: me.cookie });
    expect(read.json().user).toEqual(partial.json().user);
  });

  it('names every bad field, and changes nothing then', async () => {
    const me = await signUp(t, 'student', { name: 'Linh Tran' });
    const res = await api(t, 'PATCH', '/api/me', {
      cookie: me.cookie,
      payload: {
        name: '',
        title: 'x'.repeat(81),
        bio: 'x'.repeat(2001),
        languages: [
          { code: 'xx', level: 'B2' },
          { code: 'vi', level: 'fluent' },
        ],
        timeZone: 'Asia/Atlantis',
        locale: 'pt',
        emailNotifications: 'weekly',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(fieldsNamed(res)).toEqual([
      'bio',
      'emailNotifications',
      'languages.0.code',
      'languages.1.level',
      'locale',
      'name',
      'timeZone',
      'title',
    ]);
    const read = await api(t, 'GET', '/api/me', { cookie: me.cookie });
    expect(read.json().user).toMatchObject({ name: 'Linh Tran', title: null, timeZone: null });
  });

  it('asks for a session and refuses unknown fields by name', async () => {
    expect((await api(t, 'PATCH', '/api/me', { payload: { name: 'X' } })).statusCode).toBe(401);
    const me = await signUp(t, 'student');
    const res = await api(t, 'PATCH', '/api/me', {
      cookie: me.cookie,
      payload: { role: 'secretariat' },
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsNamed(res)).toEqual(['role']);
  });
});

describe('GET /api/users/:id', () => {
  it('shows a lecturer’s public profile to anyone, in exactly the shape of API.md', async () => {
    const lecturer = await lecturerAt(t, 'inst-kyoto');
    await api(t, 'PATCH', '/api/me', {
      cookie: lecturer.cookie,
      payload: {
        title: 'Associate Professor',
        timeZone: 'Asia/Tokyo',
        languages: [{ code: 'ja', level: 'native' }],
      },
    });
    const res = await api(t, 'GET', `/api/users/${lecturer.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: lecturer.id,
      name: expect.any(String),
      title: 'Associate Professor',
      bio: null,
      role: 'lecturer',
      institutionId: 'inst-kyoto',
      languages: [{ code: 'ja', level: 'native' }],
      timeZone: 'Asia/Tokyo',
      avatarUrl: null,
    });
    expect(res.body).not.toContain('@');
  });

  it('shows a student only to themselves, the secretariat and owners of offers they applied to', async () => {
    const owner = await lecturerAt(t, 'inst-tum');
    const other = await lecturerAt(t, 'inst-kyoto');
    const offer = await postOffer(t, owner.cookie);
    const student = await signUp(t, 'student', { name: 'Linh Tran' });
    const classmate = await signUp(t, 'student');
    const office = await secretariat(t);
    const url = `/api/users/${student.id}`;
    const statusFor = async (cookie?: string) => (await api(t, 'GET', url, { cookie })).statusCode;

    // Before applying: nobody but the student and the secretariat.
    expect(await statusFor(owner.cookie)).toBe(404);
    const applied = await api(t, 'POST', `/api/offers/${offer.id}/applications`, {
      cookie: student.cookie,
      payload: {
        motivation: 'I study computer science and want to work in an international team.',
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);

    expect(await statusFor(owner.cookie)).toBe(200);
    expect(await statusFor(student.cookie)).toBe(200);
    expect(await statusFor(office.cookie)).toBe(200);
    // The same 404 as for no one at all: nothing says the student exists.
    const refused = await api(t, 'GET', url, { cookie: other.cookie });
    const missing = await api(t, 'GET', '/api/users/no-such-person', { cookie: other.cookie });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual(missing.json());
    expect(await statusFor(classmate.cookie)).toBe(404);
    expect(await statusFor(undefined)).toBe(404);
    expect((await api(t, 'GET', `${url}/activity`, { cookie: other.cookie })).statusCode).toBe(404);
  });

  it('lists the fields taught, the open offers and the finished partnerships with the partner', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const a = await postOffer(t, berlin.cookie, {
      title: 'Software engineering together',
      fields: ['0613'],
    });
    const b = await postOffer(t, kyoto.cookie, {
      fields: ['0613'],
      timeZone: 'Asia/Tokyo',
      windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
    });
    const open = await postOffer(t, berlin.cookie, {
      title: 'Sustainable cities',
      fields: ['0731', '0532'],
    });
    const request = await api(t, 'POST', '/api/partnerships', {
      cookie: berlin.cookie,
      payload: { offerId: a.id, partnerOfferId: b.id, message: 'Together?' },
    });
    const p = request.json();
    await api(t, 'POST', `/api/partnerships/${p.id}/accept`, { cookie: kyoto.cookie });
    clock.advanceDays(10);
    const done = await api(t, 'POST', `/api/partnerships/${p.id}/complete`, {
      cookie: kyoto.cookie,
      payload: { studentsA: 20, studentsB: 18 },
    });
    expect(done.statusCode, done.body).toBe(200);

    const res = await api(t, 'GET', `/api/users/${berlin.id}/activity`);
    expect(res.statusCode).toBe(200);
    const activity = res.json();
    expect(activity.fields).toEqual(['0532', '0613', '0731']);
    expect(activity.openOffers.map((o: { id: string }) => o.id)).toEqual([open.id]);
    expect(activity.finishedPartnerships).toEqual([
      {
        id: p.id,
        completedAt: clock.current.toISOString(),
        offerId: a.id,
        offerTitle: 'Software engineering together',
        partnerOfferId: b.id,
        partnerOfferTitle: b.title,
        partnerId: kyoto.id,
        partnerName: expect.stringMatching(/^lecturer \d+$/),
        partnerInstitutionId: 'inst-kyoto',
        partnerInstitutionName: expect.stringContaining('Kyoto'),
      },
    ]);
    const kyotoSide = (await api(t, 'GET', `/api/users/${kyoto.id}/activity`)).json();
    expect(kyotoSide.finishedPartnerships[0]).toMatchObject({
      offerId: b.id,
      partnerId: berlin.id,
    });
  });

  it('hides a suspended account from everyone but the secretariat', async () => {
    const lecturer = await lecturerAt(t, 'inst-tum');
    const office = await secretariat(t);
    const suspend = await api(t, 'POST', `/api/users/${lecturer.id}/suspend`, {
      cookie: office.cookie,
      payload: { reason: 'Fake profile' },
    });
    expect(suspend.statusCode, suspend.body).toBe(200);
    expect((await api(t, 'GET', `/api/users/${lecturer.id}`)).statusCode).toBe(404);
    expect((await api(t, 'GET', `/api/users/${lecturer.id}/activity`)).statusCode).toBe(404);
    const seen = await api(t, 'GET', `/api/users/${lecturer.id}`, { cookie: office.cookie });
    expect(seen.statusCode).toBe(200);
  });

  it('hides the secretariat’s accounts from everyone else', async () => {
    const office = await secretariat(t);
    const me = (await api(t, 'GET', '/api/me', { cookie: office.cookie })).json().user;
    const lecturer = await lecturerAt(t, 'inst-tum');
    expect(
      (await api(t, 'GET', `/api/users/${me.id}`, { cookie: lecturer.cookie })).statusCode,
    ).toBe(404);
    expect((await api(t, 'GET', `/api/users/${me.id}`, { cookie: office.cookie })).statusCode).toBe(
      200,
    );
  });
});

describe('avatars', () => {
  it('resizes an upload to a 256 px WebP square without its metadata, served with cache headers', async () => {
    const me = await lecturerAt(t, 'inst-tum');
    const upload = await cameraPhoto('jpeg');
    expect((await sharp(upload).metadata()).exif).toBeDefined();
    // The header says PNG; the bytes are a JPEG: the bytes decide.
    const res = await putAvatar(me.cookie, upload, 'image/png');
    expect(res.statusCode, res.body).toBe(200);
    const { avatarUrl } = res.json();
    expect(avatarUrl).toMatch(new RegExp(`^/api/users/${me.id}/avatar\\?v=\\d+$`));
    expect((await api(t, 'GET', `/api/users/${me.id}`)).json().avatarUrl).toBe(avatarUrl);

    const image = await t.app.inject({ method: 'GET', url: avatarUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(image.rawPayload.includes(Buffer.from('Secret Owner'))).toBe(false);

    // Unversioned: revalidate each time, and the ETag answers 304.
    const plain = await t.app.inject({ method: 'GET', url: `/api/users/${me.id}/avatar` });
    expect(plain.headers['cache-control']).toBe('public, no-cache');
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/users/${me.id}/avatar`,
      headers: { 'if-none-match': String(plain.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    // A new avatar has a new address.
    clock.advanceDays(1);
    const png = await putAvatar(me.cookie, await cameraPhoto('png'), 'application/octet-stream');
    expect(png.statusCode).toBe(200);
    expect(png.json().avatarUrl).not.toBe(avatarUrl);
    const webp = await putAvatar(me.cookie, await cameraPhoto('webp'), 'image/webp');
    expect(webp.statusCode).toBe(200);
  });

  it('refuses what is not a JPEG, PNG or WebP by its bytes, a damaged image, and anything over 5 MB', async () => {
    const me = await lecturerAt(t, 'inst-tum');
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const refused = await putAvatar(me.cookie, svg, 'image/png');
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error).toMatchObject({ code: 'unsupported_media_type' });
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    expect((await putAvatar(me.cookie, gif, 'image/jpeg')).statusCode).toBe(415);

    const jpeg = await cameraPhoto('jpeg');
    const damaged = await putAvatar(me.cookie, jpeg.subarray(0, 200), 'image/jpeg');
    expect(damaged.statusCode).toBe(400);
    expect(fieldsNamed(damaged)).toEqual(['avatar']);

    const huge = Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await putAvatar(me.cookie, huge, 'image/jpeg');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('payload_too_large');

    expect((await putAvatar('', jpeg)).statusCode).toBe(401);
    expect((await api(t, 'GET', `/api/users/${me.id}`)).json().avatarUrl).toBe(null);
  });

  it('deletes the avatar; a student’s is private, and hidden like their profile', async () => {
    const owner = await lecturerAt(t, 'inst-tum');
    const other = await lecturerAt(t, 'inst-kyoto');
    const student = await signUp(t, 'student');
    const set = await putAvatar(student.cookie, await cameraPhoto('png'));
    expect(set.statusCode).toBe(200);
    const { avatarUrl } = set.json();
    const own = await t.app.inject({
      method: 'GET',
      url: avatarUrl,
      headers: { cookie: student.cookie },
    });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect((await api(t, 'GET', avatarUrl, { cookie: other.cookie })).statusCode).toBe(404);
    expect((await api(t, 'GET', avatarUrl, { cookie: owner.cookie })).statusCode).toBe(404);

    const removed = await api(t, 'DELETE', '/api/me/avatar', { cookie: student.cookie });
    expect(removed.statusCode).toBe(204);
    expect((await api(t, 'GET', avatarUrl, { cookie: student.cookie })).statusCode).toBe(404);
    expect(
      (await api(t, 'GET', `/api/users/${student.id}`, { cookie: student.cookie })).json()
        .avatarUrl,
    ).toBe(null);
  });
});
