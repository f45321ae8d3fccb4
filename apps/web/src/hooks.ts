// Universal hooks: map a localised URL back to its route (a no-op while the base locale's
// URLs carry no prefix, but it keeps the door open for a `url` strategy later).
import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
