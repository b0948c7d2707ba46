/** The text cut to `max` characters, with an ellipsis when cut (titles and explanations have limits). */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
