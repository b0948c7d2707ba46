/**
 * Categories of data a patient may restrict to named professionals (issue 8). They are the sensitive
 * kinds a coordination record holds: mental health (notes, PHQ-9/GAD-7 answers), sexual health and
 * addiction care. Everything else is shared with the care team as a whole.
 */
export type DataCategory = 'mental-health' | 'sexual-health' | 'addiction';

export const DATA_CATEGORIES: readonly DataCategory[] = ['mental-health', 'sexual-health', 'addiction'];

export function isDataCategory(value: string): value is DataCategory {
  return (DATA_CATEGORIES as readonly string[]).includes(value);
}

/** The category of a journal event, for hiding it from the timeline of someone the patient excluded. */
export function categoryOfEvent(
  type: string,
  payload: Readonly<Record<string, unknown>>,
): DataCategory | null {
  if (type.startsWith('questionnaire.')) return 'mental-health';
  const category = payload['category'];
  return typeof category === 'string' && isDataCategory(category) ? category : null;
}
