import { afterEach, describe, expect, it } from "vitest";

import { SummaryError } from "../../../src/core/errors";
import type { Http } from "../../../src/core/http";
import { WEB_CLIENT } from "../../../src/core/youtube/innertube-clients";
import {
	fetchPlaylist,
	firstPageToken,
	MAX_PLAYLIST_PAGES,
	MAX_PLAYLIST_VIDEOS,
	type Playlist,
	PLAYLIST_HEADER_URL,
	playlistKind,
} from "../../../src/core/youtube/playlist";
import { playlistNotice } from "../../../src/core/youtube/playlist-messages";
import { type FakeRoutes, type FakeYouTube, fakeYouTube, fixture, ok, type Reply, status } from "../../support/fake-youtube";

/** "TOP 150 Songs 2026…": 150 videos on two recorded pages (100, then 50). */
const TOP150 = "PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr";
/** "C++ Template Metaprogramming": 14 videos on one page, header in the older `playlistHeaderRenderer` layout. */
const COURSE = "PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh";

const HEADER_TOP150 = "newpipe/web_browse_playlist_meta_PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr.json";
const PAGE1_TOP150 = "newpipe/web_browse_playlist_page1_PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr.json";
const PAGE2_TOP150 = "newpipe/web_browse_playlist_page2_PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr.json";
const HEADER_COURSE = "newpipe/web_browse_playlist_meta_course_PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh.json";
const PAGE1_COURSE = "newpipe/web_browse_playlist_page1_course_PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh.json";
const LOCKUP_PAGE = "newpipe/web_browse_continuation_lockups_channel_tab.json";

/**
 * The first-page tokens NewPipe sent (the `continuation` of each playlist's generated_mock_3.json request,
 * youtubeplaylistextractor/<test>/ @ 43f8e6eb): ours must be the same string, byte for byte.
 */
const RECORDED_FIRST_TOKENS: [string, string][] = [
	[TOP150, "4qmFsgJdEiRWTFBMb3VtbjVCSXNVRGVHRjF2eTVOeWxmX1JKS241YUxfbnIaEENBRENCZ0lJQUElM0QlM0SaAiJQTG91bW41QklzVURlR0Yxdnk1TnlsZl9SSktuNWFMX25y"],
	[COURSE, "4qmFsgJdEiRWTFBMV3h6aUdLVFV2UUZJc2JiRmNUWno3ak9UNFRNR25aQmgaEENBRENCZ0lJQUElM0QlM0SaAiJQTFd4emlHS1RVdlFGSXNiYkZjVFp6N2pPVDRUTUduWkJo"],
	[
		"PLWwAypAcFRgKAIIFqBr9oy-ZYZnixa_Fj",
		"4qmFsgJdEiRWTFBMV3dBeXBBY0ZSZ0tBSUlGcUJyOW95LVpZWm5peGFfRmoaEENBRENCZ0lJQUElM0QlM0SaAiJQTFd3QXlwQWNGUmdLQUlJRnFCcjlveS1aWVpuaXhhX0Zq",
	],
	[
		"PL8dPuuaLjXtOAKed_MxxWBNaPno5h3Zs8",
		"4qmFsgJdEiRWTFBMOGRQdXVhTGpYdE9BS2VkX014eFdCTmFQbm81aDNaczgaEENBRENCZ0lJQUElM0QlM0SaAiJQTDhkUHV1YUxqWHRPQUtlZF9NeHhXQk5hUG5vNWgzWnM4",
	],
	[
		"PLMC9KNkIncKtPzgY-5rmhvj7fax8fdxoj",
		"4qmFsgJdEiRWTFBMTUM5S05rSW5jS3RQemdZLTVybWh2ajdmYXg4ZmR4b2oaEENBRENCZ0lJQUElM0QlM0SaAiJQTE1DOUtOa0luY0t0UHpnWS01cm1odmo3ZmF4OGZkeG9q",
	],
	["UUMOQuLXlFNAeDJMSmuzHU5axw", "4qmFsgJNEhxWTFVVTU9RdUxYbEZOQWVESk1TbXV6SFU1YXh3GhBDQURDQmdJSUFBJTNEJTNEmgIaVVVNT1F1TFhsRk5BZURKTVNtdXpIVTVheHc%3D"],
	["UUSHBR8-60-B28hp2BmDPdntcQ", "4qmFsgJNEhxWTFVVU0hCUjgtNjAtQjI4aHAyQm1EUGRudGNRGhBDQURDQmdJSUFBJTNEJTNEmgIaVVVTSEJSOC02MC1CMjhocDJCbURQZG50Y1E%3D"],
];
const RECORDED = new Map(RECORDED_FIRST_TOKENS);

function recordedFirstToken(listId: string): string {
	const token = RECORDED.get(listId);
	if (!token) throw new Error(`no recorded token for ${listId}`);
	return token;
}

/** The continuation token in the last item of TOP150's recorded first page: the key of its second page. */
const TOP150_PAGE2_TOKEN =
	"4qmFsgKBARIkVkxQTG91bW41QklzVURlR0Yxdnk1TnlsZl9SSktuNWFMX25yGjRDQUY2SGxCVU9rTkhVV2xGUlZsM1VYcEtSRkV3VFhwUmFtTTBVa1ZaZDAxRVo4SUdBZ2dBmgIiUExvdW1uNUJJc1VEZUdGMXZ5NU55bGZfUkpLbjVhTF9ucg%3D%3D";

