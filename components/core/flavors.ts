/**
 * The rule that maps a documented size onto a cloud's instance or database classes
 * (`docs/instance-flavors.md`): the smallest class in the chosen family set that has
 * at least the documented vCPUs and at least the documented memory. Each cloud keeps its own
 * table of classes; the rule is the same for all, so clouds stay at parity.
 */

export interface Flavor {
  readonly name: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
}

export interface FlavorChoice extends Flavor {
  /** Same vCPU and memory as documented ("exact"); otherwise the next larger class. */
  readonly exact: boolean;
}

/** The smallest flavor of `table` that covers `size`; throws when none does, naming the size. */
export function smallestCovering(table: readonly Flavor[], size: { vcpu: number; memoryGiB: number }, what: string): FlavorChoice {
  const covering = table
    .filter((f) => f.vcpu >= size.vcpu && f.memoryGiB >= size.memoryGiB)
    .sort((a, b) => a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB);
  const best = covering[0];
  if (!best) {
    throw new RangeError(
      `no ${what} covers ${size.vcpu} vCPU / ${size.memoryGiB} GiB (known: ` +
        `${table.map((f) => `${f.name} ${f.vcpu}/${f.memoryGiB}`).join(", ")})`,
    );
  }
  return { ...best, exact: best.vcpu === size.vcpu && best.memoryGiB === size.memoryGiB };
}
