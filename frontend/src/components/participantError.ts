/**
 * Everything the server said about participant `i` of a meeting, for its
 * row: the row itself, who it is (a person who withdrew consent or whose
 * data was erased is refused at `participants[i].contact_id`) and, unless
 * the row has a role field of its own to show it, its role.
 */
export function participantError(fieldErrors: Readonly<Record<string, string>>, i: number, { role = true } = {}): string | undefined {
  const fields = ['', '.contact_id', '.organization_id', ...(role ? ['.role'] : [])];
  return fields.map((field) => fieldErrors[`participants.${i}${field}`]).filter(Boolean).join(' ') || undefined;
}