/** Every id of TOP150, in order, as its two recorded pages list them. */
// prettier-ignore
const TOP150_IDS = [
	"u2ah9tWTkmk", "JgDNFQ2RaLQ", "c8zq4kAn_O0", "JaQGDSkSRRU", "aSugSGCC12I", "vBynw9Isr28", "HfWLgELllZs", "eWAdpUyzCkI", "kbEC-AGr9n0", "pZ1NdE69VTs",
	"fuV4yQWdn_4", "eA0lHNZ1KCA", "QcuV8h_I1y0", "4WcD2ncHMVs", "xGaZBfJOyAc", "oIv_Y2RPQ_A", "V9vuCByb6js", "msGuqelopMA", "mkCaf6tuhGM", "bnhV-OBnGCE",
	"dpvQqmX6SUI", "fXivMSJm_kA", "2kjolTLZ_Mg", "U8QhB8_0t2g", "jXqf3uqLkkU", "S2fSojJqyNY", "7InTkBxPtK4", "woLfAvD5iXI", "MI9ZpIKgyf0", "bn8gP5N8hqM",
	"GurljGjfrVs", "rwlFWWGaZ5Y", "CXBFU97X61I", "L9C9WiBBeRk", "8ekJMC8OtGU", "lv1MwS56aCo", "hE2DLtuxcUU", "nS-fOh1CfhQ", "seARsMwjbEU", "Yv97b2oPk3w",
	"x1XIJM6spaE", "riCP9x31Kuk", "uvY8fdgezLQ", "ztotaQ79eek", "9VbDkDALT7w", "IcLZG0cQH0s", "fmC6b6_ovZY", "6fJI7xydShM", "1j6Pfv6xS9o", "O_0Wn73AnC8",
	"Z4-g8UXa944", "vaGf8fmtBr4", "O7Dt2L_rAhI", "3m6NBnqLc-g", "TFWXqLSr4ZM", "m4DVbm9zeR0", "sbF2O_LOyyQ", "TkwZ2uQu2hE", "O8WXFI_MSAI", "s8h4YNaX2aM",
	"4LcNr0T2yAA", "tQHLIRCcfio", "nkRyAVQdqAA", "iXYroDymuMk", "Cf1hKtrA9lg", "WeQrCMwD5-E", "nJG5CWsne8E", "QZfH7cFp3Ys", "EFqvVSqh6R8", "DEEL9nvxwsc",
	"LJEED4n1dP4", "vL19WbWOxag", "cr4wnsLI_Xw", "JX2GkxNT-IQ", "0qE2mTzg5Iw", "0Wqr_pa4UlU", "SB69blyX46c", "OzdJFXyO8ts", "HRJd_Qhb9k0", "J1VP4VHlUr0",
	"IrEFKJnl1H8", "Bn-3ICGjz0U", "cVG807Biok4", "KzA-Rz_gPgY", "gRX3Gm-YPRY", "tiXhXpbqwSo", "6QFNIrm9aF0", "bV9SOv_Y61s", "Qt6YiVZLhG0", "rj5dxoMY-dE",
	"S7GXhwYnF9w", "r7__5jmJ-tA", "XdFpzaM07i0", "wMDOli6JDBQ", "vjx5kv05x3A", "QNGCMgvcbpA", "DubtPdXXjew", "T3fA-4D71Kk", "I6nvNnH1ZjY", "vz-_ZtUh8P4",
	"aQMKAZpcynA", "B783S7tAPOY", "GT8ornYrDEs", "VoDh1h1dPUE", "cFHElRaF19s", "5tit_16Jha0", "hrtYrPSI8Pw", "NDM9zFwok0A", "AqBwSkn5n18", "Gtbhuuy1j7s",
	"HL4vc4zXM3c", "agvCOdQY84Q", "ekr2nIex040", "kPa7bsKwL-c", "IpFX2vq8HKw", "Qh8QwVYOSVU", "KEG7b851Ric", "UxXY_hR_wzo", "BDHM8cyJQa8", "huGd4efgdPA",
	"bB3-CUMERIU", "Bpaf6Dm9iRc", "Hki6RqI-eMA", "bVhFIowlmwA", "4Lmcadu8ghM", "1aMCVgRKcP4", "uLK2r3sG4lE", "tep9uGsVzK4", "QC_mOB2uBj4", "5EpyN_6dqyk",
	"MLlSSJ0z7xM", "qN4nWpW1UMA", "VlSEIa1zubs", "pSeaHfkd3M8", "mpxEUex3dek", "4BuWrb8A_w4", "_AfmgOpoCHI", "TM5ZtMP4OCQ", "8eQtwCEEYwM", "0M1UCYRZAtM",
	"CzT3UFjL8G4", "vRkSjkGkhbE", "t37DTadb3Po", "sH89mSsCTu8", "knIbwsNGJyc", "h8rhLGhsa2M", "P6OgpKqb-HA", "f9Jpualtehw", "iHVxIjpycNc", "zUtTpuqV55U",
];

/** The course playlist as its one recorded page lists it: id, title, `lengthSeconds`, `index`. */
const COURSE_VIDEOS: [string, string, number, number][] = [
	["VBI6TSo8Zog", "Intro to Template Metaprogramming - Template Metaprogramming in C++ - E1", 1015, 1],
	["_yqIdYBdyPo", "Writing MetaFunctions - Template Metaprogramming in C++ - E2", 1252, 2],
	["GusZ4P_iTks", "Variadic Templates - Template Metaprogramming in C++ - E3", 811, 3],
	["-QuFIF8ucI4", "Starting a Metaprogramming Library - Template Metaprogrammning in C++ - E4", 850, 4],
	["vff3qCO2SQA", "Improving our Metaprogramming Library - Template Metaprogrammning in C++ - E5", 699, 5],
	["k9Y8m_Pvx54", "Composing Metafunctions - Template Metaprogramming in C++ - E6", 665, 6],
	["tpdPJevCzog", "Compile time meets runtime - Template Metaprogramming in C++ - E7", 1700, 7],
	["uZ87k07A7bM", "Implementing tuple_cat - Template Metaprogramming in C++ - E8", 1668, 8],
	["DKy21SlLXi4", "Transforming and Filtering tuples - Template Metaprogramming in C++ - E9", 1038, 9],
	["0mFGybZaQ54", "High-Performance Metaprogramming - Template Metaprogramming in C++ - E10", 895, 10],
	["vigDNQRO_fg", "Using Lazy Instantiation for a MASSIVE compilation speedup - Template Metaprogramming in C++ - E11", 726, 11],
	["6ZN1gXPx3mM", "Bypassing the recursive instantiation limit - Template Metaprogramming in C++ - E12", 996, 12],
	["JJyCmXZjWZw", "The fastest possible metafunction? - Template Metaprogramming in C++ - E13", 731, 13],
	["oKGFHpNossE", "A whole new level of metaprogramming - Template Metaprogramming in C++ - E14", 734, 14],
];

