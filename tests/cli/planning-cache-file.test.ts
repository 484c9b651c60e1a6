import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { cacheDirectory, planningCacheFile } from "../../src/cli/planning-cache-file";

const dir = mkdtempSync(join(tmpdir(), "vsn-plan-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("where the CLI keeps the planning cache", () => {
	it.each<[string, NodeJS.ProcessEnv, NodeJS.Platform, string]>([
		["XDG_CACHE_HOME when absolute, on any platform", { XDG_CACHE_HOME: "/var/cache/me" }, "darwin", "/var/cache/me/video-summary-notes"],
		["~/.cache on Linux, a relative XDG_CACHE_HOME ignored", { XDG_CACHE_HOME: "cache" }, "linux", "/home/ann/.cache/video-summary-notes"],
		["~/Library/Caches on macOS", {}, "darwin", "/home/ann/Library/Caches/video-summary-notes"],
		["%LOCALAPPDATA% on Windows", { LOCALAPPDATA: "/users/ann/local" }, "win32", "/users/ann/local/video-summary-notes"],
		["~/AppData/Local on Windows without it", {}, "win32", "/home/ann/AppData/Local/video-summary-notes"],
	])("%s", (_, env, platform, expected) => {
		expect(cacheDirectory(env, platform, "/home/ann")).toBe(expected);
	});

	it("reads nothing before the first write, then what was written; the folder is made and no temporary file is left", async () => {
		const folder = join(dir, "a", "video-summary-notes");
		const file = planningCacheFile(folder);
		expect(file.path).toBe(join(folder, "planning.json"));
		expect(await file.read()).toBeNull();
		await file.write('{"version":1,"entries":[]}');
		await file.write('{"version":1,"entries":[1]}');
		expect(await file.read()).toBe('{"version":1,"entries":[1]}');
		expect(readdirSync(folder)).toEqual(["planning.json"]);
	});

	it("a read that fails for another reason than a missing file rejects (the cache then counts it as a miss)", async () => {
		await expect(planningCacheFile(dir).read()).resolves.toBeNull();
		await expect(planningCacheFile(join(dir, "planning.json", "x")).read()).resolves.toBeNull();
		const folderInItsPlace = join(dir, "b");
		await planningCacheFile(join(folderInItsPlace, "planning.json")).write("{}");
		await expect(planningCacheFile(folderInItsPlace).read()).rejects.toThrow(/EISDIR/);
	});
});
