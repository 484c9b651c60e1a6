import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

export default defineConfig({
	resolve: {
		// The obsidian package ships types only; tests run the glue against a faithful in-repo fake.
		alias: { obsidian: fileURLToPath(new URL("./tests/support/obsidian-fake.ts", import.meta.url)) },
	},
	test: {
		environment: "node",
		include: ["tests/**/*.test.ts"],
		env: { TZ: "UTC" },
		// CI shares two cores with every test file at once; a test that hangs still fails, later.
		testTimeout: 15_000,
	},
});