/** The recorded channel-tab page: `richItemRenderer` → `lockupViewModel` videos, durations only as badges. */
const LOCKUP_VIDEOS: [string, string, string][] = [
	["_rDzMYp-fBs", "Ansible 101 - Episode 11 - Dynamic Inventory and Smart Inventories", "1:03:43"],
	["iKmY4jEiy_A", "Ansible 101 - Episode 10 - Ansible Tower and AWX", "59:39"],
	["gV_16dU7XjM", "Ansible 101 - Episode 9 - First 5 min server security with Ansible", "1:06:10"],
	["4ehIIFGtMRg", "Drupal 7 to 8 LIVE Migration - Ep 16 - TODAY IS THE DAY!", "1:02:15"],
	["CYghlf-6Opc", "Ansible 101 - Episode 8 - Playbook testing with Molecule and GitHub Actions CI", "1:03:50"],
	["SxR4N9inlYA", "Drupal 7 to 8 LIVE Migration - Ep 15 - Prepping for Go-Live!", "1:01:33"],
	["FaXVZ60o8L8", "Ansible 101 - Episode 7 - Molecule Testing and Linting and Ansible Galaxy", "1:04:27"],
	["gjNxY_5q7Xc", "Drupal 7 to 8 LIVE Migration - Ep 14 - Dark Mode and Accessibility", "1:05:58"],
	["JFweg2dUvqM", "Ansible 101 - Episode 6 - Ansible Vault and Roles", "1:02:30"],
	["-FC68Sds-TE", "Drupal 7 to 8 LIVE Migration - Ep 13 - Config Split and Solr Search", "1:00:34"],
	["HU-dkXBCPdU", "Ansible 101 - Episode 5 - Playbook handlers, environment vars, and variables", "59:28"],
	["Ql_-krnxv3U", "Drupal 7 to 8 LIVE Migration - Ep 12 - Pathauto and redirect SEO migration and config split", "1:05:47"],
	["SLW4LX7lbvE", "Ansible 101 - Episode 4 - Your first real-world playbook", "51:28"],
	["Le82L7EAcaY", "Drupal 7 to 8 LIVE Migration - Ep 11 - Migrating redirects", "1:00:08"],
	["WNmKjtWtqIc", "Ansible 101 - Episode 3 - Introduction to Playbooks", "1:02:07"],
	["pX_5k0mO3sU", "Drupal 7 to 8 LIVE Migration - Ep 10 - Project view and home page migration", "1:05:45"],
	["7kVfqmGtDL8", "Ansible 101 - Episode 2 - Ad-hoc tasks and Inventory", "1:02:45"],
	["VwFMx8vm8Rs", "Drupal 7 to 8 LIVE Migration - Ep 9 - Upgrade Drupal with Composer and Theming", "1:09:43"],
	["goclfp6a2IQ", "Ansible 101 - Episode 1 - Introduction to Ansible", "1:03:43"],
	["v7S0BB6V7eA", "Drupal 7 to 8 LIVE Migration - Ep 8 - Blog view migration and theming", "1:10:21"],
	["T7gSB9as6DM", "Drupal 7 to 8 LIVE Migration - Ep 7 - Local dev environment comparison, blog theming", "1:06:12"],
	["o-LmI6PVKHc", "Drupal 7 to 8 LIVE Migration - Ep 6 - Claro admin theme, Admin toolbar, and theme migration", "1:06:05"],
	["PMFSv5B4Z20", "Drupal 7 to 8 LIVE Migration - Ep 5 - GitHub Actions CI and migration debugging", "1:04:03"],
	["dE7IksPs9EY", "Drupal 7 to 8 LIVE Migration - Ep 4 - GitHub Actions and Outage, Migration debugging", "1:12:09"],
	["lP7RHTu7K0k", "Drupal 7 to 8 LIVE Migration - Ep 3 - Migrating with Drush, exporting configuration to code", "1:03:06"],
	["yS1qIcpWZZI", "Drupal 7 to 8 LIVE Migration - Ep 2 - Adding modules with Composer, beginning migrations", "1:00:09"],
	["EyI_OwhufNk", "Drupal 7 to 8 LIVE Migration - Ep 1 - Set up Drupal codebase, git repo, Docker dev environment", "1:06:22"],
];

const BROWSE_URL = "https://www.youtube.com/youtubei/v1/browse?prettyPrint=false";
const WEB_CONTEXT = { client: { clientName: "WEB", clientVersion: WEB_CLIENT.version, platform: "DESKTOP", hl: "en", gl: "US" } };

type Json = Record<string, unknown>;

function json(path: string): Json {
	return JSON.parse(fixture(path)) as Json;
}

/** The items of a recorded page (the first page's `reload…`, later pages' `append…`), to edit in a test. */
function itemsOf(page: Json): Json[] {
	const actions = page.onResponseReceivedActions as Json[];
	const action = (actions[0]?.reloadContinuationItemsCommand ?? actions[0]?.appendContinuationItemsAction) as { continuationItems: Json[] };
	return action.continuationItems;
}

