// The initials shown in place of a person's picture: the first letter of the first and of the
// last word of the name ("Anna Maria Weber" → "AW"), as the name is written (any script).
export function personInitials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}
