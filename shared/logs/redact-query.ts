/** Replaces every query-string value in a text (a URL or a whole log line) with `***`. */
export function redactQueryValues(text: string): string {
  return text.replace(/([?&][^=&\s"?#]*=)[^&\s"#]*/g, '$1***');
}