function renderer(item: Json): Json {
	return item.playlistVideoRenderer as Json;
}

function top150Routes(browse: Record<string, Reply> = {}): FakeRoutes {
	return {
		browse: {
			[`VL${TOP150}`]: { fixture: HEADER_TOP150 },
			[recordedFirstToken(TOP150)]: { fixture: PAGE1_TOP150 },
			[TOP150_PAGE2_TOKEN]: { fixture: PAGE2_TOP150 },
			...browse,
		},
	};
}

let fake: FakeYouTube | undefined;
afterEach(() => {
	expect(fake?.unexpected ?? []).toEqual([]);
	fake = undefined;
});

async function read(routes: FakeRoutes, listId: string): Promise<Playlist> {
	fake = fakeYouTube(routes);
	return fetchPlaylist(fake.http, listId);
}

async function failure(routes: FakeRoutes, listId: string, http?: (fake: FakeYouTube) => Http, signal?: AbortSignal): Promise<SummaryError> {
	fake = fakeYouTube(routes);
	try {
		await fetchPlaylist(http ? http(fake) : fake.http, listId, signal ? { signal } : {});
	} catch (e) {
		if (e instanceof SummaryError) return e;
		throw e;
	}
	throw new Error("fetchPlaylist succeeded");
}

function browseKeys(): string[] {
	return (fake?.asked ?? []).map((a) => a.what);
}

describe("a recorded playlist, every page followed", () => {
	it("reads TOP150's 150 videos from its two pages, in order, with its title and channel", async () => {
		const playlist = await read(top150Routes(), TOP150);
		expect(playlist.id).toBe(TOP150);
		expect(playlist.title).toBe("TOP 150 Songs 2026 - List of Best Music 2026 (Today's Hits Playlist)");
		expect(playlist.channel).toBe("Redlist - Chart Playlists");
		expect(playlist.videos.map((v) => v.id)).toEqual(TOP150_IDS);
		expect(playlist.videos.map((v) => v.index)).toEqual(TOP150_IDS.map((_, i) => i + 1));
		// Either side of the page boundary (100 | 101) and both ends, as the recorded pages give them.
		expect([0, 1, 99, 100, 149].map((i) => playlist.videos[i])).toEqual([
			{ id: "u2ah9tWTkmk", title: "Alex Warren - Ordinary (Official Video)", durationSeconds: 187, index: 1 },
			{ id: "JgDNFQ2RaLQ", title: "Ed Sheeran - Sapphire (Official Music Video)", durationSeconds: 184, index: 2 },
			{ id: "vz-_ZtUh8P4", title: "Jackson Wang - Made Me a Man (Official Music Video)", durationSeconds: 236, index: 100 },
			{ id: "aQMKAZpcynA", title: "MARINA - BUTTERFLY (Official Video)", durationSeconds: 266, index: 101 },
			{ id: "zUtTpuqV55U", title: "Halsey - Lucky (Official Video)", durationSeconds: 229, index: 150 },
		]);
		expect(playlist.unavailable).toBe(0);
		expect(playlist.truncated).toBe(false);
		expect(playlistNotice(playlist)).toBeUndefined();
		// The header, page 1 (the built token), page 2 (page 1's token); page 2 has no continuation.
		expect(browseKeys()).toEqual([`VL${TOP150}`, recordedFirstToken(TOP150), TOP150_PAGE2_TOKEN]);
	});

	it("reads the older header layout (playlistHeaderRenderer) and a playlist of one page", async () => {
		const routes = { browse: { [`VL${COURSE}`]: { fixture: HEADER_COURSE }, [recordedFirstToken(COURSE)]: { fixture: PAGE1_COURSE } } };
		expect(await read(routes, COURSE)).toEqual({
			id: COURSE,
			title: "C++ Template Metaprogramming",
			channel: "BitsOfQ",
			videos: COURSE_VIDEOS.map(([id, title, durationSeconds, index]) => ({ id, title, durationSeconds, index })),
			unavailable: 0,
			truncated: false,
		});
		expect(browseKeys()).toEqual([`VL${COURSE}`, recordedFirstToken(COURSE)]);
	});

	it("reads lockupViewModel items, the shape NewPipe reads in playlists since June 2026 (a recorded channel-tab page)", async () => {
		const playlist = await read(top150Routes({ [recordedFirstToken(TOP150)]: { fixture: LOCKUP_PAGE } }), TOP150);
		const seconds = (clock: string) => clock.split(":").reduce((total, part) => total * 60 + Number(part), 0);
		expect(playlist.videos).toEqual(LOCKUP_VIDEOS.map(([id, title, clock], i) => ({ id, title, durationSeconds: seconds(clock), index: i + 1 })));
		expect(playlist.videos[0]?.durationSeconds).toBe(3823);
		expect(browseKeys()).toEqual([`VL${TOP150}`, recordedFirstToken(TOP150)]);
	});
});

describe("what the header says", () => {
	/** A recorded header with only its `header` part: neither sidebar nor microformat to fall back on. */
	function headerOnly(path: string): Json {
		const header = json(path);
		delete header.sidebar;
		delete header.microformat;
		return header;
	}

	it("the older header's title and owner", async () => {
		const routes = { browse: { [`VL${COURSE}`]: { json: headerOnly(HEADER_COURSE) }, [recordedFirstToken(COURSE)]: { fixture: PAGE1_COURSE } } };
		const playlist = await read(routes, COURSE);
		expect([playlist.title, playlist.channel]).toEqual(["C++ Template Metaprogramming", "BitsOfQ"]);
	});

	it("the newer header's page title, and no channel: it names the owner only as 'by …'", async () => {
		const playlist = await read(top150Routes({ [`VL${TOP150}`]: { json: headerOnly(HEADER_TOP150) } }), TOP150);
		expect(playlist.title).toBe("TOP 150 Songs 2026 - List of Best Music 2026 (Today's Hits Playlist)");
		expect(playlist).not.toHaveProperty("channel");
	});

	it("the microformat's title, else the id", async () => {
		const header = json(HEADER_TOP150);
		const onlyMicroformat = { microformat: header.microformat };
		expect((await read(top150Routes({ [`VL${TOP150}`]: { json: onlyMicroformat } }), TOP150)).title).toBe(
			"TOP 150 Songs 2026 - List of Best Music 2026 (Today's Hits Playlist)",
		);
		expect((await read(top150Routes({ [`VL${TOP150}`]: { json: {} } }), TOP150)).title).toBe(TOP150);
	});
});

