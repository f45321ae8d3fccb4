// Text templates for demo offers, partnership requests, conversations and student
// applications. `{name}` placeholders are filled by `fill`; every template reads as a whole,
// plausible sentence once filled.
import type { Random } from '@twinning/core/random';
import type { Topic } from './demo-topics.ts';

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

const shortCountryNames: Record<string, string> = {
  KR: 'Korea',
  LA: 'Laos',
  RU: 'Russia',
  VN: 'Vietnam',
  BN: 'Brunei',
  GB: 'the UK',
  NL: 'the Netherlands',
  PH: 'the Philippines',
  CZ: 'Czechia',
};

export function countryLabel(code: string, name: string): string {
  return shortCountryNames[code] ?? name;
}

// ---------------------------------------------------------------- offers

export function offerTitle(
  random: Random,
  topic: Topic,
  format: string,
  region: 'asia' | 'europe',
  country: string,
): string {
  const base = topic.title;
  if (/asia|europe|\bEU\b|ASEAN|border|global|international|cultur/i.test(base)) return base;
  const other = region === 'asia' ? 'Europe' : 'Asia';
  const otherAdjective = region === 'asia' ? 'European' : 'Asian';
  const variants: [string, number][] = [
    [base, 12],
    [`${base}: perspectives from ${country} and ${other}`, 3],
    [`${base}: ${country} and ${otherAdjective} cases`, 2],
  ];
  if (format === 'coil') variants.push([`${base} — an Asia–Europe COIL`, 2]);
  if (format === 'virtual_exchange') variants.push([`${base} (virtual exchange)`, 2]);
  if (format === 'blended_mobility') variants.push([`${base} with a study week abroad`, 2]);
  return random.weighted(variants);
}

const intros = [
  'This course examines {focus}.',
  'Students explore {focus}, with cases from both regions.',
  'The module introduces {focus}.',
  'We look at {focus} through readings, guest talks and hands-on work.',
  'Drawing on examples from both regions, the course covers {focus}.',
];

const formatSentences: Record<string, string[]> = {
  coil: [
    'In mixed teams with the partner class, students spend {joint} weeks on a shared assignment, meeting live once a week and working asynchronously in between.',
    'We would co-teach a {joint}-week COIL module with a partner course: a joint kick-off, teamwork across time zones and a shared final session.',
    'Small international teams meet in weekly live sessions and collaborate on a shared online board for {joint} weeks.',
  ],
  virtual_exchange: [
    'Students meet peers from the partner class in facilitated online dialogue sessions and compare how the topic plays out in their own countries.',
    'A series of {joint} online exchange sessions lets students discuss readings with peers abroad and reflect on cultural differences.',
    'Each week, students from both classes meet online in small groups to discuss a case and share examples from home.',
  ],
  virtual_mobility: [
    'Students from the partner institution can join our online lectures and seminars and take the final assessment for credit.',
    'We open the course online to partner students, who follow recorded lectures, join live seminars and earn credits.',
  ],
  blended_mobility: [
    'After {joint} weeks of online teamwork, a group of students spends one week on site at the partner institution.',
    'Online collaboration is followed by a study visit of five to ten days, hosted by one of the two partners.',
  ],
};

const outputSentences = [
  'Teams deliver {output}.',
  'The joint work ends with {output}.',
  'Assessment is based on {output} and an individual reflection.',
  'Students present {output} in a final joint session.',
];

const closingSentences = [
  'We are looking for a partner course in {seeking} at {level} level.',
  'A partner class of similar size would be ideal.',
  'Students need no prior international experience; we provide a short intercultural preparation.',
  'Guest lectures by practitioners from both regions are welcome.',
];

