import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Pulumi's mocks are process-global: each test file runs in its own fork.
    pool: "forks",
  },
});
