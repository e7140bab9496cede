/**
 * Every value of a string union from the API's types, as a list for pickers. The list is checked at
 * compile time against the union: a value missing (the server added one) or unknown does not
 * compile, so the interface follows the server's enums without copying them by hand unseen.
 *
 *   export const sexes = allValues<Sex>()(['F', 'M']);
 */
export function allValues<T extends string>() {
  return <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : { missing: Exclude<T, A[number]> })): readonly T[] => values;
}
