import { qrSvg, stageData } from '$lib/server/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const data = await stageData(event);
	return { ...data, qr: await qrSvg(data.audienceUrl) };
};