export function offerDescription(
  random: Random,
  topic: Topic,
  values: { format: string; weeks: number; seeking: string; level: string },
): string {
  const joint = Math.max(3, Math.min(values.weeks - 2, random.int(4, 8)));
  const all = { focus: topic.focus, output: topic.output, joint, ...values };
  const parts = [
    random.pick(intros),
    random.pick(formatSentences[values.format] ?? formatSentences.coil ?? []),
    random.pick(outputSentences),
  ];
  if (random.chance(0.55)) parts.push(random.pick(closingSentences));
  const text = fill(parts.join(' '), all);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------- partnership requests

const requests = [
  'Hello {toName}! Our course "{fromTitle}" would pair well with yours. Would you like to build a joint project for our students?',
  'Hi {toName}, I think our classes could learn a lot from each other. Interested in pairing them this term?',
  'Dear {toName}, we are looking for a partner class in {toRegion} and your offer fits our topic and schedule well. Happy to talk!',
  'Hi {toName}! Our terms overlap by {weeks} weeks and our topics match closely. Shall we pair our students?',
  'Dear {toName}, I came across your offer and would love to explore a collaboration. Our students are motivated and used to teamwork online.',
];

export function requestMessage(random: Random, values: Record<string, string | number>): string {
  return fill(random.pick(requests), values);
}

// ---------------------------------------------------------------- conversations

export type Beat =
  | 'opener'
  | 'reply'
  | 'question'
  | 'followUp'
  | 'schedule'
  | 'syllabus'
  | 'confirm'
  | 'logistics'
  | 'midterm'
  | 'wrapUp'
  | 'thanks'
  | 'decline'
  | 'declineAck'
  | 'withdraw';

const beats: Record<Beat, string[]> = {
  opener: [
    'Hi {toName}, I teach "{fromTitle}" at {fromInstitution} and I think our students would get a lot out of working with yours.',
    'Hello {toName}, I\'m {fromName} from {fromInstitution}. Your offer "{toTitle}" caught my eye: it overlaps nicely with what my students do.',
    "Dear {toName}, greetings from {fromCountry}! I'd love to explore a joint project between your course and mine. Do you have time for a short call in the next two weeks?",
    "Hi {toName}, I've just sent you a partnership request. Our terms overlap for about {weeks} weeks, which is enough for a team assignment of four to six weeks.",
  ],
  reply: [
    'Thanks {toName}, this sounds great. I had a look at your course description and the topics fit well. Could you share your syllabus?',
    'Hello {toName}! Lovely to hear from you. My students would really benefit from a perspective from {toCountry}, so I am very interested.',
    "Thank you for reaching out, {toName}. I'm interested. Let me check with our programme coordinator about credits and come back to you by the end of the week.",
    'Hi {toName}, happy to explore this. We ran a COIL with another partner last year and it was one of the highlights of the course for students.',
  ],
  question: [
    'Thanks {toName}! Before I decide: how many students do you expect, and do they need credits from our side?',
    'Hi {toName}, interesting idea. Could you tell me a bit more about the assignment you have in mind and how you would grade it?',
    'Thank you for the request, {toName}. I need to check our term dates once more: our exam period might cut into the last weeks.',
  ],
  followUp: [
    "Of course, I'll send you the syllabus this week. No rush with the decision.",
    "Thanks! I've put a one-page overview of the assignment idea in our shared folder.",
    'Sounds good. I am free for a call most mornings my time, just let me know what suits you.',
    'Great. My class has {fromClassSize} students this term, most of them in their second or third year.',
  ],
  schedule: [
    '{hoursSentence} {overlapSentence}',
    'Let me check the timing. {hoursSentence} {overlapSentence}',
  ],
  syllabus: [
    "I've uploaded my syllabus to the shared folder. Weeks {jointFrom} to {jointTo} of my term would be the best slot for the joint assignment; before that my students are still learning the basics.",
    'For assessment I would propose a shared rubric: 40% team product, 30% peer feedback and 30% individual reflection. Would that work with your grading rules?',
    'Could we agree on one common case for all mixed teams? Something both groups can relate to, for example a company or a city with links to both our countries.',
    'My students will have covered the core methods by week {jointFrom}, so they can contribute from the start of the joint phase.',
  ],
  confirm: [
    "Great, I've accepted the request. Looking forward to working together!",
    "Perfect, I think we have a plan. I've accepted; let's have a short call before the first joint session.",
    "Wonderful. Request accepted! I'll tell my students about the partnership in the first lecture.",
  ],
  logistics: [
    'Shall we use {tool} for the team spaces? Our university has a licence and I can invite your students as guests.',
    "I'll prepare an icebreaker for the first joint session: each student introduces an object from their home town in two minutes.",
    "I've drafted mixed teams of four to five students. Could you check whether any of your students have timetable clashes?",
    "Our term starts on {fromStart}. I'll send you the final student list a week before.",
  ],
  midterm: [
    'Quick update from my side: the teams are working well, though two groups struggle with the time difference. I suggested they record short video updates.',
    'The mid-term presentations were impressive; several teams really combined both perspectives.',
    'One team asked for an extra live session before the deadline. Could we open a room on Thursday?',
  ],
  wrapUp: [
    'Final presentations are done! {fromStudents} of my students completed the project and the feedback was very positive.',
    'We wrapped up this week. {fromStudents} students from my side finished, and several asked whether they could continue with their teams.',
  ],
  thanks: [
    'Thank you for a great collaboration. My students said working with your class was the best part of the term.',
    'Shall we write up what worked for the good-practice library? The shared rubric and the icebreaker could help others.',
    "Let's do it again next year, maybe with a slightly longer joint phase.",
  ],
  decline: [
    'Thank you for thinking of us, {toName}. Unfortunately our course is already paired this term, so I have to decline. Let us stay in touch for next year!',
    "Hi {toName}, I like the idea, but our windows for live sessions don't line up and my course relies on weekly live work. I'll decline for now, sorry.",
    "Thanks for the request. Sadly my department has capped international projects this semester, so I can't take this on. Good luck finding a partner!",
  ],
  declineAck: [
    'No problem at all, thanks for letting me know so quickly. Maybe next year!',
    "Understood, thanks for the honest answer. I'll keep your course in mind.",
  ],
  withdraw: [
    "Sorry {toName}, our programme board has just moved my course to the next semester, so I've withdrawn the request. I'll get back to you when the new dates are fixed.",
    "Apologies, {toName}: my class will be much bigger than planned, so the pairing wouldn't be fair to your students. I've withdrawn the request for now.",
  ],
};

export function beatText(
  random: Random,
  beat: Beat,
  values: Record<string, string | number>,
): string {
  return fill(random.pick(beats[beat]), values);
}

export const collaborationTools = ['Microsoft Teams', 'Padlet', 'Miro', 'Moodle', 'Slack', 'Zoom'];

// ---------------------------------------------------------------- student applications

const motivationOpeners = [
  'I am very interested in "{title}" because {reason}',
  'I would love to join "{title}": {reason}',
  'This exchange fits my studies well, because {reason}',
  'I am applying for "{title}" because {reason}',
];

const motivationReasons = [
  'I want to learn how the topic is approached in another region before I apply for an exchange semester.',
  'I cannot afford a semester abroad, and a virtual exchange is my chance to work in an international team.',
  'I have done group projects online before and enjoy working across time zones.',
  'the topic connects directly with my thesis project.',
  'I would like to improve my English in a real project and meet students from another culture.',
  'I want to work in an international organisation after graduating and need this kind of experience.',
];

const motivationClosings = [
  'I can join the live sessions on most weekdays.',
  'I speak English at {level} level and some {language}.',
  'I am organised, reliable in teams and happy to take on coordination tasks.',
  'I have also volunteered with international students on my campus.',
  '',
];

export function motivation(random: Random, values: Record<string, string | number>): string {
  const parts = [random.pick(motivationOpeners), random.pick(motivationClosings)].filter(Boolean);
  const text = fill(parts.join(' '), { ...values, reason: random.pick(motivationReasons) });
  return text.replace(/\s+/g, ' ').trim();
}