describe("shapes of the pages", () => {
	it("numbers videos as YouTube does, even when a page leaves an entry out", async () => {
		const page1 = json(PAGE1_TOP150);
		itemsOf(page1).splice(2, 1);
		const playlist = await read(top150Routes({ [recordedFirstToken(TOP150)]: { json: page1 } }), TOP150);
		expect(playlist.videos.slice(0, 4).map((v) => [v.id, v.index])).toEqual([
			["u2ah9tWTkmk", 1],
			["JgDNFQ2RaLQ", 2],
			["JaQGDSkSRRU", 4],
			["aSugSGCC12I", 5],
		]);
	});

	// Not in any recorded answer: built from the paths NewPipe's getNextPageFrom reads.
	it.each([
		[
			"a commandExecutorCommand beside a playlistVotingRefreshPopupCommand",
			{
				continuationItemRenderer: {
					continuationEndpoint: {
						commandExecutorCommand: {
							commands: [
								{ playlistVotingRefreshPopupCommand: {} },
								{ continuationCommand: { token: TOP150_PAGE2_TOKEN, request: "CONTINUATION_REQUEST_TYPE_BROWSE" } },
							],
						},
					},
				},
			},
		],
		[
			"a continuationItemViewModel",
			{ continuationItemViewModel: { continuationCommand: { innertubeCommand: { continuationCommand: { token: TOP150_PAGE2_TOKEN } } } } },
		],
	])("follows a continuation given as %s", async (_, item) => {
		const page1 = json(PAGE1_TOP150);
		const items = itemsOf(page1);
		items[items.length - 1] = item;
		const playlist = await read(top150Routes({ [recordedFirstToken(TOP150)]: { json: page1 } }), TOP150);
		expect(playlist.videos.map((v) => v.id)).toEqual(TOP150_IDS);
	});
});

describe("the requests", () => {
	it("builds each first-page token byte for byte as NewPipe sent it", () => {
		for (const [listId, token] of RECORDED_FIRST_TOKENS) expect(firstPageToken(listId)).toBe(token);
	});

	it("asks for the header with $fields and 'show unavailable videos', then each page by its token alone, as the WEB client", async () => {
		await read(top150Routes(), TOP150);
		const requests = (fake?.asked ?? []).map((a) => a.request);
		const headers = {
			"Content-Type": "application/json",
			"User-Agent": WEB_CLIENT.userAgent,
			"X-YouTube-Client-Name": "1",
			"X-YouTube-Client-Version": WEB_CLIENT.version,
		};
		expect(requests.map(({ url, method, headers }) => ({ url, method, headers }))).toEqual([
			{ url: "https://www.youtube.com/youtubei/v1/browse?$fields=sidebar,header,microformat,alerts&prettyPrint=false", method: "POST", headers },
			{ url: BROWSE_URL, method: "POST", headers },
			{ url: BROWSE_URL, method: "POST", headers },
		]);
		expect(PLAYLIST_HEADER_URL).toBe(requests[0]?.url);
		expect(requests.map((r) => JSON.parse(r.body ?? "") as unknown)).toEqual([
			{ context: WEB_CONTEXT, browseId: `VL${TOP150}`, params: "wgYCCAA%3D" },
			{ context: WEB_CONTEXT, continuation: recordedFirstToken(TOP150) },
			{ context: WEB_CONTEXT, continuation: TOP150_PAGE2_TOKEN },
		]);
	});
});

/** A continuation item in the shape of the recorded ones. */
function continuationItem(token: string): Json {
	return { continuationItemRenderer: { continuationEndpoint: { continuationCommand: { token, request: "CONTINUATION_REQUEST_TYPE_BROWSE" } } } };
}

/** A page of `count` videos numbered from `first`, then a continuation to `next` unless undefined. */
function generatedPage(first: number, count: number, next: string | undefined): Reply {
	const videos = Array.from({ length: count }, (_, i) => {
		const n = first + i;
		const id = `v${String(n).padStart(10, "0")}`;
		return {
			playlistVideoRenderer: {
				videoId: id,
				title: { runs: [{ text: `Video ${n}` }] },
				index: { simpleText: String(n) },
				lengthSeconds: "60",
				isPlayable: true,
			},
		};
	});
	return {
		json: { onResponseReceivedActions: [{ appendContinuationItemsAction: { continuationItems: [...videos, ...(next ? [continuationItem(next)] : [])] } }] },
	};
}

/** An endless playlist: page n (asked with token `page-n`, the first with the built token) holds `perPage` videos. */
function endless(perPage: number): FakeRoutes {
	return {
		browse: (key) => {
			if (key === `VL${TOP150}`) return { fixture: HEADER_TOP150 };
			const n = key === recordedFirstToken(TOP150) ? 1 : Number(/^page-(\d+)$/.exec(key)?.[1]);
			return Number.isInteger(n) ? generatedPage((n - 1) * perPage + 1, perPage, `page-${n + 1}`) : undefined;
		},
	};
}

