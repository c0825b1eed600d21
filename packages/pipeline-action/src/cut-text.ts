/**
 * Text greenlight does not control, cut to at most `max` characters before the note saying how much was cut, so
 * a hostile message or log line cannot flood the runner's log, the job summary or an output. A cut never splits
 * a UTF-16 surrogate pair.
 */
const cutText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)} … (${text.length - end} characters cut)`;
};

export { cutText };
