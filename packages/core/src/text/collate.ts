/**
 * Vietnamese alphabetical order.
 *
 * Letters: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (the 29-letter alphabet; the
 * foreign letters f j w z are slotted at their Latin places). Tones: none (ngang), huyền, sắc, hỏi,
 * ngã, nặng — the order of Từ điển tiếng Việt (Hoàng Phê, Viện Ngôn ngữ học), so
 * ma < mà < má < mả < mã < mạ. Comparison is syllable by syllable, as a dictionary does: the letters of
 * a syllable first, then its tone, then the next syllable (so "ma túy" < "mà cả"). Case only breaks
 * ties (lower before upper), then code points, so the order is total and deterministic. Digits and
 * punctuation sort before letters.
 */
import { nfc } from './normalize.ts';

const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const LETTER_RANK = new Map([...ALPHABET].map((letter, index) => [letter, index]));

/** Combining tone marks, in dictionary order after the level tone (0). */
const TONE_RANK = new Map([
  ['\u0300', 1], // huyền
  ['\u0301', 2], // sắc
  ['\u0309', 3], // hỏi
  ['\u0303', 4], // ngã
  ['\u0323', 5], // nặng
]);

interface SyllableKey {
  /** Per character: letters get 1000 + alphabet rank, anything else its code point (sorts first). */
  readonly letters: readonly number[];
  readonly tone: number;
}

function syllableKey(syllable: string): SyllableKey {
  const letters: number[] = [];
  let tone = 0;
  for (const char of syllable.toLowerCase()) {
    const decomposed = char.normalize('NFD');
    let base = decomposed[0]!;
    let marks = '';
    for (const mark of decomposed.slice(1)) {
      const toneRank = TONE_RANK.get(mark);
      if (toneRank !== undefined) tone = toneRank;
      else marks += mark;
    }
    base = (base + marks).normalize('NFC');
    const rank = LETTER_RANK.get(base);
    letters.push(rank === undefined ? (base.codePointAt(0) ?? 0) : 1_000_000 + rank);
  }
  return { letters, tone };
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}

/** Orders two strings the way a Vietnamese dictionary does; returns < 0, 0 or > 0. */
export function compareVietnamese(a: string, b: string): number {
  const left = nfc(a).trim().split(/\s+/).filter(Boolean);
  const right = nfc(b).trim().split(/\s+/).filter(Boolean);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const x = syllableKey(left[i]!);
    const y = syllableKey(right[i]!);
    const byLetters = compareNumbers(x.letters, y.letters);
    if (byLetters !== 0) return Math.sign(byLetters);
    if (x.tone !== y.tone) return x.tone < y.tone ? -1 : 1;
  }
  if (left.length !== right.length) return left.length < right.length ? -1 : 1;
  const joinedLeft = left.join(' ');
  const joinedRight = right.join(' ');
  // Same letters and tones: lower case first, then code points for a total order.
  const caseOrder = compareNumbers(caseKey(joinedLeft), caseKey(joinedRight));
  if (caseOrder !== 0) return Math.sign(caseOrder);
  return joinedLeft < joinedRight ? -1 : joinedLeft > joinedRight ? 1 : 0;
}

function caseKey(text: string): number[] {
  return [...text].map((char) => (char !== char.toLowerCase() ? 1 : 0));
}
