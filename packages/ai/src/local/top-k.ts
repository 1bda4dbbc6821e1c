/** A scored row of a namespace table. */
export interface ScoredRow {
  row: number;
  score: number;
}

/**
 * Keeps the `k` highest scores seen, in a min-heap, so a scan over n rows costs n·log k.
 *
 * @example
 * const top = new TopK(2); top.push(0, 0.1); top.push(1, 0.9); top.push(2, 0.5);
 * top.sorted() // [{ row: 1, score: 0.9 }, { row: 2, score: 0.5 }]
 */
export class TopK {
  readonly #rows: Int32Array;
  readonly #scores: Float64Array;
  #size = 0;

  constructor(readonly k: number) {
    this.#rows = new Int32Array(k);
    this.#scores = new Float64Array(k);
  }

  /** The lowest score kept once full; anything at or below it would be dropped. */
  get floor(): number {
    return this.#size < this.k ? Number.NEGATIVE_INFINITY : (this.#scores[0] as number);
  }

  push(row: number, score: number): void {
    if (this.#size < this.k) {
      this.#rows[this.#size] = row;
      this.#scores[this.#size] = score;
      this.#up(this.#size++);
    } else if (score > (this.#scores[0] as number)) {
      this.#rows[0] = row;
      this.#scores[0] = score;
      this.#down(0);
    }
  }

  /** Best first. */
  sorted(): ScoredRow[] {
    const out: ScoredRow[] = [];
    for (let i = 0; i < this.#size; i++)
      out.push({ row: this.#rows[i] as number, score: this.#scores[i] as number });
    return out.sort((a, b) => b.score - a.score || a.row - b.row);
  }

  #up(start: number): void {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.#scores[parent] as number) <= (this.#scores[i] as number)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(start: number): void {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < this.#size && (this.#scores[left] as number) < (this.#scores[least] as number)) least = left;
      if (right < this.#size && (this.#scores[right] as number) < (this.#scores[least] as number))
        least = right;
      if (least === i) return;
      this.#swap(i, least);
      i = least;
    }
  }

  #swap(a: number, b: number): void {
    const row = this.#rows[a] as number;
    const score = this.#scores[a] as number;
    this.#rows[a] = this.#rows[b] as number;
    this.#scores[a] = this.#scores[b] as number;
    this.#rows[b] = row;
    this.#scores[b] = score;
  }
}
