/** "did you mean" for mistyped detection ids. */
import { closestMatch } from '../common/suggest';

/** `"x" is not a detection id: did you mean "y"? Known ids: ...` */
export function unknownIdMessage(value: string, known: readonly string[]): string {
  const hint = closestMatch(value, known);
  return `"${value}" is not a detection id: ${hint ? `did you mean "${hint}"? ` : ''}Known ids: ${known.join(', ')}`;
}
