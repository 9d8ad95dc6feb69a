// Makes @pulumi/kubernetes unloadable (as for a user who never installed it): `node --import` this file.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
  if (specifier === "@pulumi/kubernetes" || specifier.startsWith("@pulumi/kubernetes/")) throw new Error("@pulumi/kubernetes is not installed");
  return next(specifier, context);
}`),
);
