// Small words about a conversation the list and the view share: who the other side is,
// where they are, and a preview of the last message.
import type { Conversation, ConversationMember } from '$lib/api/conversations';
import { m } from '$lib/paraglide/messages';

/** The members other than the user (the first is "the partner" in a direct conversation). */
export function otherMembers(c: Conversation, userId: string): ConversationMember[] {
  const others = c.members.filter((member) => member.id !== userId);
  return others.length > 0 ? others : c.members;
}

/** "University of Kyoto, Japan", or what of it is known. */
export function memberPlace(member: ConversationMember, countryNames: Record<string, string>) {
  const country = member.country ? (countryNames[member.country] ?? member.country) : '';
  if (member.institutionName && country) {
    return m.messages_member_place({ institution: member.institutionName, country });
  }
  return member.institutionName ?? country;
}

/** The last message on one line, at most `max` characters. */
export function preview(c: Conversation, userId: string, max = 90): string {
  const last = c.lastMessage;
  if (!last) return m.messages_none_yet();
  const flat = last.body.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  const short = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
  return last.authorId === userId ? m.messages_you_wrote({ text: short }) : short;
}
