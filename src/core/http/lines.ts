/**
 * A textarea holding one item a line (paragraphs, method steps, positions, title lines): the
 * lines, trimmed, with blank ones dropped. Windows (CRLF) and old Mac (CR) line ends count too.
 */
export function linesOf(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
