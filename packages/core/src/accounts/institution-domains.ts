// Which web domains may speak for an institution: a domain makes everyone with an address on it
// a verified lecturer there, so one that anybody can get an address on (free mail, a country's
// academic suffix) must never count. Each refusal says why, in words an admin acts on.

/** Free-mail providers: anyone can open a mailbox there. Subdomains of them are refused too. */
const freeMailDomains = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'outlook.de',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.de',
  'live.com',
  'msn.com',
  'ymail.com',
  'rocketmail.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'tutanota.com',
  'tuta.io',
  'fastmail.com',
  'zoho.com',
  'mail.com',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'gmx.com',
  'web.de',
  't-online.de',
  'freenet.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'wanadoo.fr',
  'libero.it',
  'virgilio.it',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'mail.ru',
  'yandex.ru',
  'yandex.com',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'aliyun.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'kakao.com',
  'rediffmail.com',
  'yahoo.com',
]);

/**
 * Labels a country's registry puts before its code for whole sectors (ac.jp, edu.vn, co.uk):
 * such a suffix names every institution of the sector, never one.
 */
const sectorLabels = new Set([
  'ac',
  'edu',
  'co',
  'com',
  'gov',
  'org',
  'net',
  'or',
  'go',
  'ne',
  'sch',
]);

/** yahoo.com, yahoo.fr, yahoo.co.jp …: every Yahoo country domain is free mail. */
function isYahoo(labels: readonly string[]): boolean {
  const at = labels.indexOf('yahoo');
  return at >= 0 && labels.length - at <= 3;
}

/** Whether `domain` (lower case) is a free-mail provider's or one of its subdomains. */
export function isFreeMailDomain(domain: string): boolean {
  const labels = domain.trim().toLowerCase().split('.');
  if (isYahoo(labels)) return true;
  for (let i = 0; i < labels.length - 1; i++) {
    if (freeMailDomains.has(labels.slice(i).join('.'))) return true;
  }
  return false;
}

/** A country's sector suffix (ac.jp, edu.au, co.uk) or a bare top-level domain. */
export function isSectorSuffix(domain: string): boolean {
  const labels = domain.trim().toLowerCase().split('.');
  if (labels.length < 2) return true;
  return labels.length === 2 && sectorLabels.has(labels[0]!) && labels[1]!.length === 2;
}

/**
 * Why `domain` can never be an institution's, or null when it may be (the secretariat still
 * approves a domain an admin adds).
 */
export function institutionDomainProblem(domain: string): string | null {
  if (isFreeMailDomain(domain)) {
    return `${domain} is a free-mail provider: anyone can get an address there, so it cannot prove that someone belongs to an institution. Name your institution's own domain (the one of its website and staff addresses).`;
  }
  if (isSectorSuffix(domain)) {
    return `${domain} is shared by many institutions, so it cannot prove that someone belongs to yours. Name your institution's own domain, e.g. uni-example.${domain}.`;
  }
  return null;
}
