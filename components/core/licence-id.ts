/**
 * Licence ids as the vendor writes them (product-facts.md §2): licence objects such as `ab_acme_1`,
 * `as_auto_acme_1`, `on_trial`, and ones that carry an e-mail address, like the documented
 * `as_auto_qiao.yifei@eisoo.com_1`. A licence id travels in the `tenantry:licence-id` tag of every
 * resource of its service, so it must be a valid tag value on every cloud at once.
 */

/**
 * Tag value rules of each cloud, as far as a licence id is concerned (strictest first):
 * - Huawei Cloud TMS: at most 43 characters (the strictest limit, kept by Tenantry); letters,
 *   digits, spaces and `_ . : = + - @`.
 * - Alibaba Cloud: at most 128 characters; must not start with `aliyun` or `acs:`, nor contain
 *   `http://` or `https://`.
 * - AWS: at most 256 characters; letters, digits, spaces and `_ . : / = + - @`.
 * - Kubernetes: annotation values may hold any string, but label values are at most 63 characters
 *   of letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit: no `@`. The
 *   id itself travels as an annotation; the label carries {@link licenceIdLabel}.
 */
export const LICENCE_ID_MAX_LENGTH = 43;

/** Letters, digits, `_`, `.`, `-` and `@`, starting and ending with a letter or digit. */
const LICENCE_ID = /^[A-Za-z0-9](?:[A-Za-z0-9_.@-]*[A-Za-z0-9])?$/;

/** Kubernetes label values (the API's own rule). */
export const KUBERNETES_LABEL_VALUE = /^(?:(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
export const KUBERNETES_LABEL_MAX_LENGTH = 63;

/** How `@` is written in a label value (labels cannot hold `@`). */
export const LABEL_AT = "_at_";

/**
 * The licence id as a Kubernetes label value: `@` written as `_at_`
 * (`as_auto_qiao.yifei@eisoo.com_1` -> `as_auto_qiao.yifei_at_eisoo.com_1`). Ids without `@` are
 * unchanged. The exact id is kept in an annotation; the fleet check makes sure no two licences of a
 * fleet share a label value.
 */
export function licenceIdLabel(id: string): string {
  return id.replaceAll("@", LABEL_AT);
}

/** Every way `id` is not a licence id every cloud can carry; empty when it is one. */
export function licenceIdProblems(id: string): string[] {
  const problems: string[] = [];
  if (id.length < 1 || id.length > LICENCE_ID_MAX_LENGTH) {
    problems.push(`must be 1 to ${LICENCE_ID_MAX_LENGTH} characters (Huawei Cloud's tag value limit; it is used as a tag value), got ${id.length}`);
  }
  if (!LICENCE_ID.test(id)) {
    problems.push("must be letters, digits, '_', '.', '-' or '@', starting and ending with a letter or digit (it is used as a tag value on every cloud)");
  }
  if (/^(aliyun|acs:)/i.test(id)) problems.push("must not start with 'aliyun' or 'acs:' (reserved in Alibaba Cloud tag values)");
  const label = licenceIdLabel(id);
  if (problems.length === 0 && (label.length > KUBERNETES_LABEL_MAX_LENGTH || !KUBERNETES_LABEL_VALUE.test(label))) {
    problems.push(`cannot be written as a Kubernetes label value (${JSON.stringify(label)}): at most ${KUBERNETES_LABEL_MAX_LENGTH} characters`);
  }
  return problems;
}
