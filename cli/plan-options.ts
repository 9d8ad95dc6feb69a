/** `tenantry plan`'s options, apart from its engine (so that the command line loads no Pulumi SDK until a plan runs). */
export const FORMATS = ["text", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

export interface PlanCommandOptions {
  stack?: string;
  cloud?: string;
  tenants?: string;
  format: Format;
  baseline?: string;
  now?: string;
  policyConfig?: string;
  /** Text: one line per tenant, totals and verdicts, without the resource trees. */
  summary?: boolean;
  /** No progress lines on stderr. */
  quiet?: boolean;
  /** Large fleets: worker processes, tenants per shard, memory budget in MiB (plan/shard.ts). */
  workers?: string;
  shardTenants?: string;
  memoryBudget?: string;
}

export interface PlanCommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal: progress redraws one line there, and prints a line now and then elsewhere (CI logs). */
  tty: boolean;
  /** Colour in text output (a terminal, and no NO_COLOR). */
  color: boolean;
}

/** The NO_COLOR convention (no-color.org): set and not empty turns colour off. */
export function colorWanted(stdoutIsTty: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return stdoutIsTty && !env.NO_COLOR;
}
