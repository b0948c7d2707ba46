/**
 * A parsed HL7 v2 message as the ADT mapping reads it, built by the parsing adapter
 * (src/integrations/hl7/adt-parse.ts) so that the mapping stays free of any library.
 *
 * Values are already unescaped (\F\, \S\, \T\, \R\, \E\). Every index is 1-based, as HL7 names
 * them (PID-3.4.2 is field 3, component 4, subcomponent 2); MSH fields keep HL7's numbering
 * (MSH-9 is `field(9)`), so MSH-1 is the field separator.
 */
export interface Hl7View {
  readonly segments: readonly Hl7SegmentView[];
}

/** A field: its repetitions, each a list of components, each a list of subcomponents. */
export type Hl7FieldValue = readonly (readonly (readonly string[])[])[];

export interface Hl7SegmentView {
  readonly name: string;
  /** `fields[n]` is field n; absent fields are missing (read them with `fieldOf`). */
  readonly fields: readonly Hl7FieldValue[];
}

/** The segments of a name, in message order. */
export function segmentsNamed(view: Hl7View, name: string): readonly Hl7SegmentView[] {
  return view.segments.filter((segment) => segment.name === name);
}

/** The first segment of a name, if any. */
export function firstSegment(view: Hl7View, name: string): Hl7SegmentView | undefined {
  return view.segments.find((segment) => segment.name === name);
}

/** The repetitions of a field (empty when absent). */
export function fieldOf(segment: Hl7SegmentView | undefined, field: number): Hl7FieldValue {
  return segment?.fields[field] ?? [];
}

/** One repetition's component as a list of subcomponents (empty when absent). */
export type Hl7Repetition = readonly (readonly string[])[];

/** A subcomponent of a repetition, trimmed; '' when absent. */
export function part(repetition: Hl7Repetition | undefined, component: number, subcomponent = 1): string {
  return (repetition?.[component - 1]?.[subcomponent - 1] ?? '').trim();
}

/** SEG-field.component.subcomponent of the first repetition, trimmed; '' when absent. */
export function valueOf(
  segment: Hl7SegmentView | undefined,
  field: number,
  component = 1,
  subcomponent = 1,
): string {
  return part(fieldOf(segment, field)[0], component, subcomponent);
}
