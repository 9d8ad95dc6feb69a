/**
 * The AWS provider class. `@pulumi/aws` defines `Provider` lazily (a getter), which an ES module's
 * namespace import does not always see when the package is loaded as CommonJS (e.g. from a
 * dynamically imported stack): import it from its own module instead.
 */
export { Provider } from "@pulumi/aws/provider.js";
