// Pinecone's metadata filter language, as the query and delete operations apply it.

type Metadata = Readonly<Record<string, unknown>>;

/** Raised for a filter Pinecone would reject with 400. */
export class PineconeFilterError extends Error {
  override name = "PineconeFilterError";
}

const compare = (a: unknown, b: unknown) => typeof a === "number" && typeof b === "number";

const OPERATORS: Record<string, (value: unknown, operand: unknown) => boolean> = {
  $eq: (value, operand) => value === operand || (Array.isArray(value) && value.includes(operand)),
  $ne: (value, operand) => value !== operand && !(Array.isArray(value) && value.includes(operand)),
  $gt: (value, operand) => compare(value, operand) && (value as number) > (operand as number),
  $gte: (value, operand) => compare(value, operand) && (value as number) >= (operand as number),
  $lt: (value, operand) => compare(value, operand) && (value as number) < (operand as number),
  $lte: (value, operand) => compare(value, operand) && (value as number) <= (operand as number),
  $in: (value, operand) => asList(operand).some((item) => OPERATORS.$eq?.(value, item)),
  $nin: (value, operand) => !asList(operand).some((item) => OPERATORS.$eq?.(value, item)),
  $exists: (value, operand) => (value !== undefined) === operand,
};

function asList(operand: unknown): unknown[] {
  if (!Array.isArray(operand)) throw new PineconeFilterError("$in and $nin take an array");
  return operand;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Whether a record's metadata passes a filter: fields compared with `$eq`, `$ne`, `$gt`,
 * `$gte`, `$lt`, `$lte`, `$in`, `$nin`, `$exists` (a bare value means `$eq`), combined with
 * `$and` / `$or`; several fields at one level must all match.
 *
 * @example
 * matchesPineconeFilter({ year: 2020 }, { year: { $gte: 2019 } }) // true
 */
export function matchesPineconeFilter(metadata: Metadata, filter: unknown): boolean {
  if (filter === undefined || filter === null) return true;
  if (!isObject(filter)) throw new PineconeFilterError("a filter must be an object");
  return Object.entries(filter).every(([key, condition]) => {
    if (key === "$and" || key === "$or") {
      if (!Array.isArray(condition)) throw new PineconeFilterError(`${key} takes an array of filters`);
      const test = (part: unknown) => matchesPineconeFilter(metadata, part);
      return key === "$and" ? condition.every(test) : condition.some(test);
    }
    const value = metadata[key];
    if (!isObject(condition)) return OPERATORS.$eq?.(value, condition) ?? false;
    return Object.entries(condition).every(([operator, operand]) => {
      const apply = OPERATORS[operator];
      if (!apply) throw new PineconeFilterError(`unknown filter operator ${operator}`);
      return apply(value, operand);
    });
  });
}