describe("answers that would never end", () => {
	it("stops at the same token again, keeping each video once", async () => {
		// Page 2 comes back as page 1 again, whose continuation is the token just asked.
		const playlist = await read(top150Routes({ [TOP150_PAGE2_TOKEN]: { fixture: PAGE1_TOP150 } }), TOP150);
		expect(playlist.videos.map((v) => v.id)).toEqual(TOP150_IDS.slice(0, 100));
		expect(playlist.truncated).toBe(false);
		expect(browseKeys()).toEqual([`VL${TOP150}`, recordedFirstToken(TOP150), TOP150_PAGE2_TOKEN]);
	});

	it("stops when a later page points back at an earlier one", async () => {
		const page2 = json(PAGE2_TOP150);
		itemsOf(page2).push(continuationItem(recordedFirstToken(TOP150)));
		const playlist = await read(top150Routes({ [TOP150_PAGE2_TOKEN]: { json: page2 } }), TOP150);
		expect(playlist.videos.map((v) => v.id)).toEqual(TOP150_IDS);
		expect(playlist.truncated).toBe(false);
		expect(browseKeys()).toEqual([`VL${TOP150}`, recordedFirstToken(TOP150), TOP150_PAGE2_TOKEN]);
	});

	it(`stops at ${MAX_PLAYLIST_VIDEOS} videos and says the list was cut`, async () => {
		const playlist = await read(endless(100), TOP150);
		expect(playlist.videos).toHaveLength(MAX_PLAYLIST_VIDEOS);
		expect(playlist.videos.at(-1)).toEqual({ id: "v0000005000", title: "Video 5000", durationSeconds: 60, index: 5000 });
		expect(playlist.truncated).toBe(true);
		expect(browseKeys()).toHaveLength(1 + MAX_PLAYLIST_VIDEOS / 100);
		expect(playlistNotice(playlist)).toBe("Only the first 5,000 videos of the playlist were read; the rest were left out.");
	});

	it("cuts a page that goes past the cap to the cap", async () => {
		const playlist = await read(endless(3000), TOP150);
		expect(playlist.videos).toHaveLength(MAX_PLAYLIST_VIDEOS);
		expect(playlist.truncated).toBe(true);
		expect(browseKeys()).toHaveLength(3);
	});

	it(`stops after ${MAX_PLAYLIST_PAGES} pages of fresh tokens however few videos they hold`, async () => {
		const playlist = await read(endless(1), TOP150);
		expect(playlist.videos).toHaveLength(MAX_PLAYLIST_PAGES);
		expect(playlist.truncated).toBe(true);
		expect(browseKeys()).toHaveLength(1 + MAX_PLAYLIST_PAGES);
	});

	it("does not follow a continuation token of another shape, and says the list was cut", async () => {
		const page1 = json(PAGE1_TOP150);
		const items = itemsOf(page1);
		items[items.length - 1] = continuationItem('x" , "browseId": "VLother');
		const playlist = await read(top150Routes({ [recordedFirstToken(TOP150)]: { json: page1 } }), TOP150);
		expect(playlist.videos).toHaveLength(100);
		expect(playlist.truncated).toBe(true);
		expect(browseKeys()).toEqual([`VL${TOP150}`, recordedFirstToken(TOP150)]);
	});
});

/**
 * TOP150's page 1 with entries edited into what YouTube lists for videos it won't play, each caught by one
 * check alone: `isPlayable: false` with its title kept, a "[Deleted video]" title, a hostile id.
 */
function pageWithUnavailable(): Json {
	const page = json(PAGE1_TOP150);
	const items = itemsOf(page);
	const entry = (i: number) => renderer(items[i] as Json);
	Object.assign(entry(1), { isPlayable: false });
	for (const key of ["lengthSeconds", "lengthText", "shortBylineText", "videoInfo"]) delete entry(4)[key];
	entry(4).title = { runs: [{ text: "[Deleted video]" }] };
	// Never requested, never kept.
	entry(6).videoId = "../watch?v=x&list=PLevil";
	return page;
}

describe("entries that can't be watched", () => {
	it("are skipped and counted; the others keep their place in the playlist", async () => {
		const playlist = await read(top150Routes({ [recordedFirstToken(TOP150)]: { json: pageWithUnavailable() } }), TOP150);
		expect(playlist.unavailable).toBe(3);
		expect(playlist.videos).toHaveLength(147);
		expect(playlist.videos.slice(0, 5).map((v) => [v.id, v.index])).toEqual([
			["u2ah9tWTkmk", 1],
			["c8zq4kAn_O0", 3],
			["JaQGDSkSRRU", 4],
			["vBynw9Isr28", 6],
			["eWAdpUyzCkI", 8],
		]);
		expect(playlist.videos.map((v) => v.id)).toEqual(TOP150_IDS.filter((_, i) => ![1, 4, 6].includes(i)));
		expect(playlistNotice(playlist)).toBe("3 videos of this playlist are private, deleted or unavailable, and were skipped.");
	});

	it("include entries titled '[Private video]' whatever else they say", async () => {
		const page = json(PAGE1_TOP150);
		renderer(itemsOf(page)[2] as Json).title = { simpleText: "[Private video]" };
		const playlist = await read(top150Routes({ [recordedFirstToken(TOP150)]: { json: page } }), TOP150);
		expect(playlist.unavailable).toBe(1);
		expect(playlist.videos.map((v) => v.id)).toEqual(TOP150_IDS.filter((_, i) => i !== 2));
		expect(playlistNotice(playlist)).toBe("1 video of this playlist is private, deleted or unavailable, and was skipped.");
	});

	it("say so alongside a cut list", () => {
		expect(playlistNotice({ videos: [1, 2], unavailable: 1, truncated: true })).toBe(
			"1 video of this playlist is private, deleted or unavailable, and was skipped. Only the first 2 videos of the playlist were read; the rest were left out.",
		);
	});

	it("leave nothing to summarize when every entry is one", async () => {
		const page = json(PAGE1_COURSE);
		for (const item of itemsOf(page)) Object.assign(renderer(item), { isPlayable: false, title: { runs: [{ text: "[Private video]" }] } });
		const e = await failure({ browse: { [`VL${COURSE}`]: { fixture: HEADER_COURSE }, [recordedFirstToken(COURSE)]: { json: page } } }, COURSE);
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe("All 14 videos in this playlist are private, deleted or unavailable, so there is nothing to summarize.");
	});

	it("leave nothing to summarize when the only entry is one", async () => {
		const page = json(PAGE1_COURSE);
		const items = itemsOf(page);
		items.splice(1);
		Object.assign(renderer(items[0] as Json), { isPlayable: false, title: { runs: [{ text: "[Deleted video]" }] } });
		const e = await failure({ browse: { [`VL${COURSE}`]: { fixture: HEADER_COURSE }, [recordedFirstToken(COURSE)]: { json: page } } }, COURSE);
		expect(e.message).toBe("The only video in this playlist is private, deleted or unavailable, so there is nothing to summarize.");
	});
});

