/** Text shown to users, in French (the reference) and English. */
export interface LocalizedText {
  readonly fr: string;
  readonly en: string;
}

export type Language = keyof LocalizedText;