describe("titles are YouTube's text, kept as plain strings", () => {
	const HOSTILE = [
		'<img src=x onerror="alert(1)">',
		"[[Secret note]] ![x](https://evil.example/?q=1)",
		"Line one\n# Heading\n---\n```js",
		"&list=PLevil&v=dQw4w9WgXcQ#t=1",
		"{{title}} $(rm -rf ~) `code`",
	];

	it("never escaped, trimmed or acted on, and no title changes what is asked next", async () => {
		const header = json(HEADER_TOP150);
		const sidebar = (header.sidebar as Json).playlistSidebarRenderer as { items: Json[] };
		(sidebar.items[0]?.playlistSidebarPrimaryInfoRenderer as Json).title = { runs: [{ text: "</title><script>alert(1)</script>" }, { text: " ../../etc" }] };
		const page1 = json(PAGE1_TOP150);
		itemsOf(page1).forEach((item, i) => {
			const text = HOSTILE[i % HOSTILE.length];
			if (item.playlistVideoRenderer && text) renderer(item).title = { runs: [{ text }] };
		});
		const playlist = await read(top150Routes({ [`VL${TOP150}`]: { json: header }, [recordedFirstToken(TOP150)]: { json: page1 } }), TOP150);
		expect(playlist.title).toBe("</title><script>alert(1)</script> ../../etc");
		expect(playlist.videos.slice(0, 5).map((v) => v.title)).toEqual(HOSTILE);
		expect(playlist.videos.map((v) => v.id)).toEqual(TOP150_IDS);
		const requests = (fake?.asked ?? []).map((a) => a.request);
		expect(requests.map((r) => r.url)).toEqual([PLAYLIST_HEADER_URL, BROWSE_URL, BROWSE_URL]);
		expect(JSON.parse(requests[2]?.body ?? "")).toEqual({ context: WEB_CONTEXT, continuation: TOP150_PAGE2_TOKEN });
	});
});

describe("playlists that can't be read", () => {
	it("a playlist that doesn't exist, or is private (recorded answer)", async () => {
		const id = "PL11111111111111111111111111111111";
		const e = await failure({ browse: { [`VL${id}`]: { fixture: "newpipe/web_browse_playlist_does_not_exist_PL111.json" } } }, id);
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(
			"YouTube says: 'The playlist does not exist.' The playlist is private or was deleted, or the link is wrong. Only public and unlisted playlists can be read: check the link, or if the playlist is yours, set it to Unlisted on YouTube.",
		);
		expect(browseKeys()).toEqual([`VL${id}`]);
	});

	it("a playlist type YouTube won't show, as it answers for Mixes (recorded answer)", async () => {
		const e = await failure({ browse: { VLINVALID_ID: { fixture: "newpipe/web_browse_playlist_unviewable_INVALID_ID.json" } } }, "INVALID_ID");
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(
			"YouTube says: 'This playlist type is unviewable.' Mixes and other playlists YouTube makes up as you watch can't be read as a list. Summarize one of its videos instead, or save the videos you want to a playlist of your own, set it to Unlisted or Public, and paste that playlist's link.",
		);
		expect(browseKeys()).toEqual(["VLINVALID_ID"]);
	});

	it("any other ERROR alert, in YouTube's words", async () => {
		const alerts = [{ alertWithButtonRenderer: { type: "ERROR", text: { simpleText: "This playlist is not available in your country" } } }];
		const e = await failure({ browse: { [`VL${TOP150}`]: { json: { alerts } } } }, TOP150);
		expect(e.message).toBe(
			"YouTube says: 'This playlist is not available in your country'. The playlist can't be read from here. Check the link, or try again later.",
		);
	});

	it("an empty playlist", async () => {
		const page = json(PAGE1_COURSE);
		itemsOf(page).splice(0);
		const e = await failure({ browse: { [`VL${COURSE}`]: { fixture: HEADER_COURSE }, [recordedFirstToken(COURSE)]: { json: page } } }, COURSE);
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe("This playlist has no videos. Check the link; if the playlist is yours, add videos to it on YouTube.");
	});

	it("pages of item shapes never seen: YouTube changed something", async () => {
		const page = { onResponseReceivedActions: [{ appendContinuationItemsAction: { continuationItems: [{ shinyNewRenderer: { videoId: "u2ah9tWTkmk" } }] } }] };
		const e = await failure(top150Routes({ [recordedFirstToken(TOP150)]: { json: page } }), TOP150);
		expect(e.message).toBe("YouTube changed something, so the playlist couldn't be read. Update the plugin (or report it with the playlist link).");
	});

	// prettier-ignore
	it.each([
		["RDdoEcQv1wlsI", "That's a YouTube Mix: YouTube makes it up for each viewer and keeps adding to it, so it can't be read as a list. Summarize one of its videos instead, or save the videos you want to a playlist of your own, set it to Unlisted or Public, and paste that playlist's link."],
		["RDMM", "That's a YouTube Mix: YouTube makes it up for each viewer and keeps adding to it, so it can't be read as a list. Summarize one of its videos instead, or save the videos you want to a playlist of your own, set it to Unlisted or Public, and paste that playlist's link."],
		["WL", `"Watch later" is private to your YouTube account, and the plugin doesn't sign in to YouTube. To summarize those videos, save the videos you want to a playlist of your own, set it to Unlisted or Public, and paste that playlist's link.`],
		["LL", `"Liked videos" is private to your YouTube account, and the plugin doesn't sign in to YouTube. To summarize those videos, save the videos you want to a playlist of your own, set it to Unlisted or Public, and paste that playlist's link.`],
		["LM", `"Liked videos" is private to your YouTube account, and the plugin doesn't sign in to YouTube. To summarize those videos, save the videos you want to a playlist of your own, set it to Unlisted or Public, and paste that playlist's link.`],
	])("%s is refused before anything is asked", async (listId, message) => {
		const e = await failure({}, listId);
		expect(e.kind).toBe("input");
		expect(e.message).toBe(message);
		expect(fake?.asked).toEqual([]);
	});

	it.each(["", "PL123", "PL../../etc/passwd", "PLabc?list=x&v=y", "PLabcdefghij klm", "PLabcdefghij/klm", "PLé1234567890", "x".repeat(101)])(
		"the id %j is refused before anything is asked",
		async (listId) => {
			const e = await failure({}, listId);
			expect(e.kind).toBe("input");
			expect(e.message).toBe("That doesn't look like a YouTube playlist link. Paste a link like youtube.com/playlist?list=…");
			expect(fake?.asked).toEqual([]);
		},
	);
});

describe("failed requests", () => {
	it.each([
		[
			"Too many requests",
			status(429),
			'YouTube answered "Too many requests". It is temporarily blocking automated requests from your network (common on VPNs and work networks). Wait a few minutes or turn off the VPN and try again.',
		],
		["a server error", status(503), "YouTube's servers answered with an error (HTTP 503). Try again in a few minutes."],
		[
			"another status",
			status(400),
			"YouTube changed something, so the playlist couldn't be read (HTTP 400). Update the plugin (or report it with the playlist link).",
		],
		[
			"a body that is not JSON",
			ok("<html>Sorry…</html>"),
			"YouTube changed something, so the playlist couldn't be read. Update the plugin (or report it with the playlist link).",
		],
	])("%s, on the header or on a page", async (_, reply, message) => {
		for (const routes of [{ browse: { [`VL${TOP150}`]: reply } }, top150Routes({ [TOP150_PAGE2_TOKEN]: reply })]) {
			const e = await failure(routes, TOP150);
			expect(e.kind).toBe("youtube");
			expect(e.message).toBe(message);
			expect(fake?.unexpected).toEqual([]);
		}
	});

	it("no network", async () => {
		const e = await failure(top150Routes({ [TOP150_PAGE2_TOKEN]: new Error("getaddrinfo ENOTFOUND www.youtube.com") }), TOP150);
		expect(e.kind).toBe("network");
		expect(e.message).toBe("Couldn't reach YouTube — check your internet connection.");
		expect(e.detail).toBe("getaddrinfo ENOTFOUND www.youtube.com");
	});

	it("cancelled before the first request: nothing is asked", async () => {
		const controller = new AbortController();
		controller.abort();
		const e = await failure(top150Routes(), TOP150, undefined, controller.signal);
		expect(e.kind).toBe("cancelled");
		expect(e.message).toBe("Fetching the playlist was cancelled.");
		expect(fake?.asked).toEqual([]);
	});

	it("cancelled between pages: the next page is not asked", async () => {
		const controller = new AbortController();
		const afterPageOne = (youtube: FakeYouTube): Http => {
			return async (request) => {
				const answer = await youtube.http(request);
				if (youtube.asked.length === 2) controller.abort();
				return answer;
			};
		};
		const e = await failure(top150Routes(), TOP150, afterPageOne, controller.signal);
		expect(e.kind).toBe("cancelled");
		expect(browseKeys()).toEqual([`VL${TOP150}`, recordedFirstToken(TOP150)]);
	});

	it("each request carries the signal", async () => {
		const controller = new AbortController();
		fake = fakeYouTube(top150Routes());
		await fetchPlaylist(fake.http, TOP150, { signal: controller.signal });
		expect(fake.asked.map((a) => a.request.signal)).toEqual([controller.signal, controller.signal, controller.signal]);
	});
});

describe("playlistKind", () => {
	it.each([
		["PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr", "playlist"],
		["OLAK5uy_lEBUW9iTwqf0IlYPxZ8LrzpgqjAHZgZpM", "playlist"],
		["UUMOQuLXlFNAeDJMSmuzHU5axw", "playlist"],
		["RDCLAK5uy_ly6s4irLuZAcjEDwJmqcA_UtSipMyGgbQ", "playlist"],
		["RDdoEcQv1wlsI", "mix"],
		["RDAMVMdQw4w9WgXcQ", "mix"],
		["RDGMEMYH9CUrFO7CfLJpaD7UR85wVMkINJeTNFbpg", "mix"],
		["RDMM", "mix"],
		["WL", "watch-later"],
		["LL", "liked"],
		["LM", "liked"],
		["LLUw7I9FO85uTW8GSgK8DuRA", "liked"],
	])("%s is a %s", (listId, kind) => {
		expect(playlistKind(listId)).toBe(kind);
	});
});
